import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Result, Tabs, Timeline, Typography } from 'antd';
import { useState } from 'react';
import {
  ClaimItems,
  complaintOf,
  MobilePhoneItem,
  SummaryItem,
  type ComplaintFormValues,
} from '../../../components/complaintFields';
import { errorText } from '../../../components/feedback';
import { RegionCascadeInput } from './RegionCascadeInput';
import { filePublicComplaint, lookupComplaint } from '../api';
import { HOTLINE, PublicShell } from './PublicShell';

interface FileValues extends ComplaintFormValues {
  /** A honeypot: hidden from people, filled by bots. */
  website?: string;
}

function FileForm() {
  const [form] = Form.useForm<FileValues>();
  const filed = useMutation({
    mutationFn: (v: FileValues) => filePublicComplaint({ ...complaintOf(v), website: v.website }),
  });
  if (filed.data)
    return (
      <Result
        status="success"
        title="投诉已提交"
        subTitle={
          <>
            <div>
              回执号：
              <Typography.Text copyable strong data-testid="receipt-no">
                {filed.data.receiptNo}
              </Typography.Text>
            </div>
            <div>请记下回执号，凭回执号和本次填写的手机号查询办理进度。</div>
            {filed.data.decideBy && <div>人社部门将在 {filed.data.decideBy} 前决定是否受理。</div>}
          </>
        }
      />
    );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => filed.mutate(v)} initialValues={{ claimKind: 'wages' }}>
      {filed.error && <Alert type="error" showIcon message={errorText(filed.error)} style={{ marginBottom: 16 }} />}
      <Form.Item name="regionCode" label="用工单位或工地所在地" rules={[{ required: true, message: '请选择所在地' }]}>
        <RegionCascadeInput />
      </Form.Item>
      <Form.Item
        name="employerName"
        label="被投诉单位"
        rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="projectName" label="工程项目（如有）">
        <Input maxLength={100} />
      </Form.Item>
      <ClaimItems kindLabel="反映的问题" amountLabel="涉及金额（元，可不填）" />
      <SummaryItem label="具体情况" message="请填写具体情况" placeholder="在哪里干活、干了多久、欠了多少、找过谁" />
      <Form.Item
        name="complainantName"
        label="您的姓名"
        rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
      >
        <Input maxLength={50} autoComplete="name" />
      </Form.Item>
      <MobilePhoneItem label="手机号码" autoComplete="tel" />
      <Form.Item name="groupSize" label="一起反映的人数（只有您一人可不填）">
        <InputNumber min={2} max={100000} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="website" hidden>
        <Input tabIndex={-1} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={filed.isPending}>
        提交投诉
      </Button>
    </Form>
  );
}

function LookupForm() {
  const lookup = useMutation({
    mutationFn: (v: { receipt: string; phone: string }) => lookupComplaint(v.receipt.trim(), v.phone),
  });
  return (
    <>
      <Form layout="vertical" onFinish={(v: { receipt: string; phone: string }) => lookup.mutate(v)}>
        <Form.Item
          name="receipt"
          label="回执号"
          rules={[{ required: true, whitespace: true, message: '请填写回执号' }]}
        >
          <Input placeholder="例如 530102-20260302-K7M3Q9" autoCapitalize="characters" />
        </Form.Item>
        <MobilePhoneItem label="投诉时填写的手机号码" />
        <Button type="primary" htmlType="submit" block size="large" loading={lookup.isPending}>
          查询
        </Button>
      </Form>
      {lookup.error && <Alert type="warning" showIcon message={errorText(lookup.error)} style={{ marginTop: 16 }} />}
      {lookup.data && (
        <Card style={{ marginTop: 16 }} title={`当前状态：${lookup.data.stateName}`} data-testid="complaint-status">
          {lookup.data.decideBy && !lookup.data.closed && (
            <Typography.Paragraph>办理期限：{lookup.data.decideBy}</Typography.Paragraph>
          )}
          <Timeline items={lookup.data.steps.map((s) => ({ children: `${s.at.slice(0, 10)} ${s.text}` }))} />
        </Card>
      )}
    </>
  );
}

/** /public/complaint — 网上投诉 and 进度查询, for a worker on a phone: no account. */
export default function ComplaintPage() {
  const [tab, setTab] = useState('file');
  return (
    <PublicShell title="欠薪投诉" maxWidth={560}>
      <Card variant="borderless">
        <Typography.Paragraph type="secondary">
          遇到拖欠工资等问题，可在此网上投诉，也可拨打 {HOTLINE} 热线。请如实填写，提交后会得到回执号。
        </Typography.Paragraph>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'file', label: '我要投诉', children: <FileForm /> },
            { key: 'lookup', label: '查询进度', children: <LookupForm /> },
          ]}
        />
      </Card>
    </PublicShell>
  );
}
