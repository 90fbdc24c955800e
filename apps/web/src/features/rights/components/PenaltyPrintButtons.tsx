import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { penaltyDocumentUrl } from '../api';

/** 打印决定书 / 打印告知书: the printable documents of a decision, each in a new tab (as the evidence packages). */
export function PenaltyPrintButtons({ id }: { id: string }) {
  const open = (kind: 'decision' | 'notice') => window.open(penaltyDocumentUrl(id, kind), '_blank', 'noopener');
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<PrinterOutlined />} onClick={() => open('decision')}>
        打印决定书
      </Button>
      <Button type="link" size="small" onClick={() => open('notice')}>
        打印告知书
      </Button>
    </Space>
  );
}
