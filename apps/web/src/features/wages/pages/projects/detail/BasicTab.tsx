import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownOutlined,
  EditOutlined,
  PrinterOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { SITE_INSTITUTIONS, SITE_INSTITUTION_NAMES } from '@mwsp/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Form,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { InstitutionDetail, ProjectDto, ProjectPatch, ProjectStatus } from '../../../api';
import { noticeBoardUrl, projectCategoryLabels, projectStatusLabels, updateProject } from '../../../api';
import { useCan } from '../../../../../auth/MeProvider';
import { dayjs } from '../../../../../components/time';
import { showApiErrorOn } from '../../../components/formErrors';
import { ProjectEditModal } from './ProjectEditModal';
import { useConflictAware, useInvalidateProject, ymd } from './common';
import { formatBp, formatYuanText } from '../../../../../components/money';

/** Status changes offered from each status (the server has the final word). */
const NEXT: Record<ProjectStatus, ProjectStatus[]> = {
  registered: ['in_progress', 'closed'],
  in_progress: ['suspended', 'completed'],
  suspended: ['in_progress', 'completed'],
  completed: ['closed'],
  closed: [],
};

const STATUS_HINT: Partial<Record<ProjectStatus, string>> = {
  in_progress: '开工后按月监测人工费用拨付、工资发放和六项制度落实情况。',
  suspended: '停工期间仍须按时足额支付已发生的农民工工资。',
  completed: '竣工后请及时办理工资结清、保证金返还和专用账户销户。',
  closed: '关闭后项目不能再登记任何数据，此操作不可撤销。',
};

