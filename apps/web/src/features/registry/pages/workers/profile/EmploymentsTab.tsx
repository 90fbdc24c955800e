import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { rqk, updateEmployment } from '../../../api';
import type { Employment, Worker } from '../../../../../api/types';
import { useCan } from '../../../../../auth/MeProvider';
import { showApiError } from '../../../../../components/feedback';
import { EmploymentsTable } from '../../../components/EmploymentsTable';
import { dayjs } from '../../../../../components/time';
import { EmploymentFormModal } from './EmploymentFormModal';

function EndEmploymentModal({ employment, onClose }: { employment: Employment | null; onClose: () => void }) {
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const end = useMutation({
    mutationFn: (v: { endDate: Dayjs }) =>
      updateEmployment((employment as Employment).id, { endDate: v.endDate.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success('用工关系已结束');
      void qc.invalidateQueries({ queryKey: rqk.employmentsAll });
      void qc.invalidateQueries({ queryKey: rqk.workersAll });
      void qc.invalidateQueries({ queryKey: rqk.employersAll });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open={!!employment}
      title="结束用工关系"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认结束"
      okButtonProps={{ danger: true }}
      confirmLoading={end.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {employment && (
        <Form form={form} layout="vertical" initialValues={{ endDate: dayjs() }} onFinish={(v) => end.mutate(v)}>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`确认结束“${employment.workerName}”与“${employment.employerName}”的用工关系？`}
            description="结束后该记录不再计入单位在职人数，并记入一人一档时间线。"
          />
          <Form.Item
            name="endDate"
            label="离职日期"
            rules={[
              { required: true, message: '请选择离职日期' },
              {
                validator: (_, v?: Dayjs) =>
                  v && v.format('YYYY-MM-DD') < employment.startDate
                    ? Promise.reject(new Error(`离职日期不能早于入职日期（${employment.startDate}）`))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** 就业与合同 */
export function EmploymentsTab({ worker }: { worker: Worker }) {
  const can = useCan();
  const canWrite = can('registry:write') && worker.status === 'active';
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Employment | null>(null);
  const [ending, setEnding] = useState<Employment | null>(null);

  return (
    <>
      <EmploymentsTable
        workerId={worker.id}
        toolbar={
          <Space>
            {worker.currentEmployment && (
              <Typography.Text type="secondary">当前单位：{worker.currentEmployment.employerName}</Typography.Text>
            )}
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
              >
                新增用工关系
              </Button>
            )}
          </Space>
        }
        actions={
          canWrite
            ? (e) => (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => {
                      setEditing(e);
                      setFormOpen(true);
                    }}
                  >
                    编辑
                  </Button>
                  {e.status === 'active' && (
                    <Button type="link" size="small" danger onClick={() => setEnding(e)}>
                      结束用工
                    </Button>
                  )}
                </Space>
              )
            : undefined
        }
      />
      <EmploymentFormModal
        open={formOpen}
        workerId={worker.id}
        workerName={worker.name}
        employment={editing}
        onClose={() => setFormOpen(false)}
      />
      <EndEmploymentModal employment={ending} onClose={() => setEnding(null)} />
    </>
  );
}
