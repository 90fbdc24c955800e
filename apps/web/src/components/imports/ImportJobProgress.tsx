import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { importKindLabels, importStatusLabels } from '../../api/labels';
import type { ImportKind } from '../../api/types';
import type { WageImportJob, WageImportKind } from '../../features/wages/api';
import { downloadWageImportErrors, getWageImport, wageImportKindLabels, wqk } from '../../features/wages/api';
import { saveFile } from '../download';
import { errorText, showApiError } from '../feedback';
import { ImportErrorsTable } from './ImportErrorsTable';

export const jobInProgress = (job: WageImportJob | undefined) =>
  !!job && (job.status === 'queued' || job.status === 'running');

export function kindLabel(kind: string): string {
  return wageImportKindLabels[kind as WageImportKind] ?? importKindLabels[kind as ImportKind] ?? kind;
}

/** Downloads the error workbook of a finished job (GET /api/imports/:id/errors.xlsx). */
export function useImportErrorsDownload() {
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (job: WageImportJob) => downloadWageImportErrors(job.id),
    onSuccess: (file, job) => {
      const base = job.filename.replace(/\.[^.]+$/, '');
      // The server names it per job (kind, short id, date); this is only the fallback.
      const name = saveFile(file, `${base}_错误明细_${job.id.slice(0, 8)}.xlsx`);
      message.success(`已下载：${name}`);
    },
    onError: (err) => showApiError(err),
  });
}

/**
 * Progress of one import job (same display as the 批量导入 page), polled every second through
 * GET /api/imports/:id while it is queued or running; `onFinished` runs once when it ends.
 */
export function ImportJobProgress({ jobId, onFinished }: { jobId: string; onFinished?: (job: WageImportJob) => void }) {
  const job = useQuery({
    queryKey: wqk.importJob(jobId),
    queryFn: ({ signal }) => getWageImport(jobId, signal),
    refetchInterval: (q) =>
      q.state.status === 'error' || (q.state.data && !jobInProgress(q.state.data)) ? false : 1000,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const errors = useImportErrorsDownload();
  const data = job.data;
  const finishedRef = useRef(false);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  useEffect(() => {
    if (data && !jobInProgress(data) && !finishedRef.current) {
      finishedRef.current = true;
      onFinishedRef.current?.(data);
    }
  }, [data]);

  if (job.isPending) {
    return (
      <div data-testid="import-progress">
        <Progress percent={100} status="active" showInfo={false} />
        <Typography.Text type="secondary">正在获取导入进度…</Typography.Text>
      </div>
    );
  }
  if (job.isError || !data) {
    return <Alert type="error" showIcon message="无法获取导入进度" description={errorText(job.error)} />;
  }

  const total = data.totalRows ?? 0;
  const known = data.totalRows !== null && data.totalRows !== undefined && total > 0;
  const percent = known ? Math.min(100, Math.floor((data.processedRows / total) * 100)) : 100;
  const status = importStatusLabels[data.status];

  let bar;
  if (data.status === 'failed') {
    bar = <Progress percent={known ? percent : 100} status="exception" format={() => '失败'} />;
  } else if (data.status === 'done') {
    bar = <Progress percent={100} status={data.errorRows > 0 ? 'normal' : 'success'} format={() => '完成'} />;
  } else if (known) {
    bar = <Progress percent={percent} status="active" format={() => `${data.processedRows} / ${total}`} />;
  } else {
    bar = <Progress percent={100} status="active" format={() => (data.status === 'queued' ? '排队中' : '解析中')} />;
  }

  return (
    <div data-testid="import-progress" data-status={data.status}>
      <Space wrap style={{ marginBottom: 8 }}>
        <FileExcelOutlined />
        <Typography.Text strong>{data.filename}</Typography.Text>
        <Tag>{kindLabel(data.kind)}</Tag>
        {status && <Tag color={status.color}>{status.text}</Tag>}
      </Space>
      {bar}
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col xs={12} sm={6}>
          <Statistic title="成功" value={data.okRows} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="新增" value={data.createdRows} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="更新" value={data.updatedRows} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title="失败"
            value={data.errorRows}
            valueStyle={data.errorRows > 0 ? { color: '#cf1322' } : undefined}
          />
        </Col>
      </Row>
      {data.message && (
        <Alert
          style={{ marginTop: 12 }}
          type={data.status === 'failed' ? 'error' : 'info'}
          showIcon
          message={data.message}
        />
      )}
      {data.status === 'done' && data.errorRows > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          message={`有 ${data.errorRows} 行未能导入`}
          description="下表列出每一行的全部错误；下载的错误明细中标出了出错的单元格和原因，修改后可只重新导入这些行。"
          action={
            <Button
              icon={<DownloadOutlined />}
              loading={errors.isPending}
              onClick={() => errors.mutate(data)}
              data-testid="import-errors"
            >
              下载错误明细
            </Button>
          }
        />
      )}
      {!jobInProgress(data) && data.errorRows > 0 && (
        <div style={{ marginTop: 12 }}>
          <ImportErrorsTable jobId={data.id} />
        </div>
      )}
    </div>
  );
}
