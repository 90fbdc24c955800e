import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Upload } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import type { DownloadedFile } from '../../../api/client';
import { saveFile } from '../../../components/download';
import { showApiError } from '../../../components/feedback';
import { ImportJobProgress } from '../../../components/imports/ImportJobProgress';
import { employmentKeys, jobsImportTemplate, uploadJobs } from '../api';

/**
 * 导出 (the list's rows under its filters, as a watermarked workbook, names masked) and, for the postings,
 * 下载模板 / 导入 through the platform's import engine: the job's progress, its counts and its row errors below.
 */
export function ListFiles({
  title,
  exportFile,
  importJobs,
}: {
  title: string;
  exportFile: () => Promise<DownloadedFile>;
  importJobs?: boolean;
}) {
  const qc = useQueryClient();
  const { can } = useMe();
  const [jobId, setJobId] = useState<string | null>(null);
  const download = useMutation({
    mutationFn: exportFile,
    onSuccess: (file) => saveFile(file, `${title}.xlsx`),
    onError: (err) => showApiError(err),
  });
  const template = useMutation({
    mutationFn: () => jobsImportTemplate(),
    onSuccess: (file) => saveFile(file, '岗位信息_导入模板.xlsx'),
    onError: (err) => showApiError(err),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadJobs(file),
    onSuccess: (job) => setJobId(job.id),
    onError: (err) => showApiError(err),
  });
  return (
    <>
      <Space>
        {importJobs && can('employment:handle') && (
          <>
            <Button onClick={() => template.mutate()} loading={template.isPending}>
              下载模板
            </Button>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                导入
              </Button>
            </Upload>
          </>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => download.mutate()} loading={download.isPending}>
          导出
        </Button>
      </Space>
      {jobId && (
        <div style={{ marginTop: 12 }}>
          <ImportJobProgress
            key={jobId}
            jobId={jobId}
            onFinished={() => void qc.invalidateQueries({ queryKey: employmentKeys.all })}
          />
        </div>
      )}
    </>
  );
}
