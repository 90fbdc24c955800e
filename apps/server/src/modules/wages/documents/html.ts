/**
 * Small helpers shared by the printable wage documents (notice board, evidence package):
 * HTML/CSS escaping and display formatting. Pure, no I/O.
 */
import { createHash } from 'node:crypto';
import { fenToYuan, maskIdNumber, monthLabel } from '@mwsp/domain';

/** System CJK font stack; documents never load external resources. */
export const CJK_FONTS =
  '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","WenQuanYi Zen ' +
  'Hei",sans-serif';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes a value for HTML text and (quoted) attribute context. null/undefined → ''.
 * Every value interpolated into a document goes through this.
 */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A CSS string literal ("…") safe inside a `<style>` element: quotes, backslashes, line breaks and
 * `<` (so `</style>` cannot appear) are written as CSS escapes.
 */
export function cssString(value: string): string {
  return '"' + value.replace(/[\\"<>&\r\n\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `) + '"';
}

/** Escaped value, or the dash used for "not given" in tables. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || String(value).trim() === '' ? '—' : escapeHtml(value);
}

/** 123450 (分) → '1,234.50' (元, 2 decimals, thousands separators). */
export function yuan(fen: number): string {
  return fenToYuan(fen);
}

/** '2026-03-01' or '2026-03' → '2026年3月'. */
export function monthText(month: string): string {
  return /^\d{4}-\d{2}/.test(month) ? monthLabel(month) : month;
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * A point in time for display: a Date or an ISO timestamp with a time part ('…T…') is shown as
 * 'YYYY-MM-DD HH:mm' in Asia/Shanghai; any other string (a date, or text already formatted) as given.
 */
export function timeText(value: string | Date): string {
  let d: Date | null = null;
  if (value instanceof Date) d = value;
  else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) d = new Date(value);
  if (!d || Number.isNaN(d.getTime())) return String(value);
  const p = Object.fromEntries(SHANGHAI_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}-${p.month}-${p.day} ${hour}:${p.minute}`;
}

/**
 * Masked ID number for display. Values are expected masked already; as a safeguard, a value with no
 * '*' and at least 15 characters (a full ID number) is masked here.
 */
export function safeIdMasked(value: string): string {
  const v = value.trim();
  return !v.includes('*') && v.length >= 15 ? maskIdNumber(v) : v;
}

/** The only script of a document: wires the 打印 button (no inline event handlers). */
const PRINT_SCRIPT = "document.getElementById('print-btn').addEventListener('click',function(){window.print()});";

/**
 * Content-Security-Policy for the rendered documents. The app-wide policy (helmet, `script-src 'self'`)
 * blocks the inline print script, so the route serving a document should send this header instead:
 * nothing external may load, inline CSS is allowed, and only the print script (by hash) may run.
 * Without it the page still prints through the browser's own 打印 (Ctrl+P).
 */
export const DOCUMENT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Print toolbar, shown on screen only (hidden by `@media print`). */
export const PRINT_TOOLBAR =
  '<div class="no-print toolbar"><button type="button" id="print-btn">打印</button>' +
  '<span class="hint">如按钮无效，请使用浏览器菜单打印（Ctrl+P）；建议关闭“页眉和页脚”。</span></div>' +
  `<script>${PRINT_SCRIPT}</script>`;

/** Toolbar CSS shared by the documents. */
export const TOOLBAR_CSS =
  `
.toolbar{position:sticky;top:0;z-index:10;display:flex;gap:12px;align-items:center;padding:8px 12px;margin:0 0 12px;` +
  `background:#f5f5f5;border-bottom:1px solid #ccc;font-size:14px}
.toolbar button{font:inherit;font-size:15px;padding:6px 22px;cursor:pointer;background:#c00;color:#fff;border:0;` +
  `border-radius:4px}
.toolbar .hint{color:#555}
@media print{.no-print{display:none!important}}
`;
