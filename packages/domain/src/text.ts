/**
 * Small text helpers shared by the validators: staff paste values copied from
 * Word/Excel/WeChat, so full-width characters and stray separators are common.
 */

/** Convert full-width ASCII (U+FF01–U+FF5E) to half-width and U+3000 to a space. */
export function toHalfWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Half-width, trimmed. */
export function cleanInput(input: string): string {
  return toHalfWidth(input).trim();
}

/** Remove spaces and dash-like separators (-, ‐, ‑, ‒, –, —, −). */
export function stripSeparators(input: string): string {
  return input.replace(/[\s\-\u2010-\u2015\u2212]/g, '');
}
