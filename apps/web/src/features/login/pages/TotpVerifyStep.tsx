import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Flex, Typography } from 'antd';
import { verifyTotp } from '../../../api/endpoints';
import { refreshMe } from '../../../auth/session';
import { TotpCodeForm } from '../../../components/TotpCodeForm';

/** Second factor at sign-in (stage `totp`). */
export default function TotpVerifyStep() {
  const qc = useQueryClient();
  return (
    <>
      <Flex vertical align="center" style={{ marginBottom: 16 }}>
        <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1677ff' }} />
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          动态口令验证
        </Typography.Title>
        <Typography.Text type="secondary">请打开已绑定的身份验证器应用，输入当前显示的 6 位动态口令</Typography.Text>
      </Flex>
      <TotpCodeForm
        submitText="验证并登录"
        onSubmit={async (code) => {
          await verifyTotp(code);
          await refreshMe(qc);
        }}
      />
    </>
  );
}
