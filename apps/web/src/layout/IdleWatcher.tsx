import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { expireSession } from '../auth/session';

const ACTIVITY_EVENTS = ['mousedown', 'mousemove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Signs the user out locally once they have been idle longer than the server's idle timeout
 * (the server would answer 401 to the next call anyway).
 */
export function IdleWatcher({ timeoutSeconds }: { timeoutSeconds: number }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const lastActivity = useRef(Date.now());
  const fired = useRef(false);

  useEffect(() => {
    if (!timeoutSeconds || timeoutSeconds <= 0) return;
    lastActivity.current = Date.now();
    fired.current = false;
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    const check = () => {
      if (fired.current) return;
      if (Date.now() - lastActivity.current > timeoutSeconds * 1000) {
        fired.current = true;
        void expireSession(qc, navigate);
      }
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(check, Math.min(15_000, Math.max(1_000, (timeoutSeconds * 1000) / 10)));
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [timeoutSeconds, qc, navigate]);

  return null;
}
