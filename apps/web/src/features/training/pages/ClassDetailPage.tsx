import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Descriptions, Form, Input, InputNumber, Space, Table, Tabs, Tag, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { saveFile } from '../../../components/download';
import { ImportJobProgress } from '../../../components/imports/ImportJobProgress';
import { PageCard } from '../../../components/PageCard';
import { showApiError } from '../../../components/feedback';
import { useMe } from '../../../auth/MeProvider';
import {
  CERTIFICATE_KIND_LABELS,
  CLAIM_STATUS_LABELS,
  enrol,
  enrolmentsTemplate,
  completionDocumentUrl,
  exportEnrolments,
  ENROLMENT_STATUS_LABELS,
  EXAM_RESULT_LABELS,
  getAttendance,
  getClass,
  getEnrolments,
  putAttendance,
  SKILL_LEVEL_LABELS,
  TRAINING_MODE_LABELS,
  TRAINING_TYPE_LABELS,
  trainingKeys,
  uploadEnrolments,
  type Enrolment,
  type TrainingClass,
} from '../api';
import { CertificateModal, ClaimModal, ResultModal } from './EnrolmentModals';

/** 报名: by ID number (the worker must be registered, 实名制). */
function EnrolForm({ classId }: { classId: string }) {
  const [form] = Form.useForm<{ idNumber: string; contractMonths?: number }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { idNumber: string; contractMonths?: number }) =>
      enrol(classId, { idNumber: v.idNumber.trim(), contractMonths: v.contractMonths ?? null }),
    onSuccess: async (e) => {
      message.success(`${e.workerName} 已报名`);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: trainingKeys.class(classId) });
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} style={{ marginBottom: 16 }}>
      <Form.Item name="idNumber" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]}>
        <Input placeholder="学员身份证号（须已实名登记）" style={{ width: 260 }} maxLength={18} />
      </Form.Item>
      <Form.Item name="contractMonths">
        <InputNumber placeholder="劳动合同（月）" min={0} max={600} style={{ width: 140 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        报名
      </Button>
    </Form>
  );
}

/**
 * 导入、导出、打印: the trainees from a workbook (the import engine, same checks), the list as xlsx (masked), the
 * printable completion roster with the certificates (A4 HTML in a new tab).
 */
function ListFiles({ classId, name }: { classId: string; name: string }) {
  const qc = useQueryClient();
  const { can } = useMe();
  const [jobId, setJobId] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadEnrolments(classId, file),
    onSuccess: (job) => setJobId(job.id),
    onError: (err) => showApiError(err),
  });
  const download = useMutation({
    mutationFn: () => exportEnrolments(classId),
    onSuccess: (file) => saveFile(file, `培训班学员_${name}.xlsx`),
    onError: (err) => showApiError(err),
  });
  const template = useMutation({
    mutationFn: () => enrolmentsTemplate(),
    onSuccess: (file) => saveFile(file, '培训班学员报名_模板.xlsx'),
    onError: (err) => showApiError(err),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => download.mutate()} loading={download.isPending}>
          导出名单
        </Button>
        <Button
          data-testid="completion-print"
          onClick={() => window.open(completionDocumentUrl(classId), '_blank', 'noopener')}
        >
          打印结业名册和合格证书
        </Button>
        {can('training:handle') && (
          <>
            <Button onClick={() => template.mutate()}>下载导入模板</Button>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button loading={upload.isPending}>导入学员</Button>
            </Upload>
          </>
        )}
      </Space>
      {jobId && (
        <ImportJobProgress
          jobId={jobId}
          onFinished={() => void qc.invalidateQueries({ queryKey: trainingKeys.class(classId) })}
        />
      )}
    </>
  );
}

/** 考勤表: one row per trainee, one column per session; a session is saved as a whole. */
function AttendanceTab({ c }: { c: TrainingClass }) {
  const qc = useQueryClient();
  const { can } = useMe();
  const sheet = useQuery({
    queryKey: trainingKeys.attendance(c.id),
    queryFn: ({ signal }) => getAttendance(c.id, signal),
  });
  const [session, setSession] = useState(1);
  const [present, setPresent] = useState<string[] | null>(null);
  const rows = sheet.data?.rows ?? [];
  const marked = present ?? rows.filter((r) => r.present.includes(session)).map((r) => r.enrolmentId);
  const save = useMutation({
    mutationFn: () => putAttendance(c.id, session, marked),
    onSuccess: async () => {
      setPresent(null);
      await qc.invalidateQueries({ queryKey: trainingKeys.class(c.id) });
    },
    onError: (err) => showApiError(err),
  });
  const sessions = Array.from({ length: sheet.data?.sessions ?? 0 }, (_, i) => i + 1);
  return (
    <>
      {can('training:handle') && (
        <Space style={{ marginBottom: 12 }} wrap>
          第
          <InputNumber
            min={1}
            max={c.sessions}
            value={session}
            onChange={(v) => {
              setSession(v ?? 1);
              setPresent(null);
            }}
          />
          次课出勤：
          <Checkbox.Group
            value={marked}
            onChange={(v) => setPresent(v)}
            options={rows.map((r) => ({ value: r.enrolmentId, label: r.workerName }))}
          />
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            保存本次考勤
          </Button>
        </Space>
      )}
      <Table
        rowKey="enrolmentId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: '学员', dataIndex: 'workerName', fixed: 'left', width: 100 },
          ...sessions.map((s) => ({
            title: String(s),
            width: 40,
            render: (_: unknown, r: (typeof rows)[number]) => (r.present.includes(s) ? '✓' : '·'),
          })),
          {
            title: '出勤',
            width: 80,
            render: (_: unknown, r: (typeof rows)[number]) => `${r.present.length}/${c.sessions}`,
          },
        ]}
      />
    </>
  );
}

