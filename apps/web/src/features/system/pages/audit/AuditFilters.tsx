import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { auditActionGroups, auditActionLabels } from '../../../../api/labels';
import type { AuditOutcome } from '../../../../api/types';
import { TIME_ZONE, dayjs } from '../../../../components/time';

export interface AuditFilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
  outcome?: AuditOutcome;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  outcome?: AuditOutcome;
}

/**
 * Actions by Chinese name, grouped; each group also offers all of its actions (the server matches
 * the action as a prefix, so `auth.` finds every sign-in action).
 */
const actionOptions = Object.entries(auditActionGroups).map(([group, groupLabel]) => ({
  label: groupLabel,
  title: groupLabel,
  options: [
    { value: `${group}.`, label: `${groupLabel}（全部）` },
    ...Object.entries(auditActionLabels)
      .filter(([code]) => code.startsWith(`${group}.`))
      .map(([code, label]) => ({ value: code, label })),
  ],
}));

/** The picked wall-clock time is interpreted in Asia/Shanghai, like the times shown in the table. */
function toInstant(d: Dayjs | null | undefined): string | undefined {
  if (!d) return undefined;
  return dayjs.tz(d.format('YYYY-MM-DD HH:mm:ss'), TIME_ZONE).toISOString();
}

export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const [form] = Form.useForm<AuditFilterValues>();

  const submit = (v: AuditFilterValues) =>
    onChange({
      from: toInstant(v.range?.[0]),
      to: toInstant(v.range?.[1]),
      username: v.username?.trim() || undefined,
      action: v.action?.trim() || undefined,
      outcome: v.outcome,
    });

  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ marginBottom: 16, rowGap: 12 }}>
      <Form.Item name="range" label="时间">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          presets={[
            { label: '今天', value: [dayjs().startOf('day'), dayjs().endOf('day')] },
            { label: '最近 7 天', value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
            { label: '最近 30 天', value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
          ]}
        />
      </Form.Item>
      <Form.Item name="username" label="用户">
        <Input placeholder="用户名" allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label="操作">
        <Select
          allowClear
          showSearch
          placeholder="全部操作"
          style={{ width: 220 }}
          options={actionOptions}
          optionFilterProp="label"
          data-testid="audit-action-filter"
        />
      </Form.Item>
      <Form.Item name="outcome" label="结果">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 110 }}
          options={[
            { value: 'success', label: '成功' },
            { value: 'failure', label: '失败' },
            { value: 'denied', label: '拒绝' },
          ]}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
