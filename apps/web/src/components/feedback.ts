import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { isApiError } from '../api/client';

interface FeedbackApi {
  message: MessageInstance;
  notification: NotificationInstance;
}

let feedback: FeedbackApi | null = null;

/** Registered once by <FeedbackBridge/> inside antd <App>, so that non-component code can show messages. */
export function setFeedback(api: FeedbackApi): void {
  feedback = api;
}

export function getFeedback(): FeedbackApi | null {
  return feedback;
}

/** True for errors already handled globally (session lost, sign-in stage required). */
export function isHandledGlobally(err: unknown): boolean {
  return isApiError(err) && err.handledGlobally;
}

export function errorText(err: unknown): string {
  if (isApiError(err)) return err.detail;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后再试';
}

/** Convert "field.sub.0" into an antd NamePath. */
function toNamePath(path: string): (string | number)[] {
  return path
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/**
 * Show an API error: map per-field `errors` onto the form (when given) and
 * show `detail` as a message. Errors handled globally are not shown twice.
 */
export function showApiError(err: unknown, form?: FormInstance): void {
  if (isHandledGlobally(err)) return;
  let text = errorText(err);
  if (isApiError(err) && err.errors.length > 0) {
    if (form) {
      // Only fields the form has; messages for anything else are added to the text shown.
      const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
      const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
      const unmapped: string[] = [];
      for (const e of err.errors) {
        const name = e.path ? toNamePath(e.path) : [];
        if (name.length === 0 || !known.has(JSON.stringify(name))) {
          if (e.message && e.message !== text) unmapped.push(e.message);
          continue;
        }
        const entry = byField.get(e.path) ?? { name, errors: [] };
        entry.errors.push(e.message);
        byField.set(e.path, entry);
      }
      form.setFields([...byField.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
      if (unmapped.length > 0) text = `${text}：${unmapped.join('；')}`;
    } else {
      const extra = err.errors.map((e) => e.message).filter((m) => m && m !== text);
      if (extra.length > 0) text = `${text}：${extra.join('；')}`;
    }
  }
  if (feedback) feedback.message.error({ content: text, key: `api-error:${text}` });
}
