import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { confirmTotp, enrollTotp } from '../../../api/endpoints';
import type { TotpEnrollResponse } from '../../../api/types';
import { FullPageSpin } from '../../../auth/guards';
import { refreshMe } from '../../../auth/session';
import { errorText, isHandledGlobally, showApiError } from '../../../components/feedback';
import { TotpEnrollPanel } from '../../../components/TotpEnrollPanel';

/** First-time TOTP enrolment (stage `totp_enroll`). */
export default function TotpEnrollStep() {
  const qc = useQueryClient();
  const [enrollment, setEnrollment] = useState<TotpEnrollResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  const start = useCallback(async () => {
    setError(null);
    try {
      setEnrollment(await enrollTotp());
    } catch (err) {
      if (!isHandledGlobally(err)) setError(err);
    }
  }, []);

  useEffect(() => {
    // StrictMode runs the effect twice; the server answers a pending secret again anyway.
    if (started.current) return;
    started.current = true;
    void start();
  }, [start]);

  if (error) {
    return (
      <Result
        status="error"
        title="无法生成动态口令密钥"
        subTitle={errorText(error)}
        extra={<Button onClick={() => void start()}>重试</Button>}
      />
    );
  }
  if (!enrollment) return <FullPageSpin tip="正在生成密钥…" />;

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="绑定动态口令"
        description="为保障账户安全，您的账户须使用动态口令（TOTP）进行双因素认证。"
      />
      <TotpEnrollPanel
        enrollment={enrollment}
        submitText="确认绑定并进入系统"
        onRegenerate={async () => {
          try {
            setEnrollment(await enrollTotp(true));
          } catch (err) {
            showApiError(err);
          }
        }}
        onConfirm={async (code) => {
          await confirmTotp(code);
          await refreshMe(qc);
        }}
      />
    </>
  );
}
