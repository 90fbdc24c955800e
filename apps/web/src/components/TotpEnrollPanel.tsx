import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Skeleton, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { TotpEnrollResponse } from '../api/types';
import { TotpCodeForm } from './TotpCodeForm';

interface Props {
  enrollment: TotpEnrollResponse;
  submitText?: string;
  onConfirm: (code: string) => Promise<void>;
  /** 重新生成: replaces the pending secret (after a confirmation). */
  onRegenerate?: () => Promise<void>;
}

/** QR code + secret of a fresh TOTP enrolment, and the code input confirming it. */
export function TotpEnrollPanel({ enrollment, submitText = '确认绑定', onConfirm, onRegenerate }: Props) {
  const [regenerating, setRegenerating] = useState(false);
  const { message } = App.useApp();
  const [qr, setQr] = useState<string | null>(null);
  const [qrFailed, setQrFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setQr(null);
    setQrFailed(false);
    QRCode.toDataURL(enrollment.otpauthUrl, { width: 200, margin: 1, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (!cancelled) setQr(url);
      })
      .catch(() => {
        if (!cancelled) setQrFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [enrollment.otpauthUrl]);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(enrollment.secret);
      message.success('密钥已复制');
    } catch {
      message.error('复制失败，请手动选择密钥文本复制');
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        1. 在手机上打开身份验证器应用（如 FreeOTP、Google Authenticator、Microsoft Authenticator 等），扫描下方二维码；
        无法扫码时，可手动输入密钥。
      </Typography.Paragraph>
      <Flex justify="center">
        {qr ? (
          <img src={qr} alt="动态口令绑定二维码" width={200} height={200} data-testid="totp-qr" />
        ) : qrFailed ? (
          <Typography.Text type="danger">二维码生成失败，请使用下方密钥手动添加</Typography.Text>
        ) : (
          <Skeleton.Image active style={{ width: 200, height: 200 }} />
        )}
      </Flex>
      <div>
        <Typography.Text type="secondary">密钥（手动输入时使用）：</Typography.Text>
        <Flex align="center" gap={8} wrap>
          <code
            data-testid="totp-secret"
            style={{
              fontSize: 15,
              padding: '4px 8px',
              background: '#f5f5f5',
              border: '1px solid #e8e8e8',
              borderRadius: 4,
              wordBreak: 'break-all',
              userSelect: 'all',
            }}
          >
            {enrollment.secret}
          </code>
          <Button size="small" icon={<CopyOutlined />} onClick={copySecret}>
            复制
          </Button>
          {onRegenerate && (
            <Popconfirm
              title="重新生成密钥"
              description="原密钥将作废，已扫描的条目需从身份验证器中删除后重新扫描。确认重新生成？"
              okText="重新生成"
              cancelText="取消"
              onConfirm={async () => {
                setRegenerating(true);
                try {
                  await onRegenerate();
                } finally {
                  setRegenerating(false);
                }
              }}
            >
              <Button size="small" icon={<ReloadOutlined />} loading={regenerating} data-testid="totp-regenerate">
                重新生成
              </Button>
            </Popconfirm>
          )}
        </Flex>
        {enrollment.pending && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="totp-pending-note">
            这是您此前获取、尚未确认的密钥；如已添加到身份验证器，直接输入口令即可。
          </Typography.Text>
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        2. 添加完成后，输入应用中显示的 6 位动态口令完成绑定。
      </Typography.Paragraph>
      <TotpCodeForm submitText={submitText} onSubmit={onConfirm} />
    </Space>
  );
}
