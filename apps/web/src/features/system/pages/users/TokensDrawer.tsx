import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { createUserToken, getUserTokens, revokeToken, systemKeys } from '../../api';
import type { ApiToken, User } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { OneTimeSecretModal } from '../../../../components/OneTimeSecretModal';
import { dayjs, formatDateTime } from '../../../../components/time';

function TokenStatus({ token }: { token: ApiToken }) {
  if (token.revokedAt) return <Tag>已撤销</Tag>;
  if (token.expiresAt && dayjs(token.expiresAt).isBefore(dayjs())) return <Tag color="orange">已过期</Tag>;
  return <Tag color="success">有效</Tag>;
}

interface CreateValues {
  name: string;
  days: number;
}

export function TokensDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [created, setCreated] = useState<string | null>(null);
  const userId = user?.id ?? '';

  const tokens = useQuery({
    queryKey: systemKeys.tokens(userId),
    queryFn: ({ signal }) => getUserTokens(userId, signal),
    enabled: !!user,
  });

  const create = useMutation({
    mutationFn: (v: CreateValues) => createUserToken(userId, { name: v.name.trim(), days: v.days }),
    onSuccess: (res) => {
      form.resetFields();
      setCreated(res.token);
      void qc.invalidateQueries({ queryKey: systemKeys.tokens(userId) });
    },
    onError: (err) => showApiError(err, form),
  });

  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSuccess: () => {
      message.success('令牌已撤销');
      void qc.invalidateQueries({ queryKey: systemKeys.tokens(userId) });
    },
    onError: (err) => showApiError(err),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: '名称', dataIndex: 'name' },
    { title: '状态', key: 'status', width: 80, render: (_, t) => <TokenStatus token={t} /> },
    { title: '创建时间', dataIndex: 'createdAt', width: 160, render: formatDateTime },
    {
      title: '到期时间',
      dataIndex: 'expiresAt',
      width: 160,
      render: (v: string | null) => (v ? formatDateTime(v) : '永不过期'),
    },
    {
      title: '最近使用',
      dataIndex: 'lastUsedAt',
      width: 160,
      render: (v: string | null) => (v ? formatDateTime(v) : '从未使用'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, t) =>
        t.revokedAt ? null : (
          <Popconfirm
            title="撤销令牌"
            description={`确认撤销令牌“${t.name}”？撤销后使用该令牌的调用将立即失败，且不可恢复。`}
            okText="撤销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => revoke.mutateAsync(t.id).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              撤销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      width={860}
      title={
        <Space>
          <KeyOutlined />
          {`API 令牌：${user?.displayName ?? ''}（${user?.username ?? ''}）`}
        </Space>
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        API 令牌用于系统间接口调用，以该用户的身份和权限访问接口。令牌明文仅在创建时显示一次。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ days: 90 }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请输入令牌名称' },
            { max: 64, message: '名称不超过 64 个字符' },
          ]}
        >
          <Input placeholder="如 数据交换接口" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="days" label="有效期（天）" rules={[{ required: true, message: '请输入有效天数' }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            创建令牌
          </Button>
        </Form.Item>
      </Form>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tokens.data ?? []}
        loading={tokens.isFetching}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无令牌" /> }}
      />
      <OneTimeSecretModal
        open={!!created}
        title="令牌已创建"
        label="API 令牌"
        secret={created}
        description="调用接口时在请求头中携带：Authorization: Bearer <令牌>"
        onClose={() => setCreated(null)}
      />
    </Drawer>
  );
}