function StatusModal({ project, open, onClose }: { project: ProjectDto; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ status?: ProjectStatus; completedOn?: Dayjs }>();
  const { message, modal } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  const onError = useConflictAware(project.id);
  const status = Form.useWatch('status', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: { status?: ProjectStatus; completedOn?: Dayjs }) => {
      const patch: ProjectPatch = { version: project.version, status: v.status };
      if (v.status === 'completed') patch.completedOn = ymd(v.completedOn);
      return updateProject(project.id, patch);
    },
    onSuccess: (p) => {
      message.success(`项目状态已变更为“${projectStatusLabels[p.status]?.text ?? p.status}”`);
      invalidate();
      onClose();
    },
    onError: (err) => onError(err, (e) => showApiErrorOn(e, form)),
  });

  const submit = (v: { status?: ProjectStatus; completedOn?: Dayjs }) => {
    if (v.status === 'closed') {
      modal.confirm({
        title: '确认关闭项目？',
        content: '关闭后项目不能再登记考勤、工资、代发和账户数据，此操作不可撤销。',
        okText: '确认关闭',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () => save.mutateAsync(v).catch(() => undefined),
      });
      return;
    }
    save.mutate(v);
  };

  const options = NEXT[project.status].map((s) => ({ value: s, label: projectStatusLabels[s].text }));

  return (
    <Modal
      open={open}
      title="变更项目状态"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认变更"
      okButtonProps={{ disabled: options.length === 0 }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="project-status-form">
        <Form.Item label="当前状态">
          <Tag color={projectStatusLabels[project.status].color}>{projectStatusLabels[project.status].text}</Tag>
        </Form.Item>
        {options.length === 0 ? (
          <Alert type="info" showIcon message="项目已销项，不能再变更状态" />
        ) : (
          <>
            <Form.Item
              name="status"
              label="变更为"
              rules={[
                { required: true, message: '请选择新的状态' },
                {
                  validator: (_, v?: ProjectStatus) =>
                    v === 'closed' && project.account && project.account.status !== 'closed'
                      ? Promise.reject(new Error('专用账户尚未销户，项目不能关闭（请先在“专用账户”中公示并销户）'))
                      : Promise.resolve(),
                },
              ]}
            >
              <Select options={options} placeholder="请选择" />
            </Form.Item>
            {status === 'completed' && (
              <Form.Item
                name="completedOn"
                label="竣工日期"
                rules={[
                  { required: true, message: '请选择竣工日期' },
                  {
                    validator: (_, v?: Dayjs) =>
                      v && v.format('YYYY-MM-DD') < project.startDate
                        ? Promise.reject(new Error(`竣工日期不能早于开工日期（${project.startDate}）`))
                        : v && v.isAfter(dayjs(), 'day')
                          ? Promise.reject(new Error('竣工日期不能晚于今天'))
                          : Promise.resolve(),
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
            {status && STATUS_HINT[status] && (
              <Alert type={status === 'closed' ? 'warning' : 'info'} showIcon message={STATUS_HINT[status]} />
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

/** The six institutions, from `institutionsDetail` (or the flags when the detail is missing). */
function institutionsOf(project: ProjectDto): (Omit<InstitutionDetail, 'note'> & { note: string | null })[] {
  if (project.institutionsDetail?.length) return project.institutionsDetail;
  return SITE_INSTITUTIONS.map((key) => ({
    key,
    name: SITE_INSTITUTION_NAMES[key],
    ok: !!project.institutions?.[key],
    note: null,
  }));
}

const yesNo = (v: boolean) => (v ? <Tag color="success">是</Tag> : <Tag color="default">否</Tag>);

/** 基本信息 */
export function BasicTab({ project }: { project: ProjectDto }) {
  const can = useCan();
  const canWrite = can('wages:write');
  const [editOpen, setEditOpen] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const items = institutionsOf(project);
  const missing = items.filter((i) => !i.ok).length;

  const print = (size: 'A4' | 'A3') => window.open(noticeBoardUrl(project.id, size), '_blank', 'noopener');

  return (
    <div data-testid="project-basic">
      <Space wrap style={{ marginBottom: 16 }}>
        {canWrite && project.status !== 'closed' && (
          <Button icon={<EditOutlined />} data-testid="project-edit" onClick={() => setEditOpen(true)}>
            编辑
          </Button>
        )}
        {canWrite && project.status !== 'closed' && (
          <Button icon={<SwapOutlined />} data-testid="project-status" onClick={() => setStatusOpen(true)}>
            变更状态
          </Button>
        )}
        <Dropdown.Button
          data-testid="notice-board-print"
          icon={<DownOutlined />}
          onClick={() => print('A4')}
          menu={{
            items: [
              { key: 'A4', label: 'A4 纸打印' },
              { key: 'A3', label: 'A3 纸打印（现场张贴）' },
            ],
            onClick: ({ key }) => print(key as 'A4' | 'A3'),
          }}
        >
          <PrinterOutlined /> 打印维权告示牌
        </Dropdown.Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Descriptions bordered size="small" column={2} title="项目信息">
            <Descriptions.Item label="项目编号">
              <Typography.Text style={{ fontFamily: 'monospace' }}>{project.code}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="工程类别">
              {projectCategoryLabels[project.category] ?? project.category}
            </Descriptions.Item>
            <Descriptions.Item label="项目名称" span={2}>
              {project.name}
            </Descriptions.Item>
            <Descriptions.Item label="所在地" span={2}>
              {project.regionName ?? project.regionCode}
            </Descriptions.Item>
            <Descriptions.Item label="建设单位">{project.clientName}</Descriptions.Item>
            <Descriptions.Item label="施工总承包单位">{project.contractorName}</Descriptions.Item>
            <Descriptions.Item label="施工许可证号">{project.permitNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="项目状态">
              <Tag color={projectStatusLabels[project.status]?.color}>
                {projectStatusLabels[project.status]?.text ?? project.status}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="合同金额">{formatYuanText(project.contractAmountFen)}</Descriptions.Item>
            <Descriptions.Item label="人工费用占比">{formatBp(project.labourShareBp)}</Descriptions.Item>
            <Descriptions.Item label="人工费用拨付日">每月 {project.allocationDay} 日</Descriptions.Item>
            <Descriptions.Item label="工资支付日">每月 {project.payDay} 日（支付上月工资）</Descriptions.Item>
            <Descriptions.Item label="建设资金到位">{yesNo(project.fundingInPlace)}</Descriptions.Item>
            <Descriptions.Item label="工程款支付担保">{yesNo(project.paymentGuarantee)}</Descriptions.Item>
            <Descriptions.Item label="合同签订日期">{project.contractSignedOn}</Descriptions.Item>
            <Descriptions.Item label="开工日期">{project.startDate}</Descriptions.Item>
            <Descriptions.Item label="计划竣工日期">{project.plannedEndDate}</Descriptions.Item>
            <Descriptions.Item label="竣工日期">{project.completedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="劳资专管员">{project.labourOfficerName ?? '未配备'}</Descriptions.Item>
            <Descriptions.Item label="专管员电话">{project.labourOfficerPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="告示牌设置日期">{project.noticeBoardPostedOn ?? '尚未设置'}</Descriptions.Item>
            <Descriptions.Item label="在场人数">{project.workersOnSite} 人</Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title="六项制度落实情况"
            data-testid="institutions-checklist"
            extra={missing === 0 ? <Tag color="success">全部落实</Tag> : <Tag color="error">{missing} 项未落实</Tag>}
          >
            <List
              size="small"
              dataSource={items}
              renderItem={(i) => (
                <List.Item data-institution={i.key} data-ok={i.ok}>
                  <List.Item.Meta
                    avatar={
                      i.ok ? (
                        <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} />
                      ) : (
                        <CloseCircleFilled style={{ color: '#cf1322', fontSize: 18 }} />
                      )
                    }
                    title={i.name || SITE_INSTITUTION_NAMES[i.key]}
                    description={i.note ?? (i.ok ? '已落实' : '未落实')}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {canWrite && <ProjectEditModal project={project} open={editOpen} onClose={() => setEditOpen(false)} />}
      {canWrite && <StatusModal project={project} open={statusOpen} onClose={() => setStatusOpen(false)} />}
    </div>
  );
}
