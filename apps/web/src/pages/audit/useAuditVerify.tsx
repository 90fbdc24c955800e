import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { verifyAudit } from '../../api/endpoints';
import type { ReactNode } from 'react';
import { errorText } from '../../components/feedback';

/** The "校验日志完整性" button and its result banner (GET /api/audit/verify). */
export function useAuditVerify() {
  const verify = useMutation({ mutationFn: verifyAudit, meta: { silent: true } });

  const button = (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={verify.isPending}
      onClick={() => verify.mutate()}
      data-testid="audit-verify"
    >
      校验日志完整性
    </Button>
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
        message={`审计链完整，共校验 ${r.checked} 条`}
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
      <Alert type="warning" showIcon closable onClose={() => verify.reset()} message="校验未能完成" description={errorText(verify.error)} />
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
