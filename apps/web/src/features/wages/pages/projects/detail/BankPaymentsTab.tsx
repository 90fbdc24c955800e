import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { monthLabel } from '@mwsp/domain';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { BankPayment, BankPaymentQuery, ProjectDto } from '../../../api';
import { getBankPayments, uploadBankPayments, wqk } from '../../../api';
import { errorText } from '../../../../../components/feedback';
import { dayjs } from '../../../../../components/time';
import { ProjectUpload } from '../../../components/ProjectUpload';
import { useCanImport } from './common';
import { Yuan } from '../../../../../components/money';

/** 银行代发: results returned by the bank for wages paid from the dedicated account. */
export function BankPaymentsTab({ project }: { project: ProjectDto }) {
  const canImport = useCanImport(project.status);
  const [query, setQuery] = useState<BankPaymentQuery>({ page: 1, pageSize: 20 });
  const filter = (patch: Partial<BankPaymentQuery>) => setQuery((cur) => ({ ...cur, ...patch, page: 1 }));
  const payments = useQuery({
    queryKey: wqk.bankPayments(project.id, query),
    queryFn: ({ signal }) => getBankPayments(project.id, query, signal),
    placeholderData: keepPreviousData,
  });
  const hasFilters = !!query.month || query.succeeded !== undefined;

  const columns: TableColumnsType<BankPayment> = [
    { title: '工资月份', dataIndex: 'month', width: 100, render: (v: string) => monthLabel(v) },
    { title: '姓名', dataIndex: 'name', width: 100 },
    {
      title: '身份证号',
      dataIndex: 'idMasked',
      width: 180,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    {
      title: '金额（元）',
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (v: number) => <Yuan fen={v} />,
    },
    {
      title: '代发结果',
      dataIndex: 'succeeded',
      width: 240,
      render: (v: boolean, r) =>
        v ? (
          <Tag color="success">成功</Tag>
        ) : (
          <Space size={4}>
            <Tag color="error">失败</Tag>
            <Typography.Text type="danger">{r.failureReason ?? '原因未说明'}</Typography.Text>
          </Space>
        ),
    },
    {
      title: '银行流水号',
      dataIndex: 'bankRef',
      width: 200,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    { title: '代发日期', dataIndex: 'paidOn', width: 110 },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="project-bank-payments">
      <Col xs={24} xl={17}>
        <Space wrap style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
          <Space wrap>
            <DatePicker
              picker="month"
              format="YYYY年M月"
              placeholder="工资月份（全部）"
              value={query.month ? dayjs(`${query.month}-01`) : null}
              onChange={(d: Dayjs | null) => filter({ month: d ? d.format('YYYY-MM') : undefined })}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            />
            <Select<'true' | 'false' | undefined>
              allowClear
              placeholder="代发结果"
              value={query.succeeded === undefined ? undefined : query.succeeded ? 'true' : 'false'}
              onChange={(v) => filter({ succeeded: v === undefined ? undefined : v === 'true' })}
              options={[
                { value: 'true', label: '成功' },
                { value: 'false', label: '失败' },
              ]}
              style={{ width: 120 }}
            />
            {hasFilters && (
              <Button onClick={() => setQuery((cur) => ({ page: 1, pageSize: cur.pageSize }))}>重置</Button>
            )}
          </Space>
          <Button icon={<ReloadOutlined />} onClick={() => void payments.refetch()}>
            刷新
          </Button>
        </Space>
        {payments.isError && (
          <Alert
            type="error"
            showIcon
            message="无法加载代发记录"
            description={errorText(payments.error)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<BankPayment>
          data-testid="bank-payments-table"
          rowKey={(r) => String(r.id)}
          size="small"
          columns={columns}
          dataSource={payments.data?.items ?? []}
          loading={payments.isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={hasFilters ? '没有符合条件的代发记录' : '暂无银行代发记录'} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: payments.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) =>
              setQuery((cur) => ({ ...cur, page: pageSize !== cur.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Col>
      <Col xs={24} xl={7}>
        <Card size="small" title="导入银行代发结果">
          {canImport ? (
            <ProjectUpload
              projectId={project.id}
              kind="bank_payments"
              upload={(file) => uploadBankPayments(project.id, file)}
              disabled={!project.account || project.account.status === 'closed'}
              disabledReason={
                !project.account
                  ? '项目尚未开立农民工工资专用账户，请先在“专用账户”中登记开户信息。'
                  : project.account.status === 'closed'
                    ? '专用账户已销户，不能再导入代发结果。'
                    : undefined
              }
              hint="银行回单文件：身份证号、月份、金额、结果、流水号"
            />
          ) : (
            <Typography.Text type="secondary">您没有上传文件的权限，或项目已销项。</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
