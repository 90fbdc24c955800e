import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Form, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { importKindLabels, importKindOptions, importStatusLabels } from '../../../../api/labels';
import { downloadImportTemplate, getImports, rqk, uploadImport } from '../../api';
import type { ImportJob, ImportKind } from '../../../../api/types';
import { dateStamp, saveFile } from '../../../../components/download';
import { isApiError } from '../../../../api/client';
import { errorText, isHandledGlobally, showApiError } from '../../../../components/feedback';
import { PageCard } from '../../../../components/PageCard';
import {
  ImportJobProgress,
  jobInProgress,
  useImportErrorsDownload,
} from '../../../../components/imports/ImportJobProgress';
import { formatDateTime } from '../../../../components/time';

const ACCEPT = '.xlsx,.csv';
const inProgress = jobInProgress;
const useErrorDownload = useImportErrorsDownload;
const JobProgress = ImportJobProgress;

export default function ImportsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('workers');
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const errors = useErrorDownload();

  const history = useQuery({
    queryKey: rqk.imports(page.page, page.pageSize),
    queryFn: ({ signal }) => getImports(page.page, page.pageSize, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(inProgress) ? 3000 : false),
  });

  const template = useMutation({
    mutationFn: (k: ImportKind) => downloadImportTemplate(k),
    onSuccess: (file, k) => {
      const name = saveFile(file, `${importKindLabels[k]}导入模板_${dateStamp()}.xlsx`);
      message.success(`已下载：${name}`);
    },
    onError: (err) => showApiError(err),
  });

  const upload = useMutation({
    mutationFn: (file: File) => uploadImport(kind, file),
    onMutate: () => setUploadError(null),
    onSuccess: (job) => {
      setJobId(job.id);
      qc.setQueryData(rqk.importJob(job.id), job);
      void qc.invalidateQueries({ queryKey: rqk.importsAll, exact: false, refetchType: 'active' });
      message.success(`已提交“${job.filename}”，正在导入`);
    },
    onError: (err) => {
      if (isHandledGlobally(err)) return;
      const detail = errorText(err);
      const extra = isApiError(err) ? err.errors.map((e) => e.message).filter((m) => m && m !== detail) : [];
      setUploadError([detail, ...extra].join('；'));
    },
  });

  const onFinished = () => void qc.invalidateQueries({ queryKey: ['imports', 'list'] });

  const columns: TableColumnsType<ImportJob> = [
    { title: '文件名', dataIndex: 'filename', ellipsis: true, width: 240 },
    { title: '类型', dataIndex: 'kind', width: 100, render: (v: ImportKind) => importKindLabels[v] ?? v },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: ImportJob['status']) =>
        importStatusLabels[v] ? <Tag color={importStatusLabels[v].color}>{importStatusLabels[v].text}</Tag> : v,
    },
    {
      title: '进度',
      key: 'progress',
      width: 120,
      render: (_, j) => (j.totalRows ? `${j.processedRows} / ${j.totalRows}` : j.processedRows || '—'),
    },
    { title: '成功', dataIndex: 'okRows', width: 70, align: 'right' },
    { title: '新增', dataIndex: 'createdRows', width: 70, align: 'right' },
    { title: '更新', dataIndex: 'updatedRows', width: 70, align: 'right' },
    {
      title: '失败',
      dataIndex: 'errorRows',
      width: 70,
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
    { title: '说明', dataIndex: 'message', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '提交时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '完成时间', dataIndex: 'finishedAt', width: 170, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, j) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setJobId(j.id)}>
            {j.errorRows > 0 && !inProgress(j) ? '查看错误' : '查看进度'}
          </Button>
          {j.status === 'done' && j.errorRows > 0 && (
            <Button
              type="link"
              size="small"
              onClick={() => errors.mutate(j)}
              loading={errors.isPending && errors.variables?.id === j.id}
            >
              下载错误明细
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard title="批量导入">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="第一步：选择类型并下载模板" variant="outlined" style={{ height: '100%' }}>
            <Form layout="vertical">
              <Form.Item label="导入类型">
                <Select<ImportKind>
                  data-testid="import-kind"
                  value={kind}
                  onChange={setKind}
                  options={importKindOptions}
                  style={{ width: 240 }}
                />
              </Form.Item>
              <Form.Item
                extra={
                  '模板带有中文表头和下拉选项。请勿修改表头；身份证号、银行卡号等列请设置为文本格式，' +
                  '避免被 Excel 转为科学计数法。户籍地、现居住地可填写区划名称（如“五华区华山街道”）或区划代码。'
                }
              >
                <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate(kind)}>
                  下载{importKindLabels[kind]}模板
                </Button>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="第二步：上传填好的文件" variant="outlined">
            <Upload.Dragger
              data-testid="import-file"
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                if (!/\.(xlsx|csv)$/i.test(file.name)) {
                  setUploadError(`不支持的文件类型：${file.name}。请上传 .xlsx 或 .csv 文件`);
                  return Upload.LIST_IGNORE;
                }
                if (file.size === 0) {
                  setUploadError('文件为空，请检查后重新上传');
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={({ file, onSuccess, onError }) => {
                upload.mutate(file as File, {
                  onSuccess: (job) => onSuccess?.(job),
                  onError: (err) => onError?.(err as Error),
                });
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或将文件拖到此处上传（导入{importKindLabels[kind]}）</p>
              <p className="ant-upload-hint">支持 .xlsx 和 .csv（UTF-8 或 GBK 编码），每次一个文件</p>
            </Upload.Dragger>
            {upload.isPending && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
                正在上传…
              </Typography.Text>
            )}
            {uploadError && (
              <Alert
                style={{ marginTop: 12 }}
                type="error"
                showIcon
                closable
                onClose={() => setUploadError(null)}
                message="上传失败"
                description={uploadError}
              />
            )}
          </Card>
        </Col>
        {jobId && (
          <Col span={24}>
            <Card
              size="small"
              title="导入进度"
              variant="outlined"
              extra={
                <Button size="small" onClick={() => setJobId(null)}>
                  关闭
                </Button>
              }
            >
              <JobProgress key={jobId} jobId={jobId} onFinished={onFinished} />
            </Card>
          </Col>
        )}
        <Col span={24}>
          <Card
            size="small"
            title="导入记录"
            variant="outlined"
            extra={
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void history.refetch()}>
                刷新
              </Button>
            }
          >
            <Table<ImportJob>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={history.data?.items ?? []}
              loading={history.isFetching && !history.data}
              scroll={{ x: 1500 }}
              locale={{ emptyText: <Empty description="暂无导入记录" /> }}
              pagination={{
                current: page.page,
                pageSize: page.pageSize,
                total: history.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50],
                showTotal: (t) => `共 ${t} 次导入`,
                onChange: (p, ps) => setPage((cur) => ({ page: ps !== cur.pageSize ? 1 : p, pageSize: ps })),
              }}
            />
          </Card>
        </Col>
      </Row>
    </PageCard>
  );
}
