import { LockOutlined, PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { addMonths, dayOfMonth, fenToYuan, monthLabel, normalizeName, parseIdNumber, shanghaiDate } from '@mwsp/domain';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import type { PublicProject, WageLookupResult } from '../../wages/api';
import { errorText } from '../../../components/feedback';
import { getPublicProject, lookupWages, publicQk } from '../api';
import { HOTLINE, PublicShell } from './PublicShell';

type MonthRow = WageLookupResult['months'][number];

const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${fenToYuan(fen)}`);

/** Wages of month M are paid on the project's pay day of M+1. */
function dueDate(month: string, payDay: number | undefined): string | null {
  if (!payDay || payDay < 1 || payDay > 28) return null;
  return dayOfMonth(addMonths(month.slice(0, 7) + '-01', 1), payDay);
}

function stateOf(row: MonthRow, payDay: number | undefined): { text: string; color: string } {
  const today = shanghaiDate();
  if (!row.netFen) {
    // No wage line for the month (the server answers 0): only a bank payment, or nothing yet.
    return row.paidFen > 0
      ? { text: '已到账（无工资表记录）', color: 'blue' }
      : { text: '暂无工资记录', color: 'default' };
  }
  if (row.paidFen >= row.netFen) return { text: '已足额发放', color: 'success' };
  const due = dueDate(row.month, payDay);
  if (due && today <= due)
    return { text: row.paidFen > 0 ? '部分到账，未到发薪日' : '未到发薪日', color: 'processing' };
  return row.paidFen > 0 ? { text: '部分发放', color: 'warning' } : { text: '未发放', color: 'error' };
}

function ProjectCodeForm({ onSubmit }: { onSubmit: (code: string) => void }) {
  return (
    <Card variant="borderless">
      <Typography.Paragraph>
        请扫描施工现场“维权信息告示牌”上的二维码进入本页面，或输入告示牌上的项目编号：
      </Typography.Paragraph>
      <Form layout="inline" onFinish={(v: { code: string }) => onSubmit(v.code.trim())} autoComplete="off">
        <Form.Item
          name="code"
          rules={[
            { required: true, whitespace: true, message: '请输入项目编号' },
            { pattern: /^\s*[A-Za-z0-9-]{4,40}\s*$/, message: '项目编号为 4～40 位字母、数字或连字符' },
          ]}
        >
          <Input placeholder="项目编号" style={{ width: 240, maxWidth: '100%' }} data-testid="lookup-project-code" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            下一步
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function Explanation({ project }: { project: PublicProject | undefined }) {
  return (
    <Card variant="borderless" size="small" title="说明" data-testid="lookup-explanation">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <strong>应发工资</strong>：按考勤和约定的工资标准计算的当月工资；<strong>扣款</strong>
        ：依法代扣代缴的个人社会保险费、个人所得税等；
        <strong>实发工资</strong> = 应发工资 − 扣款，是应当打到您本人银行卡上的金额；<strong>已到账</strong>
        ：银行代发成功的金额。
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        工资应当由施工总承包单位通过农民工工资专用账户直接发放到您本人的银行卡，至少每月支付一次
        {project?.payDay ? `；本项目每月 ${project.payDay} 日发放上月工资` : ''}。
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        <PhoneOutlined /> 如发现工资未按时足额到账、出勤天数或金额与实际不符，请先向项目劳资专管员反映；也可拨打{' '}
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="lookup-hotline">
          {HOTLINE}
        </Typography.Text>{' '}
        人力资源社会保障服务热线，或到当地劳动保障监察机构投诉。
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * Phones (the QR code is scanned on site): one card per month, every figure in view — a wide
 * table would hide 已到账 off screen.
 */
function MonthCards({ months, payDay }: { months: MonthRow[]; payDay: number | undefined }) {
  if (months.length === 0) return <Empty description="本项目暂无您的工资记录" />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="lookup-months">
      {months.map((r) => {
        const st = stateOf(r, payDay);
        const short = !!r.netFen && r.paidFen < r.netFen;
        return (
          <Card
            key={r.month}
            size="small"
            data-testid="lookup-month-card"
            title={monthLabel(r.month)}
            extra={<Tag color={st.color}>{st.text}</Tag>}
          >
            <Descriptions
              size="small"
              column={1}
              colon
              items={[
                { key: 'days', label: '出勤天数', children: r.days === null ? '—' : r.days },
                { key: 'payable', label: '应发工资（元）', children: money(r.payableFen) },
                { key: 'deductions', label: '扣款（元）', children: money(r.deductionsFen) },
                { key: 'net', label: '实发工资（元）', children: <strong>{money(r.netFen)}</strong> },
                {
                  key: 'paid',
                  label: '已到账（元）',
                  children: (
                    <Typography.Text type={short ? 'danger' : undefined} strong data-testid="lookup-paid">
                      {money(r.paidFen)}
                    </Typography.Text>
                  ),
                },
                { key: 'payDate', label: '发放日期', children: r.payDate ?? '—' },
              ]}
            />
          </Card>
        );
      })}
    </Space>
  );
}

interface LookupValues {
  name: string;
  idNumber: string;
}

/** /wage-lookup?project=CODE — a worker checks their own wages on a project (QR code on the notice board). */
export default function WageLookupPage() {
  const [params, setParams] = useSearchParams();
  const code = (params.get('project') ?? '').trim();
  const [form] = Form.useForm<LookupValues>();
  const [result, setResult] = useState<WageLookupResult | null>(null);
  const [who, setWho] = useState<string>('');
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;

  const project = useQuery({
    queryKey: publicQk.project(code),
    queryFn: ({ signal }) => getPublicProject(code, signal),
    enabled: !!code,
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });

  const lookup = useMutation({
    mutationFn: (v: LookupValues) => {
      const id = parseIdNumber(v.idNumber);
      // The server compares names in the same normal form (・/•/． → ·, full-width → half-width).
      return lookupWages({
        projectCode: code,
        idNumber: id.ok ? id.value : v.idNumber.trim(),
        name: normalizeName(v.name),
      });
    },
    onSuccess: (res, v) => {
      setResult(res);
      setWho(normalizeName(v.name));
      // The ID number is not kept on screen once the answer is shown.
      form.setFieldsValue({ idNumber: '' });
    },
    onError: () => setResult(null),
    meta: { silent: true },
  });

  const reset = () => {
    setResult(null);
    setWho('');
    lookup.reset();
  };

  if (!code) {
    return (
      <PublicShell title="农民工工资发放查询">
        <ProjectCodeForm onSubmit={(c) => setParams({ project: c })} />
        <div style={{ marginTop: 16 }}>
          <Explanation project={undefined} />
        </div>
      </PublicShell>
    );
  }

  if (project.isPending) {
    return (
      <PublicShell title="农民工工资发放查询">
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      </PublicShell>
    );
  }

  if (project.isError || !project.data) {
    const notFound = isApiError(project.error) && project.error.status === 404;
    return (
      <PublicShell title="农民工工资发放查询">
        <Card variant="borderless">
          <Result
            status={notFound ? '404' : 'error'}
            title={notFound ? '未找到该项目' : '暂时无法查询'}
            subTitle={
              notFound ? `项目编号“${code}”不存在，请核对告示牌上的二维码或项目编号。` : errorText(project.error)
            }
            extra={
              <Space>
                <Button onClick={() => setParams({})}>重新输入项目编号</Button>
                {!notFound && (
                  <Button type="primary" onClick={() => void project.refetch()}>
                    重试
                  </Button>
                )}
              </Space>
            }
          />
        </Card>
      </PublicShell>
    );
  }

  const p = project.data;
  const lookupError = lookup.error;
  const notFound = isApiError(lookupError) && lookupError.status === 404;

  const columns: TableColumnsType<MonthRow> = [
    { title: '月份', dataIndex: 'month', width: 100, render: (v: string) => monthLabel(v) },
    {
      title: '出勤天数',
      dataIndex: 'days',
      width: 90,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v),
    },
    { title: '应发工资（元）', dataIndex: 'payableFen', width: 130, align: 'right', render: money },
    { title: '扣款（元）', dataIndex: 'deductionsFen', width: 110, align: 'right', render: money },
    {
      title: '实发工资（元）',
      dataIndex: 'netFen',
      width: 130,
      align: 'right',
      render: (v: number | null) => <strong>{money(v)}</strong>,
    },
    {
      title: '已到账（元）',
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (v: number, r) => (
        <Typography.Text type={!!r.netFen && v < r.netFen ? 'danger' : undefined}>{money(v)}</Typography.Text>
      ),
    },
    { title: '发放日期', dataIndex: 'payDate', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, r) => {
        const s = stateOf(r, p.payDay);
        return <Tag color={s.color}>{s.text}</Tag>;
      },
    },
  ];

  const months = result ? [...result.months].sort((a, b) => b.month.localeCompare(a.month)) : [];
  const owed = months.filter((m) => !!m.netFen && m.paidFen < m.netFen && stateOf(m, p.payDay).color !== 'processing');

  return (
    <PublicShell title="农民工工资发放查询">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless" size="small" data-testid="lookup-project">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'name', label: '工程项目', children: <strong>{p.name}</strong> },
              { key: 'code', label: '项目编号', children: p.code },
              { key: 'contractor', label: '施工总承包单位', children: p.contractorName },
              { key: 'payDay', label: '发薪日', children: p.payDay ? `每月 ${p.payDay} 日发放上月工资` : '—' },
            ]}
          />
        </Card>

        {!result && (
          <Card variant="borderless" title="查询本人工资" data-testid="lookup-form-card">
            <Typography.Paragraph type="secondary">
              <LockOutlined />{' '}
              请输入您本人的身份证号码和姓名（须与进场实名登记一致）。只能查询本人在本项目的工资记录，查询信息仅用于核验身份。
            </Typography.Paragraph>
            <Form
              form={form}
              layout="vertical"
              onFinish={(v) => lookup.mutate(v)}
              autoComplete="off"
              style={{ maxWidth: 420 }}
              data-testid="lookup-form"
            >
              <Form.Item
                name="idNumber"
                label="身份证号码"
                rules={[
                  {
                    validator: (_, v?: string) => {
                      const r = parseIdNumber(v ?? '');
                      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                    },
                  },
                ]}
              >
                <Input
                  maxLength={18}
                  inputMode="text"
                  placeholder="18 位身份证号码"
                  autoComplete="off"
                  data-testid="lookup-id"
                />
              </Form.Item>
              <Form.Item
                name="name"
                label="姓名"
                rules={[
                  { required: true, whitespace: true, message: '请输入姓名' },
                  { max: 50, message: '姓名过长' },
                ]}
              >
                <Input placeholder="与身份证一致" autoComplete="off" data-testid="lookup-name" />
              </Form.Item>
              {lookupError && (
                <Alert
                  type={notFound ? 'warning' : 'error'}
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="lookup-error"
                  message={notFound ? '未查询到工资记录' : '查询失败'}
                  description={
                    notFound
                      ? `未找到您在本项目的工资记录。请核对身份证号码和姓名是否与进场登记一致；如确在本项目务工却查不到记录，请联系项目劳资专管员或拨打 ${HOTLINE}。`
                      : errorText(lookupError)
                  }
                />
              )}
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined />}
                loading={lookup.isPending}
                data-testid="lookup-submit"
              >
                查询
              </Button>
            </Form>
          </Card>
        )}

        {result && (
          <Card
            variant="borderless"
            title={`${who} 在本项目的工资发放记录`}
            extra={
              <Button onClick={reset} data-testid="lookup-reset">
                重新查询
              </Button>
            }
            data-testid="lookup-result"
          >
            {owed.length > 0 && (
              // a notice about the worker's wages, not a failure of the page: warning, not error
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message={`有 ${owed.length} 个月的工资未足额到账`}
                description={`如与实际不符或确未收到，请向项目劳资专管员反映，或拨打 ${HOTLINE} 维权。`}
              />
            )}
            {narrow ? (
              <MonthCards months={months} payDay={p.payDay} />
            ) : (
              <Table<MonthRow>
                size="small"
                rowKey="month"
                columns={columns}
                dataSource={months}
                pagination={months.length > 12 ? { pageSize: 12 } : false}
                scroll={{ x: 950 }}
                locale={{ emptyText: <Empty description="本项目暂无您的工资记录" /> }}
                data-testid="lookup-months"
              />
            )}
          </Card>
        )}

        <Explanation project={p} />
      </Space>
    </PublicShell>
  );
}