type Dialog = { kind: 'result' | 'certificate' | 'claim'; enrolment: Enrolment } | null;

/** /training/classes/:id — 培训班详情: trainees (results, certificates, subsidy), the attendance sheet. */
export default function ClassDetailPage() {
  const { id = '' } = useParams();
  const { can } = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const c = useQuery({ queryKey: trainingKeys.class(id), queryFn: ({ signal }) => getClass(id, signal) });
  const enrolments = useQuery({
    queryKey: trainingKeys.enrolments(id),
    queryFn: ({ signal }) => getEnrolments(id, signal),
  });
  const handle = can('training:handle');
  const columns: TableColumnsType<Enrolment> = [
    { title: '姓名', dataIndex: 'workerName', width: 90 },
    { title: '身份证号', dataIndex: 'idMasked', width: 190 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: Enrolment['status']) => <Tag>{ENROLMENT_STATUS_LABELS[v]}</Tag>,
    },
    { title: '出勤', width: 80, render: (_: unknown, r) => `${r.attended}/${c.data?.sessions ?? '—'}` },
    {
      title: '考核',
      width: 110,
      render: (_: unknown, r) =>
        r.examResult ? `${EXAM_RESULT_LABELS[r.examResult]}${r.examScore != null ? ` ${r.examScore}` : ''}` : '—',
    },
    {
      title: '证书',
      render: (_: unknown, r) =>
        r.certificates.map((x) => (
          <Tag key={x.id} color="green">
            {CERTIFICATE_KIND_LABELS[x.kind]}
            {x.level ? `（${SKILL_LEVEL_LABELS[x.level]}）` : ''} {x.number}
          </Tag>
        )),
    },
    {
      title: '补贴',
      dataIndex: 'claimStatus',
      width: 130,
      render: (v: Enrolment['claimStatus']) => (v ? <Tag color="blue">{CLAIM_STATUS_LABELS[v]}</Tag> : '—'),
    },
    ...(handle
      ? [
          {
            title: '操作',
            width: 220,
            render: (_: unknown, r: Enrolment) => (
              <Space size={4}>
                <Button size="small" onClick={() => setDialog({ kind: 'result', enrolment: r })}>
                  结果
                </Button>
                <Button
                  size="small"
                  disabled={r.status !== 'completed'}
                  onClick={() => setDialog({ kind: 'certificate', enrolment: r })}
                >
                  证书
                </Button>
                <Button
                  size="small"
                  disabled={r.status !== 'completed' || !!r.claimStatus}
                  onClick={() => setDialog({ kind: 'claim', enrolment: r })}
                >
                  补贴
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  const d = c.data;
  return (
    <PageCard title={d ? `培训班：${d.name}` : '培训班'}>
      {d && (
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="职业（工种）">{`${d.occupationName}（${d.occupationCode}）`}</Descriptions.Item>
          <Descriptions.Item label="培训类型">{TRAINING_TYPE_LABELS[d.trainingType]}</Descriptions.Item>
          <Descriptions.Item label="培训模式">
            {TRAINING_MODE_LABELS[d.mode]}
            {d.employerName ? `（${d.employerName}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="培训机构">{d.institutionName}</Descriptions.Item>
          <Descriptions.Item label="培训时间">{`${d.startDate} 至 ${d.endDate}，${d.sessions} 次课`}</Descriptions.Item>
          <Descriptions.Item label="人数">{`${d.enrolled} / ${d.capacity}`}</Descriptions.Item>
          <Descriptions.Item label="授课教师">{d.teacher ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="补贴性培训">{d.subsidised ? '是' : '否'}</Descriptions.Item>
        </Descriptions>
      )}
      <Tabs
        items={[
          {
            key: 'enrolments',
            label: '学员',
            children: (
              <>
                {handle && <EnrolForm classId={id} />}
                <ListFiles classId={id} name={d?.name ?? ''} />
                <Table<Enrolment>
                  rowKey="id"
                  size="middle"
                  loading={enrolments.isFetching}
                  dataSource={enrolments.data?.items ?? []}
                  columns={columns}
                  pagination={false}
                  scroll={{ x: 1000 }}
                />
              </>
            ),
          },
          { key: 'attendance', label: '考勤表', children: d ? <AttendanceTab c={d} /> : null },
        ]}
      />
      {dialog?.kind === 'result' && (
        <ResultModal classId={id} enrolment={dialog.enrolment} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'certificate' && (
        <CertificateModal classId={id} enrolment={dialog.enrolment} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'claim' && (
        <ClaimModal classId={id} enrolment={dialog.enrolment} onClose={() => setDialog(null)} />
      )}
    </PageCard>
  );
}
