import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { showApiError } from '../../../components/feedback';
import { programKeys } from '../api';

/**
 * A programme form in a modal: `submit` turns the form's values into the request; on success the lists are
 * refreshed, on a refusal the server's Chinese messages land on their fields.
 */
export function CreateModal<V extends object>({
  title,
  okText = '登记',
  onClose,
  submit,
  initialValues,
  children,
  width,
}: {
  title: string;
  okText?: string;
  onClose: () => void;
  submit: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  children: ReactNode;
  width?: number;
}) {
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: submit,
    onSuccess: async () => {
      message.success('已保存');
      await client.invalidateQueries({ queryKey: programKeys.all });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      width={width}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        {children}
      </Form>
    </Modal>
  );
}
