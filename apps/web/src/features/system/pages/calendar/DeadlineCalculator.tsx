import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { getDeadline } from '../../api';
import type { DeadlineUnit } from '../../../../api/types';
import { showApiError } from '../../../../components/feedback';
import { dayjs, weekdayOf } from '../../../../components/time';

interface Values {
  start: Dayjs;
  amount: number;
  unit: DeadlineUnit;
}

/** GET /api/calendar/deadline: due date of "N working/calendar days from start". */
export function DeadlineCalculator() {
  const [form] = Form.useForm<Values>();
  const calc = useMutation({
    mutationFn: (v: Values) => getDeadline(v.start.format('YYYY-MM-DD'), v.amount, v.unit),
    onError: (err) => showApiError(err, form),
  });
  const input = calc.variables;

  return (
    <Card
      variant="borderless"
      title={
        <span>
          <CalculatorOutlined /> 期限计算
        </span>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ start: dayjs(), amount: 15, unit: 'working' }}
        onFinish={(v) => calc.mutate(v)}
      >
        <Form.Item name="start" label="起算日期" rules={[{ required: true, message: '请选择起算日期' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="amount" label="期限天数" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} suffix="天" />
        </Form.Item>
        <Form.Item name="unit" label="计算方式">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'working', label: '工作日' },
              { value: 'calendar', label: '自然日' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={calc.isPending} block>
          计算截止日期
        </Button>
      </Form>
      {calc.isSuccess && input && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          data-testid="deadline-result"
          message={
            <span>
              截止日期：
              <Typography.Text strong>
                {calc.data.due}（{weekdayOf(calc.data.due)}）
              </Typography.Text>
            </span>
          }
          description={
            `自 ${input.start.format('YYYY-MM-DD')} 起 ${input.amount} 个` +
            (input.unit === 'working' ? '工作日' : '自然日')
          }
        />
      )}
    </Card>
  );
}
