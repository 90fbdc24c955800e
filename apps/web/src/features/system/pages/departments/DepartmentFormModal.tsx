import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { createDepartment, qk, updateDepartment } from '../../../../api/endpoints';
import { departmentKindOptions } from '../../../../api/labels';
import type { Department, DepartmentInput, DepartmentKind, ModuleInfo } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { useSystemInfo } from '../../../../components/useSystemInfo';

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: DepartmentKind;
  regionCode: string;
  modules: string[];
  active: boolean;
  sort: number;
  note?: string;
  formerNames?: string[];
}

interface Props {
  open: boolean;
  department: Department | null;
  modules: ModuleInfo[];
  onClose: () => void;
}

export function DepartmentFormModal({ open, department, modules, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data: info } = useSystemInfo();
  const editing = !!department;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (department) {
      form.setFieldsValue({
        code: department.code,
        name: department.name,
        shortName: department.shortName ?? undefined,
        kind: department.kind,
        regionCode: department.regionCode,
        modules: department.modules,
        active: department.active,
        sort: department.sort,
        note: department.note ?? undefined,
        formerNames: department.formerNames ?? [],
      });
    } else {
      form.setFieldsValue({
        kind: 'government',
        active: true,
        sort: 0,
        modules: [],
        formerNames: [],
        regionCode: info?.city.code,
      });
    }
  }, [open, department, form, info?.city.code]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: DepartmentInput = {
        name: values.name.trim(),
        shortName: values.shortName?.trim() || values.name.trim(),
        kind: values.kind,
        regionCode: values.regionCode,
        modules: values.modules ?? [],
        active: values.active,
        sort: values.sort ?? 0,
        note: values.note?.trim() || null,
        formerNames: (values.formerNames ?? []).map((n) => n.trim()).filter(Boolean),
      };
      return department
        ? updateDepartment(department.id, body)
        : createDepartment({ ...body, code: values.code.trim() });
    },
    onSuccess: () => {
      message.success(editing ? '部门信息已保存' : '部门已创建');
      void qc.invalidateQueries({ queryKey: qk.departmentsAll });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={open}
      title={editing ? `编辑部门：${department?.name}` : '新建部门'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="code"
              label="部门编码"
              rules={[
                { required: true, whitespace: true, message: '请输入部门编码' },
                { max: 64, message: '部门编码不超过 64 个字符' },
              ]}
              extra={editing ? '部门编码创建后不可修改' : undefined}
            >
              <Input disabled={editing} placeholder="如 rsj" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label="部门类型" rules={[{ required: true, message: '请选择部门类型' }]}>
              <Select options={departmentKindOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label="部门名称"
              rules={[
                { required: true, whitespace: true, message: '请输入部门名称' },
                { max: 100, message: '部门名称不超过 100 个字符' },
              ]}
            >
              <Input placeholder="如 昆明市人力资源和社会保障局" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="shortName" label="简称" rules={[{ max: 50, message: '简称不超过 50 个字符' }]}>
              <Input placeholder="如 市人社局" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label="所属行政区划"
              rules={[{ required: true, message: '请选择所属行政区划' }]}
            >
              <RegionTreeSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sort" label="排序">
              <InputNumber min={0} max={99999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="modules" label="业务模块" extra="部门可开展工作的业务模块">
              <Checkbox.Group options={modules.map((m) => ({ value: m.code, label: m.name }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="formerNames"
              label="原名"
              extra="机构改革前的名称（如政策文件中的名称），按原名搜索可找到本部门；输入后回车"
              rules={[{ type: 'array', max: 10, message: '原名最多 10 个' }]}
            >
              <Select mode="tags" open={false} tokenSeparators={['，', ',']} placeholder="如：市工商行政管理局" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label="备注" rules={[{ max: 200, message: '备注不超过 200 个字符' }]}>
              <Input.TextArea rows={2} showCount maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
