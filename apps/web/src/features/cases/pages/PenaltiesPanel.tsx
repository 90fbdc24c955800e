import { useQuery } from '@tanstack/react-query';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Typography } from 'antd';
import { formatYuanText } from '../../../components/money';
import { getPenalties, penaltyDocumentUrl, penaltyKeys, type Penalty } from '../../rights/api';

/** 行政处罚决定 of an inspection case (the rights register filtered by the case). */
export function PenaltiesPanel({ caseId }: { caseId: string }) {
  const query = { caseId, page: 1, pageSize: 50 };
  const q = useQuery({ queryKey: penaltyKeys.list(query), queryFn: ({ signal }) => getPenalties(query, signal) });
  const items = q.data?.items ?? [];
  return (
    <Card size="small" title="行政处罚决定" data-testid="case-penalties">
      {items.length === 0 && !q.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未作出行政处罚决定" />
      ) : (
        <Table<Penalty>
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.isLoading}
          dataSource={items}
          columns={[
            { title: '决定书文号', dataIndex: 'decisionNo' },
            { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
            { title: '违法行为', dataIndex: 'violationName' },
            { title: '处罚种类', dataIndex: 'penaltyName', width: 90 },
            {
              title: '罚款金额',
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : formatYuanText(v)),
            },
            { title: '法律依据', dataIndex: 'basisName' },
            {
              title: '事先告知',
              key: 'notice',
              render: (_, r) => (
                <Typography.Text type="secondary">
                  {r.noticedOn}
                  {r.hearingNotified ? '（含听证告知）' : ''}
                </Typography.Text>
              ),
            },
            {
              title: '操作',
              key: 'print',
              width: 120,
              // Opens in a new tab, as the evidence packages do (the rights page also prints the 告知书).
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  icon={<PrinterOutlined />}
                  onClick={() => window.open(penaltyDocumentUrl(r.id), '_blank', 'noopener')}
                >
                  打印决定书
                </Button>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
