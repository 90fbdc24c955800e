import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';

interface Props {
  open: boolean;
  title: string;
  label: string;
  secret: string | null;
  description?: string;
  onClose: () => void;
}

/** Shows a one-time secret (initial password, API token) with a copy button and a "shown only once" warning. */
export function OneTimeSecretModal({ open, title, label, secret, description, onClose }: Props) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      message.success('已复制到剪贴板');
    } catch {
      message.error('复制失败，请手动选择文本复制');
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已妥善保存
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
        <Alert
          type="warning"
          showIcon
          message="此内容仅显示一次"
          description="关闭本窗口后将无法再次查看，请立即复制并通过安全渠道交给使用人。"
        />
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
        <div>
          <Typography.Text strong>{label}：</Typography.Text>
          <Space.Compact style={{ display: 'flex', marginTop: 6 }}>
            <code
              data-testid="one-time-secret"
              style={{
                flex: 1,
                padding: '5px 10px',
                background: '#f5f5f5',
                border: '1px solid #d9d9d9',
                borderRadius: '6px 0 0 6px',
                wordBreak: 'break-all',
                userSelect: 'all',
                fontSize: 15,
              }}
            >
              {secret}
            </code>
            <Button icon={<CopyOutlined />} onClick={copy}>
              复制
            </Button>
          </Space.Compact>
        </div>
      </Space>
    </Modal>
  );
}
