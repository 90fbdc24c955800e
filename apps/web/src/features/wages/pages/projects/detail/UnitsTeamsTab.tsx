import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { ProjectDto, ProjectTeam, ProjectTeamInput, ProjectUnit, ProjectUnitInput, UnitRole } from '../../../api';
import { addProjectTeam, addProjectUnit, unitRoleLabels, unitRoleOptions } from '../../../api';
import { EmployerSelect } from '../../../../../components/EmployerSelect';
import { showApiErrorOn } from '../../../components/formErrors';
import { useCanWrite, useInvalidateProject } from './common';

function UnitModal({ project, open, onClose }: { project: ProjectDto; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ employerId?: string; role?: UnitRole }>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: { employerId?: string; role?: UnitRole }) =>
      addProjectUnit(project.id, {
        employerId: v.employerId as string,
        role: v.role as UnitRole,
      } satisfies ProjectUnitInput),
    onSuccess: () => {
      message.success('已添加参建单位');
      invalidate();
      onClose();
    },
    onError: (err) => showApiErrorOn(err, form),
  });
  const taken = new Set([project.clientId, project.contractorId, ...project.units.map((u) => u.employerId)]);
  return (
    <Modal
      open={open}
      title="添加参建单位（分包单位）"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="添加"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="unit-form"
        initialValues={{ role: 'labour_subcontractor' }}
      >
        <Form.Item
          name="employerId"
          label="单位"
          rules={[
            { required: true, message: '请选择单位' },
            {
              validator: (_, v?: string) =>
                v && taken.has(v)
                  ? Promise.reject(new Error('该单位已是本项目的建设单位、总承包单位或参建单位'))
                  : Promise.resolve(),
            },
          ]}
        >
          <EmployerSelect placeholder="输入单位名称搜索（须已在用工单位中登记）" allowClear={false} />
        </Form.Item>
        <Form.Item name="role" label="承包类型" rules={[{ required: true, message: '请选择承包类型' }]}>
          <Select options={unitRoleOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TeamValues {
  name?: string;
  unitId?: string;
  leaderName?: string;
}

function TeamModal({ project, open, onClose }: { project: ProjectDto; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TeamValues>();
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(project.id);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: TeamValues) => {
      const body: ProjectTeamInput = { name: (v.name ?? '').trim() };
      if (v.unitId) body.unitId = v.unitId;
      if (v.leaderName?.trim()) body.leaderName = v.leaderName.trim();
      return addProjectTeam(project.id, body);
    },
    onSuccess: (_r, v) => {
      message.success(`已添加班组“${(v.name ?? '').trim()}”`);
      invalidate();
      onClose();
    },
    onError: (err) => showApiErrorOn(err, form),
  });
  const names = new Set(project.teams.map((t) => t.name));
  return (
    <Modal
      open={open}
      title="添加班组"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="添加"
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="team-form" autoComplete="off">
        <Form.Item
          name="name"
          label="班组名称"
          rules={[
            { required: true, whitespace: true, message: '请输入班组名称' },
            { max: 50, message: '班组名称不超过 50 个字' },
            {
              validator: (_, v?: string) =>
                v && names.has(v.trim()) ? Promise.reject(new Error('本项目已有同名班组')) : Promise.resolve(),
            },
          ]}
        >
          <Input placeholder="如：钢筋班、木工一班" />
        </Form.Item>
        <Form.Item name="unitId" label="所属单位" extra="不选表示由施工总承包单位直接管理">
          <Select
            allowClear
            placeholder={project.contractorName}
            options={project.units.map((u) => ({
              value: u.id,
              label: `${u.employerName}（${unitRoleLabels[u.role] ?? u.role}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="leaderName" label="班组长" rules={[{ max: 50, message: '不超过 50 个字' }]}>
          <Input placeholder="选填" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type UnitRow = Omit<ProjectUnit, 'role'> & { role: UnitRole | 'client' | 'contractor' };

const ROLE: Record<UnitRow['role'], { text: string; color: string }> = {
  client: { text: '建设单位', color: 'gold' },
  contractor: { text: '施工总承包单位', color: 'geekblue' },
  subcontractor: { text: unitRoleLabels.subcontractor, color: 'purple' },
  labour_subcontractor: { text: unitRoleLabels.labour_subcontractor, color: 'blue' },
};

/** 参建单位与班组 */
export function UnitsTeamsTab({ project }: { project: ProjectDto }) {
  const canWrite = useCanWrite(project.status);
  const [unitOpen, setUnitOpen] = useState(false);
  const [teamOpen, setTeamOpen] = useState(false);
  const unitName = new Map(project.units.map((u) => [u.id, u.employerName]));

  const unitRows: UnitRow[] = [
    { id: 'client', employerId: project.clientId, employerName: project.clientName, role: 'client' },
    { id: 'contractor', employerId: project.contractorId, employerName: project.contractorName, role: 'contractor' },
    ...project.units,
  ];
  const unitColumns: TableColumnsType<UnitRow> = [
    { title: '单位名称', dataIndex: 'employerName', ellipsis: true },
    {
      title: '角色',
      dataIndex: 'role',
      width: 150,
      render: (v: UnitRow['role']) => <Tag color={ROLE[v]?.color}>{ROLE[v]?.text ?? v}</Tag>,
    },
  ];
  const teamColumns: TableColumnsType<ProjectTeam> = [
    { title: '班组名称', dataIndex: 'name', ellipsis: true },
    {
      title: '所属单位',
      dataIndex: 'unitId',
      ellipsis: true,
      render: (v: string | null) => (v ? (unitName.get(v) ?? '—') : `${project.contractorName}（总承包）`),
    },
    { title: '班组长', dataIndex: 'leaderName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '人数', dataIndex: 'workers', width: 80, align: 'right' },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="project-units">
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title="参建单位"
          extra={
            canWrite && (
              <Button
                size="small"
                type="primary"
                icon={<PlusOutlined />}
                data-testid="unit-add"
                onClick={() => setUnitOpen(true)}
              >
                添加参建单位
              </Button>
            )
          }
        >
          <Table<UnitRow>
            rowKey="id"
            size="small"
            columns={unitColumns}
            dataSource={unitRows}
            pagination={false}
            locale={{ emptyText: <Empty description="暂无参建单位" /> }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title="班组"
          extra={
            canWrite && (
              <Button
                size="small"
                type="primary"
                icon={<PlusOutlined />}
                data-testid="team-add"
                onClick={() => setTeamOpen(true)}
              >
                添加班组
              </Button>
            )
          }
        >
          <Table<ProjectTeam>
            rowKey="id"
            size="small"
            columns={teamColumns}
            dataSource={project.teams}
            pagination={project.teams.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 个班组` } : false}
            locale={{ emptyText: <Empty description="暂无班组，请先添加班组再登记实名人员" /> }}
          />
        </Card>
      </Col>
      {canWrite && <UnitModal project={project} open={unitOpen} onClose={() => setUnitOpen(false)} />}
      {canWrite && <TeamModal project={project} open={teamOpen} onClose={() => setTeamOpen(false)} />}
    </Row>
  );
}
