import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { formatFen, inputToFen, yuanRule } from '../../../components/money';
import { PageCard } from '../../../components/PageCard';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  INCUBATOR_KIND_LABELS,
  createIncubator,
  exportRegister,
  createLoan,
  decideLoan,
  getIncubators,
  getLoanCap,
  getLoans,
  options,
  type Incubator,
  type Loan,
} from '../api';
import { CreateModal } from '../components/CreateModal';
import { ExportButton } from '../components/ExportButton';
import { ProgramTable } from '../components/ProgramTable';
import { WorkerPicker } from '../components/WorkerPicker';

type Tab = 'loans' | 'incubators';
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const STATUS_COLOR: Record<string, string> = {
  submitted: 'processing',
  approved: 'success',
  rejected: 'default',
  disbursed: 'green',
};
const DECISIONS: Record<string, { value: 'approved' | 'rejected' | 'disbursed'; label: string }[]> = {
  submitted: [
    { value: 'approved', label: '银行批准' },
    { value: 'rejected', label: '银行不批准' },
  ],
  approved: [{ value: 'disbursed', label: '已放款' }],
};

/** /programs/startup — 创业扶持: startup guaranteed loans (with the bank's decision) and incubators/parks. */
export default function StartupPage() {
  const { can } = useMe();
  const [tab, setTab] = useState<Tab>('loans');
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<Loan | null>(null);
  const cap = useQuery({ queryKey: ['programs', 'loan-cap'], queryFn: ({ signal }) => getLoanCap(signal) });
  const handle = can('employment:handle');
  return (
    <PageCard
      title="创业扶持"
      extra={
        handle ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {tab === 'loans' ? '登记贷款申请' : '登记孵化基地（园区）'}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'loans', label: '创业担保贷款' },
          { key: 'incubators', label: '创业孵化基地与创业园区' },
        ]}
      />
      {tab === 'loans' ? (
        <>
          <Typography.Paragraph type="secondary">
            个人创业担保贷款最高额度：{cap.data ? `${formatFen(cap.data.capFen)} 元` : '—'}（本市参数）
          </Typography.Paragraph>
          <ProgramTable<Loan>
            what="loans"
            toolbar={(f) => <ExportButton name="创业担保贷款" run={() => exportRegister('loans', f)} />}
            fetch={getLoans}
            searchPlaceholder="创业项目或银行"
            unit="笔"
            columns={[
              { title: '创业项目', dataIndex: 'business', ellipsis: true },
              { title: '所在地', dataIndex: 'regionName', width: 200, ellipsis: true },
              {
                title: '申请金额（元）',
                dataIndex: 'amountFen',
                width: 140,
                align: 'right',
                render: (v: number) => formatFen(v),
              },
              { title: '经办银行', dataIndex: 'bank', width: 140 },
              { title: '申请日期', dataIndex: 'appliedOn', width: 110 },
              {
                title: '状态',
                dataIndex: 'statusName',
                width: 170,
                render: (v: string, l) => <Tag color={STATUS_COLOR[l.status]}>{v}</Tag>,
              },
              {
                title: '批准金额（元）',
                dataIndex: 'approvedFen',
                width: 140,
                align: 'right',
                render: (v: number | null) => (v == null ? '—' : formatFen(v)),
              },
              ...(handle
                ? [
                    {
                      title: '',
                      key: 'op',
                      width: 110,
                      render: (_: unknown, l: Loan) =>
                        DECISIONS[l.status] ? (
                          <Typography.Link onClick={() => setDeciding(l)}>登记审批结果</Typography.Link>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </>
      ) : (
        <ProgramTable<Incubator>
          what="incubators"
          toolbar={(f) => <ExportButton name="创业孵化基地与园区" run={() => exportRegister('incubators', f)} />}
          fetch={getIncubators}
          searchPlaceholder="名称或运营单位"
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kindName', width: 130 },
            { title: '所在地', dataIndex: 'regionName', width: 200, ellipsis: true },
            { title: '运营单位', dataIndex: 'operator', width: 180, ellipsis: true },
            { title: '设立日期', dataIndex: 'openedOn', width: 110 },
            { title: '入驻企业', key: 'b', width: 100, align: 'right', render: (_, i) => i.businesses.length },
            { title: '带动就业', dataIndex: 'jobsCreated', width: 100, align: 'right' },
          ]}
        />
      )}
      {creating && tab === 'loans' && (
        <CreateModal<{
          workerId: string;
          regionCode: string;
          business: string;
          amount: string;
          bank: string;
          appliedOn: Dayjs;
        }>
          title="登记创业担保贷款申请"
          onClose={() => setCreating(false)}
          submit={(v) =>
            createLoan({
              workerId: v.workerId,
              regionCode: v.regionCode,
              business: v.business,
              amountFen: inputToFen(v.amount),
              bank: v.bank,
              appliedOn: day(v.appliedOn),
            })
          }
        >
          <Form.Item name="workerId" label="申请人" rules={[{ required: true, message: '请选择申请人' }]}>
            <WorkerPicker />
          </Form.Item>
          <Form.Item name="regionCode" label="创业项目所在地" rules={[{ required: true, message: '请选择区划' }]}>
            <RegionTreeSelect />
          </Form.Item>
          <Form.Item
            name="business"
            label="创业项目"
            rules={[{ required: true, whitespace: true, message: '请填写创业项目' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="amount"
            label="申请金额（元）"
            rules={[
              yuanRule({
                positive: true,
                label: '申请金额',
                maxFen: cap.data?.capFen,
                maxText: cap.data ? `申请金额超过个人创业担保贷款最高额度 ${formatFen(cap.data.capFen)} 元` : undefined,
              }),
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item
            name="bank"
            label="经办银行"
            rules={[{ required: true, whitespace: true, message: '请填写经办银行' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="appliedOn" label="申请日期" rules={[{ required: true, message: '请选择申请日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </CreateModal>
      )}
      {creating && tab === 'incubators' && (
        <CreateModal<{
          regionCode: string;
          kind: keyof typeof INCUBATOR_KIND_LABELS;
          name: string;
          operator: string;
          address?: string;
          openedOn: Dayjs;
          businesses?: { name: string; jobs?: number }[];
        }>
          title="登记创业孵化基地（园区）"
          width={640}
          onClose={() => setCreating(false)}
          initialValues={{ kind: 'incubator' }}
          submit={(v) =>
            createIncubator({
              regionCode: v.regionCode,
              kind: v.kind,
              name: v.name,
              operator: v.operator,
              address: v.address ?? '',
              openedOn: day(v.openedOn),
              businesses: (v.businesses ?? []).map((b) => ({ name: b.name, jobs: b.jobs ?? 0 })),
            })
          }
        >
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={options(INCUBATOR_KIND_LABELS)} />
          </Form.Item>
          <Form.Item name="regionCode" label="所在区划" rules={[{ required: true, message: '请选择区划' }]}>
            <RegionTreeSelect />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="operator"
            label="运营单位"
            rules={[{ required: true, whitespace: true, message: '请填写运营单位' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="address" label="地址">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="openedOn" label="设立日期" rules={[{ required: true, message: '请选择设立日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.List name="businesses">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                      <Input placeholder="入驻企业（项目）" style={{ width: 300 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'jobs']}>
                      <InputNumber min={0} placeholder="带动就业人数" style={{ width: 140 }} />
                    </Form.Item>
                    <Typography.Link onClick={() => remove(f.name)}>删除</Typography.Link>
                  </Space>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
                  添加入驻企业
                </Button>
              </>
            )}
          </Form.List>
        </CreateModal>
      )}
      {deciding && (
        <CreateModal<{
          decision: 'approved' | 'rejected' | 'disbursed';
          decidedOn: Dayjs;
          approved?: string;
          note?: string;
        }>
          title={`登记银行审批结果：${deciding.business}`}
          okText="保存"
          onClose={() => setDeciding(null)}
          initialValues={{ decision: DECISIONS[deciding.status]?.[0]?.value }}
          submit={(v) =>
            decideLoan(deciding.id, {
              decision: v.decision,
              decidedOn: day(v.decidedOn),
              approvedFen: v.decision === 'approved' && v.approved ? inputToFen(v.approved) : null,
              note: v.note ?? '',
              version: deciding.version,
            })
          }
        >
          <Form.Item name="decision" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
            <Select options={DECISIONS[deciding.status] ?? []} />
          </Form.Item>
          <Form.Item name="decidedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="approved"
            label="批准金额（元，批准时填写）"
            rules={[yuanRule({ required: false, label: '批准金额' })]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="note" label="审批意见">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </CreateModal>
      )}
    </PageCard>
  );
}
