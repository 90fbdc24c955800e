import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { getLastRequestAt } from '../api/client';
import { expireSession, refreshMe } from '../auth/session';

const ACTIVITY_EVENTS = ['mousedown', 'mousemove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Session idle handling, mirroring the server's idle timeout (`idleTimeoutSeconds` of /api/auth/me):
 * - the user really is idle longer than the timeout → sign out locally with "会话已超时，请重新登录"
 *   (the server would answer 401 to the next call anyway);
 * - the user is active (typing a long form, reading) but no request went out for a third of the
 *   timeout → refresh /api/auth/me so that the server does not expire an active user's session.
 */
export function IdleWatcher({ timeoutSeconds }: { timeoutSeconds: number }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const lastActivity = useRef(Date.now());
  const fired = useRef(false);

  useEffect(() => {
    if (!timeoutSeconds || timeoutSeconds <= 0) return;
    const timeoutMs = timeoutSeconds * 1000;
    const every = Math.min(15_000, Math.max(1_000, timeoutMs / 10));
    lastActivity.current = Date.now();
    fired.current = false;

    const expire = () => {
      if (fired.current) return;
      fired.current = true;
      void expireSession(qc, navigate);
    };
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    const check = () => {
      if (fired.current) return;
      const now = Date.now();
      const idleFor = now - lastActivity.current;
      if (idleFor > timeoutMs) {
        expire();
        return;
      }
      if (idleFor < every * 2 && now - getLastRequestAt() > timeoutMs / 3) {
        refreshMe(qc)
          .then((me) => {
            if (!me) expire();
          })
          .catch(() => undefined);
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };

    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(check, every);
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [timeoutSeconds, qc, navigate]);

  return null;
}
