import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { OCCUPATIONS } from '@mwsp/domain';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { PageCard } from '../../../components/PageCard';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  MODEL_SITE_KIND_LABELS,
  createAgreement,
  createBrand,
  createGroup,
  createModelSite,
  createStation,
  exportRegister,
  getAgreements,
  getBrands,
  getGroups,
  getModelSites,
  getStations,
  options,
  type Agreement,
  type Brand,
  type Group,
  type ModelSite,
  type Station,
} from '../api';
import { CreateModal } from '../components/CreateModal';
import { ExportButton } from '../components/ExportButton';
import { ProgramTable } from '../components/ProgramTable';
import { WorkerPicker } from '../components/WorkerPicker';

type Tab = 'agreements' | 'stations' | 'groups' | 'brands' | 'sites';
const TABS: Record<Tab, string> = {
  agreements: '劳务协作协议',
  stations: '服务工作站',
  groups: '有组织输出',
  brands: '劳务品牌',
  sites: '示范乡镇（村）',
};
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const required = (message: string) => [{ required: true, whitespace: true, message }];

/** /programs/cooperation — 劳务协作: agreements, service stations, organised outbound groups, brands, model sites. */
export default function CooperationPage() {
  const { can } = useMe();
  const [tab, setTab] = useState<Tab>('agreements');
  const [creating, setCreating] = useState(false);
  return (
    <PageCard
      title="劳务协作"
      extra={
        can('employment:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记{TABS[tab]}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={(Object.keys(TABS) as Tab[]).map((k) => ({ key: k, label: TABS[k] }))}
      />
      {tab === 'agreements' && (
        <ProgramTable<Agreement>
          what="agreements"
          toolbar={(f) => <ExportButton name="劳务协作协议" run={() => exportRegister('agreements', f)} />}
          fetch={getAgreements}
          searchPlaceholder="输入地或协议方"
          columns={[
            { title: '输出地', dataIndex: 'regionName', width: 200, ellipsis: true },
            { title: '输入地', dataIndex: 'destination', width: 160 },
            { title: '协议方', key: 'p', render: (_, a) => `${a.originParty} — ${a.destinationParty}` },
            { title: '期限', key: 'd', width: 210, render: (_, a) => `${a.startDate} 至 ${a.endDate}` },
            { title: '目标人数', dataIndex: 'targetCount', width: 100, align: 'right' },
            { title: '已输出', dataIndex: 'sent', width: 90, align: 'right' },
          ]}
        />
      )}
      {tab === 'stations' && (
        <ProgramTable<Station>
          what="stations"
          toolbar={(f) => <ExportButton name="服务工作站" run={() => exportRegister('stations', f)} />}
          fetch={getStations}
          searchPlaceholder="工作站名称或所在地"
          columns={
            [
              { title: '工作站', dataIndex: 'name' },
              { title: '所在输入地', dataIndex: 'destination', width: 160 },
              { title: '设站地', dataIndex: 'regionName', width: 200, ellipsis: true },
              { title: '设立日期', dataIndex: 'establishedOn', width: 110 },
              {
                title: '工作人员',
                key: 's',
                width: 180,
                render: (_, s) => s.staff.map((p) => p.name).join('、') || '—',
              },
              { title: '服务人数', dataIndex: 'workersServed', width: 100, align: 'right' },
              {
                title: '服务的务工人员',
                key: 'workers',
                ellipsis: true,
                render: (_, s) => workerNames(s.workers, s.workersServed),
              },
            ] satisfies TableColumnsType<Station>
          }
        />
      )}
      {tab === 'groups' && (
        <ProgramTable<Group>
          what="groups"
          toolbar={(f) => <ExportButton name="有组织输出" run={() => exportRegister('groups', f)} />}
          fetch={getGroups}
          searchPlaceholder="目的地"
          columns={[
            { title: '出发日期', dataIndex: 'departedOn', width: 110 },
            { title: '组织地', dataIndex: 'regionName', width: 220, ellipsis: true },
            { title: '目的地', dataIndex: 'destination', width: 160 },
            { title: '人数', dataIndex: 'people', width: 80, align: 'right' },
            {
              title: '输出人员',
              key: 'people-names',
              ellipsis: true,
              render: (_, g) => workerNames(g.members, g.people),
            },
            {
              title: '就业单位',
              key: 'w',
              ellipsis: true,
              render: (_, g) => [...new Set(g.members.map((m) => m.workplace))].join('、'),
            },
          ]}
        />
      )}
      {tab === 'brands' && (
        <ProgramTable<Brand>
          what="brands"
          toolbar={(f) => <ExportButton name="劳务品牌" run={() => exportRegister('brands', f)} />}
          fetch={getBrands}
          searchPlaceholder="品牌名称"
          columns={[
            { title: '劳务品牌', dataIndex: 'name', width: 160 },
            { title: '所属区划', dataIndex: 'regionName', width: 200, ellipsis: true },
            { title: '职业（工种）', dataIndex: 'occupationName', width: 140, render: (v: string | null) => v ?? '—' },
            { title: '成员', dataIndex: 'members', width: 80, align: 'right' },
            { title: '介绍', dataIndex: 'description', ellipsis: true },
          ]}
        />
      )}
      {tab === 'sites' && (
        <ProgramTable<ModelSite>
          what="sites"
          toolbar={(f) => <ExportButton name="转移就业示范乡镇村" run={() => exportRegister('model-sites', f)} />}
          fetch={getModelSites}
          searchPlaceholder="名称"
          columns={[
            { title: '名称', dataIndex: 'regionName', ellipsis: true },
            { title: '类型', dataIndex: 'kindName', width: 240 },
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '转移就业人数', dataIndex: 'transferred', width: 130, align: 'right' },
            { title: '说明', dataIndex: 'notes', ellipsis: true },
          ]}
        />
      )}
      {creating && <CreateFor tab={tab} onClose={() => setCreating(false)} />}
    </PageCard>
  );
}

function CreateFor({ tab, onClose }: { tab: Tab; onClose: () => void }) {
  const region = (label: string) => (
    <Form.Item name="regionCode" label={label} rules={[{ required: true, message: '请选择区划' }]}>
      <RegionTreeSelect />
    </Form.Item>
  );
  if (tab === 'agreements')
    return (
      <CreateModal<{
        regionCode: string;
        destination: string;
        originParty: string;
        destinationParty: string;
        dates: [Dayjs, Dayjs];
        terms?: string;
        targetCount: number;
      }>
        title="登记劳务协作协议"
        onClose={onClose}
        submit={(v) =>
          createAgreement({
            regionCode: v.regionCode,
            destination: v.destination,
            originParty: v.originParty,
            destinationParty: v.destinationParty,
            startDate: day(v.dates[0]),
            endDate: day(v.dates[1]),
            terms: v.terms ?? '',
            targetCount: v.targetCount,
          })
        }
      >
        {region('输出地')}
        <Form.Item name="destination" label="输入地" rules={required('请填写输入地')}>
          <Input placeholder="如 浙江省宁波市" maxLength={100} />
        </Form.Item>
        <Form.Item name="originParty" label="输出地协议方" rules={required('请填写输出地协议方')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="destinationParty" label="输入地协议方" rules={required('请填写输入地协议方')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="dates" label="协议期限" rules={[{ required: true, message: '请选择协议期限' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="targetCount" label="目标输出人数" rules={[{ required: true, message: '请填写目标人数' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="terms" label="协议内容">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </CreateModal>
    );
  if (tab === 'stations')
    return (
      <CreateModal<{
        regionCode: string;
        name: string;
        destination: string;
        address?: string;
        establishedOn: Dayjs;
        staff?: { name: string; phone?: string; duty?: string }[];
        workerIds?: string[];
      }>
        title="登记服务工作站"
        width={640}
        onClose={onClose}
        submit={(v) =>
          createStation({
            regionCode: v.regionCode,
            name: v.name,
            destination: v.destination,
            address: v.address ?? '',
            establishedOn: day(v.establishedOn),
            staff: (v.staff ?? []).map((s) => ({ name: s.name, phone: s.phone ?? '', duty: s.duty ?? '' })),
            workerIds: v.workerIds ?? [],
          })
        }
      >
        {region('设站的输出地')}
        <Form.Item name="name" label="工作站名称" rules={required('请填写工作站名称')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="destination" label="所在输入地" rules={required('请填写所在输入地')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="establishedOn" label="设立日期" rules={[{ required: true, message: '请选择设立日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="staff">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={required('请填写姓名')}>
                    <Input placeholder="工作人员姓名" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']}>
                    <Input placeholder="电话" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'duty']}>
                    <Input placeholder="职责" />
                  </Form.Item>
                  <Typography.Link onClick={() => remove(f.name)}>删除</Typography.Link>
                </Space>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>
                添加工作人员
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="workerIds" label="服务的务工人员">
          <WorkerPicker multiple />
        </Form.Item>
      </CreateModal>
    );
  if (tab === 'groups')
    return (
      <CreateModal<{
        regionCode: string;
        departedOn: Dayjs;
        destination: string;
        workerIds: string[];
        workplace: string;
      }>
        title="登记有组织输出"
        onClose={onClose}
        submit={(v) =>
          createGroup({
            regionCode: v.regionCode,
            departedOn: day(v.departedOn),
            destination: v.destination,
            members: (v.workerIds ?? []).map((workerId) => ({ workerId, workplace: v.workplace })),
          })
        }
      >
        {region('组织输出的区划')}
        <Form.Item name="departedOn" label="出发日期" rules={[{ required: true, message: '请选择出发日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="destination" label="目的地" rules={required('请填写目的地')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="workerIds" label="输出人员" rules={[{ required: true, message: '请至少选择一名输出人员' }]}>
          <WorkerPicker multiple />
        </Form.Item>
        <Form.Item name="workplace" label="就业单位" rules={required('请填写就业单位')}>
          <Input maxLength={100} />
        </Form.Item>
      </CreateModal>
    );
  if (tab === 'brands')
    return (
      <CreateModal<{
        regionCode: string;
        name: string;
        occupation?: string;
        description?: string;
        workerIds?: string[];
      }>
        title="登记劳务品牌"
        onClose={onClose}
        submit={(v) =>
          createBrand({
            regionCode: v.regionCode,
            name: v.name,
            occupation: v.occupation ?? null,
            description: v.description ?? '',
            workerIds: v.workerIds ?? [],
          })
        }
      >
        {region('所属区划')}
        <Form.Item name="name" label="品牌名称" rules={required('请填写品牌名称')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="occupation" label="职业（工种）">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={OCCUPATIONS.map((o) => ({ value: o.code, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="description" label="品牌介绍">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="workerIds" label="成员">
          <WorkerPicker multiple />
        </Form.Item>
      </CreateModal>
    );
  return (
    <CreateModal<{
      regionCode: string;
      kind: keyof typeof MODEL_SITE_KIND_LABELS;
      year: number;
      transferred: number;
      notes?: string;
    }>
      title="登记转移就业示范乡镇（村）"
      onClose={onClose}
      initialValues={{ kind: 'township', year: new Date().getFullYear() }}
      submit={(v) => createModelSite({ ...v, notes: v.notes ?? '' })}
    >
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select options={options(MODEL_SITE_KIND_LABELS)} />
      </Form.Item>
      {region('乡镇（街道）或村（社区）')}
      <Form.Item name="year" label="认定年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="transferred" label="转移就业人数" rules={[{ required: true, message: '请填写人数' }]}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="notes" label="说明">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CreateModal>
  );
}

/** Workers as 姓名（身份证号）, masked by the server; one outside the caller's scope shows as 「不在辖区」. */
function workerNames(workers: { name: string | null; idMasked: string | null }[], total: number): string {
  if (workers.length === 0) return '—';
  const shown = workers
    .slice(0, 20)
    .map((w) => (w.name ? `${w.name}（${w.idMasked ?? ''}）` : '不在辖区'))
    .join('、');
  return total > 20 ? `${shown} 等 ${total} 人` : shown;
}
