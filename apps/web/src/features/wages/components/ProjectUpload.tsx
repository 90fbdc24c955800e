import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import type { WageImportJob, WageImportKind } from '../api';
import { downloadWageTemplate, wageImportKindLabels, wageTemplateUrl, wqk } from '../api';
import { dateStamp, saveFile } from '../../../components/download';
import { errorText, isHandledGlobally, showApiError } from '../../../components/feedback';
import { ImportJobProgress } from '../../../components/imports/ImportJobProgress';

const ACCEPT = '.xlsx,.csv';
const MAX_BYTES = 20 * 1024 * 1024;

/** "下载模板" link: GET /api/imports/templates/:kind, saved under the server's file name. */
export function TemplateLink({ kind, children }: { kind: WageImportKind; children?: ReactNode }) {
  const { message } = App.useApp();
  const template = useMutation({
    mutationFn: () => downloadWageTemplate(kind),
    onSuccess: (file) => {
      const name = saveFile(file, `${wageImportKindLabels[kind]}导入模板_${dateStamp()}.xlsx`);
      message.success(`已下载：${name}`);
    },
    onError: (err) => showApiError(err),
  });
  return (
    <Button
      type="link"
      size="small"
      icon={<DownloadOutlined />}
      href={wageTemplateUrl(kind)}
      loading={template.isPending}
      data-testid={`template-${kind}`}
      onClick={(e) => {
        e.preventDefault();
        template.mutate();
      }}
      style={{ paddingInline: 0 }}
    >
      {children ?? `下载${wageImportKindLabels[kind]}模板`}
    </Button>
  );
}

interface Props {
  projectId: string;
  kind: WageImportKind;
  /** The multipart POST bound to the project. */
  upload: (file: File) => Promise<WageImportJob>;
  /** Called once the job has finished (done or failed), e.g. to refresh the project's tables. */
  onFinished?: (job: WageImportJob) => void;
  hint?: ReactNode;
  disabled?: boolean;
  disabledReason?: string;
}

/**
 * Upload of a file bound to a project (工资表 / 考勤表 / 银行代发结果): drag-and-drop, template link,
 * then the job's progress polled from GET /api/imports/:id with the error workbook link.
 */
export function ProjectUpload({ projectId, kind, upload, onFinished, hint, disabled, disabledReason }: Props) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const label = wageImportKindLabels[kind];

  const send = useMutation({
    mutationFn: (file: File) => upload(file),
    onMutate: () => setUploadError(null),
    onSuccess: (job) => {
      setJobId(job.id);
      qc.setQueryData(wqk.importJob(job.id), job);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
      message.success(`已提交“${job.filename}”，正在导入`);
    },
    onError: (err) => {
      if (isHandledGlobally(err)) return;
      const detail = errorText(err);
      const extra = isApiError(err) ? err.errors.map((e) => e.message).filter((m) => m && m !== detail) : [];
      setUploadError([detail, ...extra].join('；'));
    },
  });

  const finished = (job: WageImportJob) => {
    void qc.invalidateQueries({ queryKey: wqk.projectScope(projectId) });
    void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    void qc.invalidateQueries({ queryKey: wqk.warningsAll });
    void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    onFinished?.(job);
  };

  return (
    <Space direction="vertical" size={12} style={{ display: 'flex' }} data-testid={`upload-${kind}`}>
      {disabled && disabledReason && <Alert type="info" showIcon message={disabledReason} />}
      <div data-testid={`upload-${kind}-file`}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={disabled || send.isPending}
          beforeUpload={(file) => {
            if (!/\.(xlsx|csv)$/i.test(file.name)) {
              setUploadError(`不支持的文件类型：${file.name}。请上传 .xlsx 或 .csv 文件`);
              return Upload.LIST_IGNORE;
            }
            if (file.size === 0) {
              setUploadError('文件为空，请检查后重新上传');
              return Upload.LIST_IGNORE;
            }
            if (file.size > MAX_BYTES) {
              setUploadError('文件超过 20 MB，请拆分后分批上传');
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            send.mutate(file as File, {
              onSuccess: (job) => onSuccess?.(job),
              onError: (err) => onError?.(err as Error),
            });
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将文件拖到此处上传{label}</p>
          <p className="ant-upload-hint">支持 .xlsx 和 .csv（UTF-8 或 GBK 编码），每次一个文件</p>
        </Upload.Dragger>
      </div>
      <Space wrap size={4}>
        <TemplateLink kind={kind} />
        {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
      </Space>
      {send.isPending && <Typography.Text type="secondary">正在上传…</Typography.Text>}
      {uploadError && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setUploadError(null)}
          message="上传失败"
          description={uploadError}
        />
      )}
      {jobId && (
        <Card
          size="small"
          title="导入进度"
          extra={
            <Button size="small" onClick={() => setJobId(null)}>
              关闭
            </Button>
          }
        >
          <ImportJobProgress key={jobId} jobId={jobId} onFinished={finished} />
        </Card>
      )}
    </Space>
  );
}
