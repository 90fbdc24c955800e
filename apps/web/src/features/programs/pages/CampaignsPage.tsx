import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { PageCard } from '../../../components/PageCard';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  CAMPAIGN_KIND_LABELS,
  createCampaign,
  createFair,
  exportRegister,
  getCampaign,
  getCampaignResults,
  getCampaigns,
  options,
  programKeys,
  putFairResults,
  type Campaign,
  type CampaignInput,
  type Fair,
} from '../api';
import { CreateModal } from '../components/CreateModal';
import { ExportButton } from '../components/ExportButton';
import { MatchWeightsCard } from '../components/MatchWeightsCard';
import { ProgramTable } from '../components/ProgramTable';
import { RegionResultsView } from '../components/RegionResultsView';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** /programs/campaigns — 招聘活动: campaigns (春风行动 …), their fairs and results by county (chart and table). */
export default function CampaignsPage() {
  const { can } = useMe();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const results = useQuery({
    queryKey: programKeys.results('campaigns'),
    queryFn: ({ signal }) => getCampaignResults(undefined, signal),
  });
  const columns: TableColumnsType<Campaign> = [
    {
      title: '活动名称',
      dataIndex: 'name',
      render: (v: string, r) => <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>,
    },
    { title: '类型', dataIndex: 'kindName', width: 130 },
    { title: '时间', key: 'dates', width: 210, render: (_, r) => `${r.startDate} 至 ${r.endDate}` },
    { title: '组织单位', dataIndex: 'organiser', width: 200, ellipsis: true },
    { title: '招聘会', dataIndex: 'fairs', width: 80, align: 'right' },
    { title: '入场', dataIndex: 'attendees', width: 90, align: 'right' },
    { title: '推荐', dataIndex: 'referrals', width: 90, align: 'right' },
    { title: '达成意向', dataIndex: 'hires', width: 100, align: 'right' },
  ];
  return (
    <PageCard
      title="招聘活动"
      extra={
        can('employment:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记招聘活动
          </Button>
        ) : null
      }
    >
      <ProgramTable<Campaign>
        what="campaigns"
        fetch={getCampaigns}
        columns={columns}
        unit="项"
        toolbar={(f) => <ExportButton name="招聘活动" run={() => exportRegister('campaigns', f)} />}
      />
      <Card size="small" title="招聘会成效（按区县）" style={{ marginTop: 16 }}>
        <RegionResultsView data={results.data} chart={['attendees', 'referrals', 'hires']} />
      </Card>
      {creating && <CampaignModal onClose={() => setCreating(false)} />}
      {open && <CampaignDrawer id={open} onClose={() => setOpen(null)} />}
    </PageCard>
  );
}

interface CampaignValues {
  kind: CampaignInput['kind'];
  name: string;
  dates: [Dayjs, Dayjs];
  regionCode: string;
  organiser: string;
  summary?: string;
}

