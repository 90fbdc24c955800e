import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Tabs } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { OCCUPATIONS } from '@mwsp/domain';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { formatFen, inputToFen, yuanRule } from '../../../components/money';
import { PageCard } from '../../../components/PageCard';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  OUTBOUND_STATUS_LABELS,
  createDemand,
  createOutbound,
  exportSurvey,
  getDemand,
  getOutbound,
  getSurveyResults,
  options,
  programKeys,
  type DemandSurvey,
  type OutboundSurvey,
  type SurveyKind,
} from '../api';
import { CreateModal } from '../components/CreateModal';
import { ExportButton } from '../components/ExportButton';
import { ProgramTable } from '../components/ProgramTable';
import { RegionResultsView } from '../components/RegionResultsView';
import { WorkerPicker } from '../components/WorkerPicker';

const OCCUPATION_OPTIONS = OCCUPATIONS.map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }));
const TITLES: Record<SurveyKind, string> = { demand: '季节性用工需求调查', outbound: '外出务工人员就业情况调查' };

/** /programs/surveys — 用工调查: the two survey forms, their lists, results by county and the Excel export. */
export default function SurveysPage() {
  const { can } = useMe();
  const [kind, setKind] = useState<SurveyKind>('demand');
  const [creating, setCreating] = useState(false);
  const results = useQuery({
    queryKey: programKeys.results('survey', { kind }),
    queryFn: ({ signal }) => getSurveyResults(kind, signal),
  });
  const demandColumns: TableColumnsType<DemandSurvey> = [
    { title: '调查期次', dataIndex: 'period', width: 140 },
    { title: '企业', dataIndex: 'employerName', ellipsis: true },
    { title: '所在地', dataIndex: 'regionName', width: 200, ellipsis: true },
    { title: '职业（工种）', dataIndex: 'occupationName', width: 140 },
    { title: '需求人数', dataIndex: 'headcount', width: 100, align: 'right' },
    { title: '月工资（元）', dataIndex: 'wageFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
    { title: '调查日期', dataIndex: 'surveyedOn', width: 110 },
  ];
  const outboundColumns: TableColumnsType<OutboundSurvey> = [
    { title: '调查期次', dataIndex: 'period', width: 140 },
    { title: '登记地', dataIndex: 'regionName', width: 200, ellipsis: true },
    { title: '务工地', dataIndex: 'destination', ellipsis: true },
    { title: '职业（工种）', dataIndex: 'occupationName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '月收入（元）',
      dataIndex: 'incomeFen',
      width: 130,
      align: 'right',
      render: (v: number | null) => (v == null ? '—' : formatFen(v)),
    },
    { title: '就业状态', dataIndex: 'statusName', width: 140 },
    { title: '调查日期', dataIndex: 'surveyedOn', width: 110 },
  ];
  return (
    <PageCard
      title="用工调查"
      extra={
        can('employment:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            录入{TITLES[kind]}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as SurveyKind)}
        items={(['demand', 'outbound'] as const).map((k) => ({ key: k, label: TITLES[k] }))}
      />
      {kind === 'demand' ? (
        <ProgramTable<DemandSurvey>
          what="demand"
          fetch={getDemand}
          columns={demandColumns}
          searchPlaceholder="企业名称或期次"
          toolbar={(f) => <ExportButton name={TITLES.demand} run={() => exportSurvey('demand', f)} />}
        />
      ) : (
        <ProgramTable<OutboundSurvey>
          what="outbound"
          fetch={getOutbound}
          columns={outboundColumns}
          searchPlaceholder="务工地或期次"
          toolbar={(f) => <ExportButton name={TITLES.outbound} run={() => exportSurvey('outbound', f)} />}
        />
      )}
      <Card size="small" title="调查结果（按区县）" style={{ marginTop: 16 }}>
        <RegionResultsView
          data={results.data}
          chart={kind === 'demand' ? ['headcount'] : ['employed', 'selfEmployed', 'seeking', 'returned']}
        />
      </Card>
      {creating && kind === 'demand' && <DemandModal onClose={() => setCreating(false)} />}
      {creating && kind === 'outbound' && <OutboundModal onClose={() => setCreating(false)} />}
    </PageCard>
  );
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function DemandModal({ onClose }: { onClose: () => void }) {
  return (
    <CreateModal<{
      period: string;
      surveyedOn: Dayjs;
      regionCode: string;
      employerName: string;
      occupation: string;
      headcount: number;
      wage: string;
    }>
      title="录入季节性用工需求调查"
      onClose={onClose}
      submit={(v) =>
        createDemand({
          period: v.period,
          surveyedOn: day(v.surveyedOn),
          regionCode: v.regionCode,
          employerName: v.employerName,
          occupation: v.occupation,
          headcount: v.headcount,
          wageFen: inputToFen(v.wage),
        })
      }
    >
      <Form.Item
        name="period"
        label="调查期次"
        rules={[{ required: true, whitespace: true, message: '请填写调查期次' }]}
      >
        <Input placeholder="如 2026年春节后" maxLength={30} />
      </Form.Item>
      <Form.Item name="surveyedOn" label="调查日期" rules={[{ required: true, message: '请选择调查日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="regionCode" label="企业所在区划" rules={[{ required: true, message: '请选择区划' }]}>
        <RegionTreeSelect />
      </Form.Item>
      <Form.Item
        name="employerName"
        label="企业名称"
        rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="occupation" label="职业（工种）" rules={[{ required: true, message: '请选择职业' }]}>
        <Select showSearch optionFilterProp="label" options={OCCUPATION_OPTIONS} />
      </Form.Item>
      <Form.Item name="headcount" label="需求人数" rules={[{ required: true, message: '请填写需求人数' }]}>
        <InputNumber min={1} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="wage" label="拟支付月工资（元）" rules={[yuanRule({ positive: true, label: '月工资' })]}>
        <Input inputMode="decimal" />
      </Form.Item>
    </CreateModal>
  );
}

function OutboundModal({ onClose }: { onClose: () => void }) {
  return (
    <CreateModal<{
      period: string;
      surveyedOn: Dayjs;
      workerId: string;
      destination: string;
      occupation?: string;
      income?: string;
      status: keyof typeof OUTBOUND_STATUS_LABELS;
    }>
      title="录入外出务工人员就业情况调查"
      onClose={onClose}
      initialValues={{ status: 'employed' }}
      submit={(v) =>
        createOutbound({
          period: v.period,
          surveyedOn: day(v.surveyedOn),
          workerId: v.workerId,
          destination: v.destination,
          occupation: v.occupation ?? null,
          incomeFen: v.income ? inputToFen(v.income) : null,
          status: v.status,
        })
      }
    >
      <Form.Item
        name="period"
        label="调查期次"
        rules={[{ required: true, whitespace: true, message: '请填写调查期次' }]}
      >
        <Input placeholder="如 2026年一季度" maxLength={30} />
      </Form.Item>
      <Form.Item name="surveyedOn" label="调查日期" rules={[{ required: true, message: '请选择调查日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="workerId" label="被调查人" rules={[{ required: true, message: '请选择务工人员' }]}>
        <WorkerPicker />
      </Form.Item>
      <Form.Item
        name="destination"
        label="务工地"
        rules={[{ required: true, whitespace: true, message: '请填写务工地' }]}
      >
        <Input placeholder="如 浙江省宁波市" maxLength={100} />
      </Form.Item>
      <Form.Item name="occupation" label="职业（工种）">
        <Select allowClear showSearch optionFilterProp="label" options={OCCUPATION_OPTIONS} />
      </Form.Item>
      <Form.Item name="income" label="月收入（元）" rules={[yuanRule({ required: false, label: '月收入' })]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="status" label="就业状态" rules={[{ required: true, message: '请选择就业状态' }]}>
        <Select options={options(OUTBOUND_STATUS_LABELS)} />
      </Form.Item>
    </CreateModal>
  );
}
