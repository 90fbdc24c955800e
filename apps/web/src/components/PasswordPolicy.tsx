import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';

export const PASSWORD_MIN_LENGTH = 12;

/** Number of character classes (upper, lower, digit, symbol) present in `pwd`. */
export function passwordClassCount(pwd: string): number {
  let n = 0;
  if (/[A-Z]/.test(pwd)) n++;
  if (/[a-z]/.test(pwd)) n++;
  if (/[0-9]/.test(pwd)) n++;
  if (/[^A-Za-z0-9]/.test(pwd)) n++;
  return n;
}

type Check = 'ok' | 'bad' | 'server';

function Rule({ state, text }: { state: Check; text: string }) {
  const icon =
    state === 'ok' ? (
      <CheckCircleFilled style={{ color: '#52c41a' }} />
    ) : state === 'bad' ? (
      <CloseCircleFilled style={{ color: '#bfbfbf' }} />
    ) : (
      <InfoCircleOutlined style={{ color: '#1677ff' }} />
    );
  return (
    <Space size={6} align="start">
      {icon}
      <Typography.Text type={state === 'ok' ? undefined : 'secondary'}>{text}</Typography.Text>
    </Space>
  );
}

/** The password policy, with live indication of the rules that can be checked in the browser. */
export function PasswordPolicy({ password, username }: { password: string; username?: string }) {
  const lengthOk = password.length >= PASSWORD_MIN_LENGTH;
  const classesOk = passwordClassCount(password) >= 3;
  const containsUser = !!username && password.toLowerCase().includes(username.toLowerCase());
  return (
    <div
      style={{
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '8px 12px',
        marginBottom: 16,
      }}
    >
      <Typography.Text strong>密码要求</Typography.Text>
      <Space direction="vertical" size={2} style={{ display: 'flex', marginTop: 4 }}>
        <Rule state={lengthOk ? 'ok' : 'bad'} text={`长度不少于 ${PASSWORD_MIN_LENGTH} 位`} />
        <Rule state={classesOk ? 'ok' : 'bad'} text="至少包含大写字母、小写字母、数字、特殊符号中的 3 类" />
        <Rule state={password && username ? (containsUser ? 'bad' : 'ok') : 'bad'} text="不得包含用户名" />
        <Rule state="server" text="不得使用常见弱密码" />
        <Rule state="server" text="不得与最近 5 次使用过的密码相同" />
      </Space>
    </div>
  );
}
