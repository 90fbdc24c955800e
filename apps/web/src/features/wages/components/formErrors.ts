import type { FormInstance } from 'antd';
import { ApiError, isApiError } from '../../../api/client';
import { showApiError } from '../../../components/feedback';

/**
 * Like showApiError(err, form), with the server's field paths renamed to the form's field names first
 * (e.g. `contractAmountFen` → `contractAmount` when the form asks for 元).
 */
export function showApiErrorOn(err: unknown, form: FormInstance, rename: Record<string, string> = {}): void {
  if (!isApiError(err) || err.errors.length === 0 || Object.keys(rename).length === 0) {
    showApiError(err, form);
    return;
  }
  const errors = err.errors.map((e) => {
    const path = e.path ?? '';
    const head = path.split('.')[0];
    const to = rename[path] ?? (rename[head] ? rename[head] + path.slice(head.length) : undefined);
    return to ? { ...e, path: to } : e;
  });
  const copy = new ApiError(err.status, { ...err.problem, detail: err.detail, errors }, err.detail);
  copy.handledGlobally = err.handledGlobally;
  showApiError(copy, form);
}

/** True for the optimistic-locking refusal (stale `version`). */
export function isVersionConflict(err: unknown): boolean {
  return isApiError(err) && err.status === 409;
}
