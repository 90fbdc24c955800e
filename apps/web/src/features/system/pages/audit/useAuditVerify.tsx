import { DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Space, Upload } from 'antd';
import { downloadAuditAnchor, verifyAudit, verifyAuditAgainst } from '../../api';
import type { ReactNode } from 'react';
import { dateStamp, saveFile } from '../../../../components/download';
import { errorText } from '../../../../components/feedback';

/** The "校验日志完整性" button and its result banner (GET /api/audit/verify). */
export function useAuditVerify() {
  // Without a file: the chain as stored. With an anchor file kept offline: also a cut tail.
  const verify = useMutation({
    mutationFn: async (file?: File) => {
      if (!file) return verifyAudit();
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error('所选文件不是有效的锚点文件（JSON）');
      }
      return verifyAuditAgainst(parsed);
    },
    meta: { silent: true },
  });
  const anchor = useMutation({
    mutationFn: downloadAuditAnchor,
    onSuccess: (f) => saveFile(f, `audit-anchor-${dateStamp()}.json`),
  });

  const button = (
    <Space>
      <Button
        icon={<SafetyCertificateOutlined />}
        loading={verify.isPending}
        onClick={() => verify.mutate(undefined)}
        data-testid="audit-verify"
      >
        校验日志完整性
      </Button>
      <Button
        icon={<DownloadOutlined />}
        loading={anchor.isPending}
        onClick={() => anchor.mutate()}
        data-testid="audit-anchor-download"
      >
        下载锚点文件
      </Button>
      <Upload
        accept=".json,application/json"
        showUploadList={false}
        beforeUpload={(file) => {
          verify.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="audit-verify-anchor">
          对照锚点校验
        </Button>
      </Upload>
    </Space>
  );

  let result: ReactNode = null;
  if (verify.isSuccess) {
    const r = verify.data;
    result = r.ok ? (
      <Alert
        type="success"
        showIcon
        closable
        onClose={() => verify.reset()}
        message={`审计链完整，共校验 ${r.checked} 条${r.anchorSeq != null ? `，与锚点（第 ${r.anchorSeq} 条）一致` : ''}`}
        description="所有审计记录的哈希链校验通过，未发现篡改或删除。"
      />
    ) : (
      <Alert
        type="error"
        showIcon
        closable
        onClose={() => verify.reset()}
        message={r.firstBrokenSeq != null ? `第 ${r.firstBrokenSeq} 条记录被篡改或删除` : '审计链校验未通过'}
        description={`原因：${r.reason ?? '未说明'}（共校验 ${r.checked} 条）。请立即报告安全保密管理员并保全现场。`}
      />
    );
  } else if (verify.isError) {
    result = (
      <Alert
        type="warning"
        showIcon
        closable
        onClose={() => verify.reset()}
        message="校验未能完成"
        description={errorText(verify.error)}
      />
    );
  }

  return {
    button,
    result: result ? (
      <div data-testid="audit-verify-result" style={{ marginBottom: 16 }}>
        {result}
      </div>
    ) : null,
  };
}
