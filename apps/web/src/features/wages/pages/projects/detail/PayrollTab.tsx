import { EditOutlined, EyeOutlined, FormOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { monthLabel } from '@mwsp/domain';
import { Alert, Button, Card, Col, Drawer, Empty, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { PayrollLine, PayrollMonthSummary, ProjectDto } from '../../../api';
import { getPayrollMonth, getPayrolls, uploadPayroll, wqk } from '../../../api';
import { errorText } from '../../../../../components/feedback';
import { ProjectUpload } from '../../../components/ProjectUpload';
import { AdjustmentModal, effectiveOf } from './AdjustmentModal';
import { ManualPayrollModal } from './ManualPayrollModal';
import { useCanImport, useCanWrite } from './common';
import { Yuan } from '../../../../../components/money';

const LEDGER_NOTICE =
  '工资支付台账依法至少保存 3 年，任何人不能删除或修改已记入的记录；发现差错时只能录入更正分录，原记录与更正分录一并保留备查。';

/** The lines of one month (GET /api/projects/:id/payrolls/:month) with adjusting entries. */
function MonthDrawer({ project, month, onClose }: { project: ProjectDto; month: string | null; onClose: () => void }) {
  const canWrite = useCanWrite(project.status);
  const [adjusting, setAdjusting] = useState<{ lineId: string | null } | null>(null);
  const lines = useQuery({
    queryKey: wqk.payrollMonth(project.id, month ?? ''),
    queryFn: ({ signal }) => getPayrollMonth(project.id, month as string, signal),
    enabled: !!month,
  });
  const items = useMemo(() => {
    const all = lines.data?.items ?? [];
    // Each original followed by its adjusting entries.
    const originals = all.filter((l) => l.entry === 'original').sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    const out: PayrollLine[] = [];
    for (const o of originals) {
      out.push(o);
      out.push(...all.filter((l) => l.entry === 'adjustment' && String(l.adjustsLineId) === String(o.lineId)));
    }
    const placed = new Set(out.map((l) => String(l.lineId)));
    out.push(...all.filter((l) => !placed.has(String(l.lineId))));
    return out;
  }, [lines.data]);
  const all = lines.data?.items ?? [];
  const sum = all.reduce(
    (t, l) => ({
      payable: t.payable + l.payableFen,
      deductions: t.deductions + l.deductionsFen,
      net: t.net + l.netFen,
      paid: t.paid + (l.entry === 'original' ? l.paidFen : 0),
    }),
    { payable: 0, deductions: 0, net: 0, paid: 0 },
  );

  const columns: TableColumnsType<PayrollLine> = [
    { title: '记录号', dataIndex: 'lineId', width: 80, render: (v: string | number) => `#${v}` },
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (v: string, l) =>
        l.entry === 'adjustment' ? <Typography.Text type="secondary">└ {v}</Typography.Text> : v,
    },
    {
      title: '身份证号',
      dataIndex: 'idMasked',
      width: 180,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    {
      title: '类型',
      dataIndex: 'entry',
      width: 150,
      render: (v: PayrollLine['entry'], l) =>
        v === 'adjustment' ? (
          <Tooltip title={l.reason ?? ''}>
            <Tag color="purple">更正 #{l.adjustsLineId}</Tag>
          </Tooltip>
        ) : (
          <Tag>原始记录</Tag>
        ),
    },
    {
      title: '天数',
      dataIndex: 'days',
      width: 60,
      align: 'right',
      render: (v: number, l) => (l.entry === 'adjustment' ? '—' : v),
    },
    {
      title: '应发',
      dataIndex: 'payableFen',
      width: 110,
      align: 'right',
      render: (v: number) => <Yuan fen={v} type={v < 0 ? 'danger' : undefined} />,
    },
    {
      title: '扣款',
      dataIndex: 'deductionsFen',
      width: 100,
      align: 'right',
      render: (v: number) => <Yuan fen={v} type={v < 0 ? 'danger' : undefined} />,
    },
    {
      title: '实发',
      dataIndex: 'netFen',
      width: 110,
      align: 'right',
      render: (v: number) => <Yuan fen={v} type={v < 0 ? 'danger' : undefined} strong />,
    },
    {
      title: '更正后实发',
      key: 'effective',
      width: 110,
      align: 'right',
      render: (_, l) => (l.entry === 'original' ? <Yuan fen={effectiveOf(l, all).netFen} /> : null),
    },
    {
      title: '已代发',
      dataIndex: 'paidFen',
      width: 110,
      align: 'right',
      render: (v: number, l) =>
        l.entry === 'original' ? <Yuan fen={v} type={v < effectiveOf(l, all).netFen ? 'danger' : undefined} /> : null,
    },
    { title: '发放日期', dataIndex: 'payDate', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '本人确认',
      dataIndex: 'confirmed',
      width: 90,
      render: (v: boolean, l) =>
        l.entry === 'adjustment' ? null : v ? <Tag color="success">已确认</Tag> : <Tag color="warning">未确认</Tag>,
    },
    { title: '更正原因', dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '' },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, l) =>
        l.entry === 'original' ? (
          <Button
            type="link"
            size="small"
            data-testid="line-adjust"
            onClick={() => setAdjusting({ lineId: String(l.lineId) })}
          >
            更正
          </Button>
        ) : null,
    });
  }

  return (
    <Drawer
      open={!!month}
      onClose={onClose}
      width="min(1440px, 96vw)"
      title={month ? `${monthLabel(month)}工资支付台账` : ''}
      destroyOnHidden
      extra={
        canWrite && (
          <Button
            icon={<EditOutlined />}
            onClick={() => setAdjusting({ lineId: null })}
            disabled={!all.some((l) => l.entry === 'original')}
          >
            录入更正分录
          </Button>
        )
      }
    >
      <Alert type="info" showIcon icon={<LockOutlined />} message={LEDGER_NOTICE} style={{ marginBottom: 12 }} />
      {lines.isError && (
        <Alert
          type="error"
          showIcon
          message="无法加载台账明细"
          description={errorText(lines.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<PayrollLine>
        data-testid="payroll-lines"
        rowKey={(l) => String(l.lineId)}
        size="small"
        columns={columns}
        dataSource={items}
        loading={lines.isFetching}
        scroll={{ x: 1420 }}
        pagination={
          items.length > 100 ? { pageSize: 100, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` } : false
        }
        locale={{ emptyText: <Empty description="当月没有台账记录" /> }}
        summary={() =>
          all.length > 0 ? (
            <Table.Summary>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}>
                  <Typography.Text strong>合计（含更正）</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Yuan fen={sum.payable} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Yuan fen={sum.deductions} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <Yuan fen={sum.net} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} />
                <Table.Summary.Cell index={9} align="right">
                  <Yuan fen={sum.paid} strong type={sum.paid < sum.net ? 'danger' : undefined} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={10} colSpan={canWrite ? 4 : 3} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      {canWrite && month && (
        <AdjustmentModal
          projectId={project.id}
          month={month}
          lines={all}
          lineId={adjusting?.lineId ?? null}
          open={!!adjusting}
          onClose={() => setAdjusting(null)}
        />
      )}
    </Drawer>
  );
}

/** 工资台账 */
export function PayrollTab({ project }: { project: ProjectDto }) {
  const canWrite = useCanWrite(project.status);
  const canImport = useCanImport(project.status);
  const [month, setMonth] = useState<string | null>(null);
  const [manualOpen, setManualOpen] = useState(false);
  const payrolls = useQuery({
    queryKey: wqk.payrolls(project.id),
    queryFn: ({ signal }) => getPayrolls(project.id, signal),
  });
  const rows = [...(payrolls.data?.items ?? [])].sort((a, b) => b.month.localeCompare(a.month));

  const columns: TableColumnsType<PayrollMonthSummary> = [
    {
      title: '工资月份',
      dataIndex: 'month',
      width: 110,
      fixed: 'left',
      render: (v: string) => <Typography.Link onClick={() => setMonth(v)}>{monthLabel(v)}</Typography.Link>,
    },
    { title: '台账人数', dataIndex: 'lines', width: 90, align: 'right' },
    {
      title: '考勤人数',
      dataIndex: 'attendees',
      width: 90,
      align: 'right',
      render: (v: number, r) =>
        v > r.lines ? (
          <Tooltip title={`${v - r.lines} 名出勤人员没有工资记录`}>
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          v
        ),
    },
    { title: '应发合计', dataIndex: 'payableFen', width: 130, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    {
      title: '扣款合计',
      dataIndex: 'deductionsFen',
      width: 120,
      align: 'right',
      render: (v: number) => <Yuan fen={v} />,
    },
    {
      title: '实发合计',
      dataIndex: 'netFen',
      width: 130,
      align: 'right',
      render: (v: number) => <Yuan fen={v} strong />,
    },
    {
      title: '已代发',
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (v: number, r) => <Yuan fen={v} type={v < r.netFen ? 'danger' : 'success'} />,
    },
    {
      title: '未发差额',
      key: 'gap',
      width: 120,
      align: 'right',
      render: (_, r) =>
        r.netFen > r.paidFen ? (
          <Yuan fen={r.netFen - r.paidFen} type="danger" strong />
        ) : (
          <Tag color="success">足额</Tag>
        ),
    },
    {
      title: '代发人数',
      key: 'paidWorkers',
      width: 100,
      align: 'right',
      render: (_, r) => `${r.paidWorkers} / ${r.lines}`,
    },
    {
      title: '代发失败',
      dataIndex: 'failedPayments',
      width: 90,
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="error">{v}</Tag> : 0),
    },
    {
      title: '未确认',
      dataIndex: 'unconfirmed',
      width: 80,
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="warning">{v}</Tag> : 0),
    },
    {
      title: '更正分录',
      dataIndex: 'adjustments',
      width: 90,
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="purple">{v}</Tag> : 0),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          data-testid="payroll-month-open"
          onClick={() => setMonth(r.month)}
        >
          明细
        </Button>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="project-payroll">
      <Col span={24}>
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          message="工资支付台账不可删除，只能更正"
          description={LEDGER_NOTICE}
          data-testid="ledger-notice"
        />
      </Col>
      <Col span={24}>
        <Card
          size="small"
          title="月度工资汇总"
          extra={
            <Space>
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void payrolls.refetch()}>
                刷新
              </Button>
              {canWrite && (
                <Button
                  size="small"
                  icon={<FormOutlined />}
                  data-testid="payroll-manual"
                  onClick={() => setManualOpen(true)}
                >
                  手工录入
                </Button>
              )}
            </Space>
          }
        >
          {payrolls.isError && (
            <Alert
              type="error"
              showIcon
              message="无法加载工资台账"
              description={errorText(payrolls.error)}
              style={{ marginBottom: 12 }}
            />
          )}
          <Table<PayrollMonthSummary>
            data-testid="payroll-summary"
            rowKey="month"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={payrolls.isFetching}
            scroll={{ x: 1420 }}
            pagination={
              rows.length > 24 ? { pageSize: 24, showSizeChanger: false, showTotal: (t) => `共 ${t} 个月` } : false
            }
            locale={{ emptyText: <Empty description="暂无考勤或工资记录" /> }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="上传工资表">
          {canImport ? (
            <ProjectUpload
              projectId={project.id}
              kind="payroll"
              upload={(file) => uploadPayroll(project.id, file)}
              hint="每人每月一行，实发 = 应发 − 扣款"
            />
          ) : (
            <Typography.Text type="secondary">您没有上传文件的权限，或项目已销项。</Typography.Text>
          )}
        </Card>
      </Col>
      <MonthDrawer project={project} month={month} onClose={() => setMonth(null)} />
      {canWrite && (
        <ManualPayrollModal project={project} open={manualOpen} onClose={() => setManualOpen(false)} existing={rows} />
      )}
    </Row>
  );
}
