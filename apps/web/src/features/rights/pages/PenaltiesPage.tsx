import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PENALTY_BASES, PENALTY_KIND_LABELS, penaltyBasisLabel, VIOLATION_KIND_LABELS } from '@mwsp/domain';
import { PageCard } from '../../../components/PageCard';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import { dateStamp, saveFile } from '../../../components/download';
import { errorText } from '../../../components/feedback';
import { PAGE_SIZES } from '../../../components/listParams';
import { formatYuanText } from '../../../components/money';
import { downloadPenalties, getPenalties, penaltyKeys, type Penalty, type PenaltyQuery } from '../api';
import { PenaltyPrintButtons } from '../components/PenaltyPrintButtons';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const BASIS_OPTIONS = PENALTY_BASES.map((b) => ({ value: b.code, label: penaltyBasisLabel(b) }));

/** /penalties — 行政处罚: the decisions of labour inspection in the user's scope, filtered, exported. */
export default function PenaltiesPage() {
  const [query, setQuery] = useState<PenaltyQuery>({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: penaltyKeys.list(query),
    queryFn: ({ signal }) => getPenalties(query, signal),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<PenaltyQuery>) => setQuery({ ...query, ...patch, page: 1 });
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = saveFile(await downloadPenalties(query), `行政处罚决定_${dateStamp()}.xlsx`);
      void message.success(`已导出 ${name}`); // a toast: nothing to wait for
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Penalty> = [
    {
      title: '决定书文号',
      dataIndex: 'decisionNo',
      render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
    },
    { title: '决定日期', dataIndex: 'decidedOn', width: 110 },
    { title: '用人单位', dataIndex: 'employerName' },
    { title: '违法行为', dataIndex: 'violationName', width: 170 },
    {
      title: '处罚种类',
      dataIndex: 'penaltyName',
      width: 100,
      render: (v: string, r) => <Tag color={r.penaltyKind === 'fine' ? 'red' : 'default'}>{v}</Tag>,
    },
    {
      title: '罚款金额',
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : formatYuanText(v)),
    },
    { title: '法律依据', dataIndex: 'basisName' },
    {
      title: '事先告知',
      key: 'notice',
      width: 190,
      render: (_, r) => (
        <Typography.Text type="secondary">
          {r.noticedOn} {r.noticeNo}
          {r.hearingNotified ? '（含听证告知）' : ''}
        </Typography.Text>
      ),
    },
    { title: '区划', dataIndex: 'regionName', width: 140, render: (v: string | null, r) => v ?? r.regionCode },
    {
      title: '操作',
      key: 'print',
      width: 200,
      fixed: 'right',
      render: (_, r) => <PenaltyPrintButtons id={r.id} />,
    },
  ];

  return (
    <PageCard
      title="行政处罚"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="决定书文号或用人单位"
          allowClear
          enterButton="搜索"
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 280 }}
        />
        <RegionTreeSelect
          placeholder="区划（含下级）"
          style={{ width: 220 }}
          value={query.regionCode}
          onChange={(regionCode) => set({ regionCode })}
        />
        <Select
          allowClear
          placeholder="全部违法行为"
          style={{ width: 220 }}
          options={options(VIOLATION_KIND_LABELS)}
          onChange={(violationKind?: PenaltyQuery['violationKind']) => set({ violationKind })}
        />
        <Select
          allowClear
          placeholder="全部处罚种类"
          style={{ width: 150 }}
          options={options(PENALTY_KIND_LABELS)}
          onChange={(penaltyKind?: PenaltyQuery['penaltyKind']) => set({ penaltyKind })}
        />
        <Select
          allowClear
          placeholder="全部法律依据"
          style={{ width: 320 }}
          options={BASIS_OPTIONS}
          onChange={(basisCode?: PenaltyQuery['basisCode']) => set({ basisCode })}
        />
        <DatePicker.RangePicker
          placeholder={['决定日期起', '决定日期止']}
          onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
            set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
          }
        />
      </Space>
      <Table<Penalty>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1300 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: q.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 件，罚款合计 ${formatYuanText(q.data?.finesFen ?? 0)}`,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
      />
    </PageCard>
  );
}
