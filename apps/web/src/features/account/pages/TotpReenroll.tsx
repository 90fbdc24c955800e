import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { confirmTotp, enrollTotp } from '../../../api/endpoints';
import type { TotpEnrollResponse } from '../../../api/types';
import { useUser } from '../../../auth/MeProvider';
import { refreshMe } from '../../../auth/session';
import { showApiError } from '../../../components/feedback';
import { TotpEnrollPanel } from '../../../components/TotpEnrollPanel';

/** Re-enrol TOTP from the account page (POST /api/auth/totp/enroll + confirm, stage `done`). */
export function TotpReenroll() {
  const user = useUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [enrollment, setEnrollment] = useState<TotpEnrollResponse | null>(null);

  const start = useMutation({
    mutationFn: (regenerate: boolean) => enrollTotp(regenerate),
    onSuccess: setEnrollment,
    onError: (err) => showApiError(err),
  });

  return (
    <Card variant="borderless" title="动态口令（双因素认证）">
      <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
        <Space>
          <Typography.Text>当前状态：</Typography.Text>
          {user.totpEnabled ? <Tag color="success">已绑定</Tag> : <Tag>未绑定</Tag>}
          {user.totpRequired && <Tag color="blue">按规定必须启用</Tag>}
        </Space>
        {!enrollment ? (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              更换手机或身份验证器应用时，可重新绑定动态口令。重新绑定后，原身份验证器中的口令将失效。
            </Typography.Paragraph>
            <div>
              <Popconfirm
                title="重新绑定动态口令"
                description="将生成新的密钥，确认继续？"
                okText="继续"
                cancelText="取消"
                onConfirm={() => start.mutateAsync(false).catch(() => undefined)}
              >
                <Button loading={start.isPending}>{user.totpEnabled ? '重新绑定' : '绑定动态口令'}</Button>
              </Popconfirm>
            </div>
          </>
        ) : (
          <>
            <Alert type="warning" showIcon message="请在完成下方确认后再删除旧的身份验证器条目。" />
            <TotpEnrollPanel
              enrollment={enrollment}
              submitText="确认绑定"
              onRegenerate={() =>
                start.mutateAsync(true).then(
                  () => undefined,
                  () => undefined,
                )
              }
              onConfirm={async (code) => {
                await confirmTotp(code);
                setEnrollment(null);
                message.success('动态口令已重新绑定');
                await refreshMe(qc);
              }}
            />
            <Button onClick={() => setEnrollment(null)}>取消</Button>
          </>
        )}
      </Space>
    </Card>
  );
}
