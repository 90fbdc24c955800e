import { ExclamationCircleFilled, PlusOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { monthLabel, parseIdNumber } from '@mwsp/domain';
import {
  Alert,
  App,
  Badge,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../../../api/client';
import type { ProjectDto, ProjectWorker, ProjectWorkerPatch, ProjectWorkerQuery } from '../../../api';
import { enrolProjectWorker, getProjectWorkers, updateProjectWorker, wqk } from '../../../api';
import { useCan } from '../../../../../auth/MeProvider';
import { errorText, isHandledGlobally } from '../../../../../components/feedback';
import { dayjs } from '../../../../../components/time';
import { showApiErrorOn } from '../../../components/formErrors';
import { useCanWrite, useInvalidateProject, ymd } from './common';
import { Yuan } from '../../../../../components/money';

interface EnrolValues {
  idNumber?: string;
  teamId?: string;
  entryDate?: Dayjs;
}

function EnrolModal({ project, open, onClose }: { project: ProjectDto; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EnrolValues>();
  const { message, modal } = App.useApp();
  const can = useCan();
  const invalidate = useInvalidateProject(project.id);
  const [notFound, setNotFound] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setNotFound(null);
    }
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: EnrolValues) => {
      const id = parseIdNumber(v.idNumber ?? '');
      return enrolProjectWorker(project.id, {
        idNumber: id.ok ? id.value : (v.idNumber ?? '').trim(),
        teamId: v.teamId || undefined,
        entryDate: ymd(v.entryDate) as string,
      });
    },
    onMutate: () => setNotFound(null),
    onSuccess: (w) => {
      invalidate();
      onClose();
      if (w && (w.contractPresent === false || w.warning)) {
        modal.warning({
          title: `${w.name} 未签劳动合同`,
          content:
            `${w.warning ? `${w.warning}。` : ''}已登记进场，但该人员没有已签订的劳动合同记录。` +
            '按规定未签劳动合同的人员不得进场作业，请督促用工单位立即签订并在务工人员档案的“就业与合同”中登记。',
          okText: '知道了',
        });
      } else {
        message.success(`已登记 ${w?.name ?? ''} 进场`);
      }
    },
    onError: (err) => {
      // 400 without field errors (or about the ID number): the person is not in the registry.
      if (
        !isHandledGlobally(err) &&
        isApiError(err) &&
        err.status === 400 &&
        (err.errors.length === 0 || err.errors.every((e) => e.path === 'idNumber')) &&
        /登记|档案|不存在|未找到|registry/i.test(err.detail + err.errors.map((e) => e.message).join(''))
      ) {
        setNotFound(err.detail);
      }
      showApiErrorOn(err, form);
    },
  });

  return (
    <Modal
      open={open}
      title="登记实名人员进场"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记进场"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<EnrolValues>
        form={form}
        layout="vertical"
        autoComplete="off"
        onFinish={(v) => save.mutate(v)}
        data-testid="enrol-form"
        initialValues={{ entryDate: dayjs() }}
      >
        <Form.Item
          name="idNumber"
          label="身份证号码"
          required
          extra="人员须已在“务工人员”中实名登记"
          rules={[
            {
              validator: (_, v?: string) => {
                const r = parseIdNumber(v ?? '');
                return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
              },
            },
          ]}
        >
          <Input maxLength={20} style={{ fontFamily: 'monospace' }} data-testid="enrol-id" />
        </Form.Item>
        <Form.Item name="teamId" label="班组" rules={[{ required: project.teams.length > 0, message: '请选择班组' }]}>
          <Select
            allowClear
            placeholder={project.teams.length ? '请选择班组' : '尚无班组（可在“参建单位与班组”中添加）'}
            options={project.teams.map((t) => ({
              value: t.id,
              label: t.leaderName ? `${t.name}（班组长：${t.leaderName}）` : t.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="entryDate"
          label="进场日期"
          rules={[
            { required: true, message: '请选择进场日期' },
            {
              validator: (_, v?: Dayjs) =>
                v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error('进场日期不能晚于今天')) : Promise.resolve(),
            },
            {
              warningOnly: true,
              validator: (_, v?: Dayjs) =>
                v && v.format('YYYY-MM-DD') < project.startDate
                  ? Promise.reject(new Error(`进场日期早于项目开工日期（${project.startDate}），请核对`))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {notFound && (
          <Alert
            type="error"
            showIcon
            message={notFound}
            description={
              can('registry:write') ? (
                <span>
                  请先 <Link to="/workers/new">登记务工人员</Link>
                  ，并在其档案中登记与用工单位的劳动合同，再回到本页登记进场。
                </span>
              ) : (
                '请联系实名登记人员先登记该务工人员。'
              )
            }
          />
        )}
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          message="未签订劳动合同的人员不得进场；系统会标记“未签劳动合同”并发出预警。"
        />
      </Form>
    </Modal>
  );
}

type ActionKind = 'exit' | 'settle' | 'team';

function WorkerActionModal({
  project,
  worker,
  kind,
  onClose,
}: {
  project: ProjectDto;
  worker: ProjectWorker | null;
  kind: ActionKind;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ date?: Dayjs; teamId?: string }>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);

  useEffect(() => {
    if (!worker) return;
    form.resetFields();
    form.setFieldsValue(kind === 'team' ? { teamId: worker.teamId ?? undefined } : { date: dayjs() });
  }, [worker, kind, form]);

  const save = useMutation({
    mutationFn: (v: { date?: Dayjs; teamId?: string }) => {
      const w = worker as ProjectWorker;
      const patch: ProjectWorkerPatch =
        kind === 'exit'
          ? { exitDate: ymd(v.date) }
          : kind === 'settle'
            ? { settledOn: ymd(v.date) }
            : { teamId: v.teamId ?? null };
      return updateProjectWorker(project.id, w.id, patch);
    },
    onSuccess: () => {
      message.success(kind === 'exit' ? '已登记离场' : kind === 'settle' ? '已确认离场结算' : '已调整班组');
      invalidate();
      onClose();
    },
    onError: (err) => showApiErrorOn(err, form, { exitDate: 'date', settledOn: 'date' }),
  });

  const title = kind === 'exit' ? '登记离场' : kind === 'settle' ? '确认离场结算' : '调整班组';
  const minDate = kind === 'settle' ? (worker?.exitDate ?? worker?.entryDate) : worker?.entryDate;

  return (
    <Modal
      open={!!worker}
      title={worker ? `${title}：${worker.name}` : title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={kind === 'team' ? '保存' : `确认${kind === 'exit' ? '离场' : '结算'}`}
      okButtonProps={{ danger: kind !== 'team' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {worker && (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid={`worker-${kind}-form`}>
          {kind === 'team' ? (
            <Form.Item name="teamId" label="班组" rules={[{ required: true, message: '请选择班组' }]}>
              <Select options={project.teams.map((t) => ({ value: t.id, label: t.name }))} placeholder="请选择班组" />
            </Form.Item>
          ) : (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message={kind === 'exit' ? `确认 ${worker.name} 已离场？` : `确认已与 ${worker.name} 结清全部工资？`}
                description={
                  kind === 'exit'
                    ? '离场后须在规定期限内完成工资结算，逾期未结算将触发“离场人员未结算”预警。'
                    : '结算确认记入项目台账，提交后不能撤销。请确认工资已通过专用账户足额支付。'
                }
              />
              <Form.Item
                name="date"
                label={kind === 'exit' ? '离场日期' : '结算日期'}
                rules={[
                  { required: true, message: kind === 'exit' ? '请选择离场日期' : '请选择结算日期' },
                  {
                    validator: (_, v?: Dayjs) => {
                      if (!v) return Promise.resolve();
                      if (v.isAfter(dayjs(), 'day')) return Promise.reject(new Error('日期不能晚于今天'));
                      if (minDate && v.format('YYYY-MM-DD') < minDate)
                        return Promise.reject(
                          new Error(
                            `日期不能早于${kind === 'settle' && worker.exitDate ? '离场' : '进场'}日期（${minDate}）`,
                          ),
                        );
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

/** 实名人员 */
export function WorkersTab({ project }: { project: ProjectDto }) {
  const can = useCan();
  const canWrite = useCanWrite(project.status);
  const [query, setQuery] = useState<ProjectWorkerQuery>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [enrolOpen, setEnrolOpen] = useState(false);
  const [action, setActionState] = useState<{ worker: ProjectWorker; kind: ActionKind } | null>(null);
  // The kind stays while the modal closes (no title flicker).
  const [lastKind, setLastKind] = useState<ActionKind>('exit');
  const setAction = (a: { worker: ProjectWorker; kind: ActionKind } | null) => {
    if (a) setLastKind(a.kind);
    setActionState(a);
  };
  const filter = (patch: Partial<ProjectWorkerQuery>) => setQuery((cur) => ({ ...cur, ...patch, page: 1 }));

  const workers = useQuery({
    queryKey: wqk.projectWorkers(project.id, query),
    queryFn: ({ signal }) => getProjectWorkers(project.id, query, signal),
    placeholderData: keepPreviousData,
  });
  const hasFilters = !!query.q || query.onSite !== undefined || !!query.teamId;

  const columns: TableColumnsType<ProjectWorker> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 130,
      fixed: 'left',
      render: (v: string, w) => (
        <Space size={4}>
          {can('registry:read') ? <Link to={`/workers/${w.workerId}`}>{v}</Link> : v}
          {!w.contractPresent && (
            <Tooltip title="没有已签订的劳动合同记录，不得进场作业">
              <ExclamationCircleFilled style={{ color: '#cf1322' }} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '身份证号',
      dataIndex: 'idMasked',
      width: 190,
      render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text>,
    },
    { title: '班组', dataIndex: 'teamName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '劳动合同',
      dataIndex: 'contractPresent',
      width: 130,
      render: (v: boolean) =>
        v ? (
          <Tag color="success">已签订</Tag>
        ) : (
          <Badge
            status="error"
            text={
              <Typography.Text type="danger" data-testid="no-contract">
                未签劳动合同
              </Typography.Text>
            }
          />
        ),
    },
    { title: '进场日期', dataIndex: 'entryDate', width: 110 },
    {
      title: '在场状态',
      key: 'state',
      width: 170,
      render: (_, w) => {
        if (!w.exitDate) return <Tag color="processing">在场</Tag>;
        return (
          <Space size={4} wrap>
            <Tag>离场 {w.exitDate}</Tag>
            {w.settledOn ? <Tag color="success">已结算 {w.settledOn}</Tag> : <Tag color="warning">待结算</Tag>}
          </Space>
        );
      },
    },
    {
      title: '最近工资',
      key: 'last',
      width: 230,
      render: (_, w) =>
        w.lastMonth ? (
          <Space size={4} wrap>
            <Typography.Text type="secondary">{monthLabel(w.lastMonth)}</Typography.Text>
            <span>
              实发 <Yuan fen={w.lastNetFen} />
            </span>
            <span>
              已发 <Yuan fen={w.lastPaidFen} type={(w.lastPaidFen ?? 0) < (w.lastNetFen ?? 0) ? 'danger' : undefined} />
            </span>
          </Space>
        ) : (
          <Typography.Text type="secondary">暂无工资记录</Typography.Text>
        ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, w) => (
        <Space size={0}>
          {!w.exitDate && project.teams.length > 0 && (
            <Button type="link" size="small" onClick={() => setAction({ worker: w, kind: 'team' })}>
              调整班组
            </Button>
          )}
          {!w.exitDate && (
            <Button
              type="link"
              size="small"
              danger
              data-testid="worker-exit"
              onClick={() => setAction({ worker: w, kind: 'exit' })}
            >
              离场
            </Button>
          )}
          {w.exitDate && !w.settledOn && (
            <Button
              type="link"
              size="small"
              data-testid="worker-settle"
              onClick={() => setAction({ worker: w, kind: 'settle' })}
            >
              结算确认
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <div data-testid="project-workers">
      <Space wrap style={{ marginBottom: 16, justifyContent: 'space-between', display: 'flex' }}>
        <Space wrap>
          <Input.Search
            placeholder="按姓名搜索"
            allowClear
            enterButton="搜索"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value && query.q) filter({ q: undefined });
            }}
            onSearch={(v) => filter({ q: v.trim() || undefined })}
            maxLength={20}
            style={{ width: 220 }}
          />
          <Select<'true' | 'false' | undefined>
            allowClear
            placeholder="在场状态"
            value={query.onSite === undefined ? undefined : query.onSite ? 'true' : 'false'}
            onChange={(v) => filter({ onSite: v === undefined ? undefined : v === 'true' })}
            options={[
              { value: 'true', label: '在场' },
              { value: 'false', label: '已离场' },
            ]}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder="班组"
            value={query.teamId}
            onChange={(v?: string) => filter({ teamId: v })}
            options={project.teams.map((t) => ({ value: t.id, label: t.name }))}
            style={{ width: 160 }}
          />
          {hasFilters && (
            <Button
              onClick={() => {
                setQ('');
                setQuery((cur) => ({ page: 1, pageSize: cur.pageSize }));
              }}
            >
              重置
            </Button>
          )}
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void workers.refetch()}>
            刷新
          </Button>
          {canWrite && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              data-testid="worker-enrol"
              onClick={() => setEnrolOpen(true)}
            >
              登记进场
            </Button>
          )}
        </Space>
      </Space>
      {workers.isError && (
        <Alert
          type="error"
          showIcon
          message="无法加载实名人员"
          description={errorText(workers.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<ProjectWorker>
        data-testid="project-workers-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={workers.data?.items ?? []}
        loading={workers.isFetching}
        scroll={{ x: 1300 }}
        locale={{
          emptyText: (
            <Empty description={hasFilters ? '没有符合条件的人员' : '暂无实名人员'}>
              {!hasFilters && canWrite && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEnrolOpen(true)}>
                  登记进场
                </Button>
              )}
            </Empty>
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: workers.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 人`,
          onChange: (page, pageSize) =>
            setQuery((cur) => ({ ...cur, page: pageSize !== cur.pageSize ? 1 : page, pageSize })),
        }}
      />
      {canWrite && <EnrolModal project={project} open={enrolOpen} onClose={() => setEnrolOpen(false)} />}
      {canWrite && (
        <WorkerActionModal
          project={project}
          worker={action?.worker ?? null}
          kind={action?.kind ?? lastKind}
          onClose={() => setAction(null)}
        />
      )}
    </div>
  );
}