function CampaignModal({ onClose }: { onClose: () => void }) {
  return (
    <CreateModal<CampaignValues>
      title="登记招聘活动"
      onClose={onClose}
      initialValues={{ kind: 'spring_breeze' }}
      submit={(v) =>
        createCampaign({
          kind: v.kind,
          name: v.name,
          startDate: day(v.dates[0]),
          endDate: day(v.dates[1]),
          regionCode: v.regionCode,
          organiser: v.organiser,
          summary: v.summary ?? '',
        })
      }
    >
      <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
        <Select options={options(CAMPAIGN_KIND_LABELS)} />
      </Form.Item>
      <Form.Item name="name" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="dates" label="活动时间" rules={[{ required: true, message: '请选择活动时间' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="regionCode" label="组织单位所在区划" rules={[{ required: true, message: '请选择区划' }]}>
        <RegionTreeSelect />
      </Form.Item>
      <Form.Item
        name="organiser"
        label="组织单位"
        rules={[{ required: true, whitespace: true, message: '请填写组织单位' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="summary" label="活动说明">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CreateModal>
  );
}

interface FairValues {
  heldOn: Dayjs;
  venue: string;
  regionCode: string;
  employers?: { name: string; booths?: number; positions?: number }[];
}

function CampaignDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { can } = useMe();
  const [adding, setAdding] = useState(false);
  const [results, setResults] = useState<Fair | null>(null);
  const c = useQuery({ queryKey: programKeys.campaign(id), queryFn: ({ signal }) => getCampaign(id, signal) });
  const byCounty = useQuery({
    queryKey: programKeys.results('campaigns', { id }),
    queryFn: ({ signal }) => getCampaignResults(id, signal),
  });
  const handle = can('employment:handle');
  return (
    <Drawer open width={880} title={c.data?.name ?? '招聘活动'} onClose={onClose}>
      {c.data && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="类型">{c.data.kindName}</Descriptions.Item>
            <Descriptions.Item label="时间">{`${c.data.startDate} 至 ${c.data.endDate}`}</Descriptions.Item>
            <Descriptions.Item label="组织单位">{c.data.organiser}</Descriptions.Item>
            <Descriptions.Item label="区划">{c.data.regionName}</Descriptions.Item>
            <Descriptions.Item label="纳入岗位">{c.data.postingIds.length} 个</Descriptions.Item>
            <Descriptions.Item label="说明">{c.data.summary || '—'}</Descriptions.Item>
          </Descriptions>
          <Card
            size="small"
            title="招聘会"
            extra={
              c.data.readOnly ? (
                <Tag>上级组织的活动，仅供查看</Tag>
              ) : handle ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  登记招聘会
                </Button>
              ) : null
            }
          >
            <Table<Fair>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.data.fairList}
              columns={[
                { title: '日期', dataIndex: 'heldOn', width: 110 },
                { title: '地点', dataIndex: 'venue' },
                { title: '区划', dataIndex: 'regionName', ellipsis: true },
                { title: '参会单位', key: 'e', width: 90, align: 'right', render: (_, f) => f.employers.length },
                { title: '展位', dataIndex: 'booths', width: 70, align: 'right' },
                { title: '岗位', dataIndex: 'positions', width: 70, align: 'right' },
                { title: '入场', dataIndex: 'attendees', width: 70, align: 'right' },
                { title: '推荐', dataIndex: 'referrals', width: 70, align: 'right' },
                { title: '达成意向', dataIndex: 'hires', width: 90, align: 'right' },
                ...(handle
                  ? [
                      {
                        title: '',
                        key: 'op',
                        width: 90,
                        render: (_: unknown, f: Fair) => (
                          <Typography.Link onClick={() => setResults(f)}>登记成效</Typography.Link>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <Card size="small" title="成效（按区县）">
            <RegionResultsView data={byCounty.data} chart={['attendees', 'referrals', 'hires']} />
          </Card>
          <MatchWeightsCard campaignId={id} readOnly={c.data.readOnly} />
        </Space>
      )}
      {adding && (
        <CreateModal<FairValues>
          title="登记招聘会"
          width={640}
          onClose={() => setAdding(false)}
          submit={(v) =>
            createFair(id, {
              heldOn: day(v.heldOn),
              venue: v.venue,
              regionCode: v.regionCode,
              employers: (v.employers ?? []).map((e) => ({
                name: e.name,
                booths: e.booths ?? 1,
                positions: e.positions ?? 0,
              })),
            })
          }
        >
          <Form.Item name="heldOn" label="举办日期" rules={[{ required: true, message: '请选择举办日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="venue"
            label="举办地点"
            rules={[{ required: true, whitespace: true, message: '请填写地点' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="regionCode" label="举办地区划" rules={[{ required: true, message: '请选择区划' }]}>
            <RegionTreeSelect />
          </Form.Item>
          <Form.List name="employers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写单位名称' }]}>
                      <Input placeholder="参会单位" style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'booths']}>
                      <InputNumber min={0} max={100} placeholder="展位" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'positions']}>
                      <InputNumber min={0} max={100000} placeholder="岗位数" />
                    </Form.Item>
                    <Typography.Link onClick={() => remove(f.name)}>删除</Typography.Link>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ booths: 1 })} block icon={<PlusOutlined />}>
                  添加参会单位
                </Button>
              </>
            )}
          </Form.List>
        </CreateModal>
      )}
      {results && (
        <CreateModal<{ attendees: number; referrals: number; hires: number }>
          title={`登记成效：${results.venue}（${results.heldOn}）`}
          onClose={() => setResults(null)}
          initialValues={{ attendees: results.attendees, referrals: results.referrals, hires: results.hires }}
          submit={(v) => putFairResults(id, results.id, v)}
          okText="保存"
        >
          <Form.Item name="attendees" label="入场人数" rules={[{ required: true, message: '请填写入场人数' }]}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="referrals" label="推荐人数" rules={[{ required: true, message: '请填写推荐人数' }]}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="hires" label="达成就业意向人数" rules={[{ required: true, message: '请填写达成意向人数' }]}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </CreateModal>
      )}
    </Drawer>
  );
}
