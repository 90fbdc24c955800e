import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { showApiError } from '../../../components/feedback';
import { saveFile } from '../../../components/download';
import { formatDateTime } from '../../../components/time';
import { caseKeys, downloadAttachment, getAttachments, uploadAttachment, type CaseAttachmentItem } from '../api';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,.docx,.xlsx';

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.ceil(n / 1024)} KB` : `${n} B`;

/**
 * A case's attachments (附件): upload by document kind (检查笔录 …; the server checks the type by content and the
 * size), the list with who uploaded what and when, and the download (audited by the server).
 */
export function AttachmentsPanel({ caseId, closed }: { caseId: string; closed: boolean }) {
  const q = useQuery({
    queryKey: caseKeys.attachments(caseId),
    queryFn: ({ signal }) => getAttachments(caseId, signal),
  });
  const [docKind, setDocKind] = useState<string | undefined>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const kinds = q.data?.documentKinds ?? [];
  const kind = docKind ?? kinds[0]?.kind;
  const maxBytes = q.data?.maxBytes ?? 10 * 1024 * 1024;
  const download = useMutation({
    mutationFn: (a: CaseAttachmentItem) => downloadAttachment(caseId, a.id).then((f) => saveFile(f, a.filename)),
    onError: (err) => showApiError(err),
  });

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    uploadAttachment(caseId, kind ?? 'other', file as File, (percent) => onProgress?.({ percent }))
      .then((a) => {
        onSuccess?.(a);
        message.success(`已上传：${a.filename}`);
        void qc.invalidateQueries({ queryKey: caseKeys.attachments(caseId) });
        void qc.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        showApiError(err);
      });
  };

  return (
    <Card
      size="small"
      title="附件"
      extra={
        !closed && (
          <Space wrap>
            <Select
              aria-label="材料类别"
              size="small"
              style={{ minWidth: 140 }}
              value={kind}
              onChange={setDocKind}
              options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
            />
            <Upload
              accept={ACCEPT}
              showUploadList={{ showRemoveIcon: false }}
              maxCount={5}
              beforeUpload={(f) => {
                if (f.size > maxBytes) {
                  message.error(`附件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限`);
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={customRequest}
            >
              <Button size="small" icon={<UploadOutlined />} data-testid="attachment-upload">
                上传附件
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        支持 PDF、JPEG、PNG、OFD、Word（docx）、Excel（xlsx），单个不超过 {Math.round(maxBytes / 1024 / 1024)}{' '}
        MB；按文件内容识别类型。
      </Typography.Paragraph>
      <Table<CaseAttachmentItem>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        pagination={false}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无附件' }}
        columns={[
          { title: '类别', dataIndex: 'docKindName' },
          { title: '文件名', dataIndex: 'filename' },
          { title: '大小', dataIndex: 'bytes', render: (n: number) => sizeText(n) },
          { title: '上传人', dataIndex: 'uploadedBy', render: (v: string | null) => v ?? '—' },
          { title: '上传时间', dataIndex: 'uploadedAt', render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'op',
            render: (_, a) => (
              <Button type="link" size="small" onClick={() => download.mutate(a)} loading={download.isPending}>
                下载
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
