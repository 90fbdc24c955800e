import { createRequire } from 'node:module';
import pg from 'pg';

/**
 * A parameterised statement as one self-contained SQL text, for the simple query protocol (which carries no
 * parameters): every `$n` outside string literals, quoted identifiers, dollar-quoted bodies and comments becomes
 * the value as a quoted literal. node-postgres sends parameters as text of unknown type (OID 0) and a quoted
 * literal is text of unknown type too, so the server resolves both the same way; the value is first converted
 * exactly as node-postgres converts a parameter (`prepareValue`: dates, arrays, JSON, buffers).
 *
 * Used to send BEGIN, the scope settings and a transaction's first statement in one round trip (client.ts).
 */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (v: unknown) => string | Buffer | null;
};

export function literal(value: unknown): string {
  const v = prepareValue(value);
  if (v === null || v === undefined) return 'NULL';
  if (Buffer.isBuffer(v)) return `'\\x${v.toString('hex')}'`;
  return pg.escapeLiteral(String(v)).trimStart();
}

export function inlineParams(text: string, values: readonly unknown[] | undefined): string {
  if (!values || values.length === 0) return text;
  const literals = values.map(literal);
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    let end = i + 1;
    if (c === "'" || c === '"') {
      // '…' (with '' inside), E'…' (backslash escapes), "…"
      const escapes = c === "'" && i > 0 && /[eE]/.test(text[i - 1]) && !/[\w$]/.test(text[i - 2] ?? ' ');
      end = i + 1;
      while (end < n) {
        if (escapes && text[end] === '\\') end += 2;
        else if (text[end] === c) {
          if (text[end + 1] === c) end += 2;
          else {
            end++;
            break;
          }
        } else end++;
      }
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      end = nl < 0 ? n : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? n : close + 2;
    } else if (c === '$' && /[0-9]/.test(next ?? '') && !/[\w$]/.test(text[i - 1] ?? ' ')) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(text[j])) j++;
      const k = Number(text.slice(i + 1, j));
      if (k < 1 || k > literals.length) throw new Error(`inlineParams: $${k} without a value`);
      out += literals[k - 1];
      i = j;
      continue;
    } else if (c === '$' && !/[\w$]/.test(text[i - 1] ?? ' ')) {
      // $tag$ … $tag$ (dollar quoting)
      const m = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(text.slice(i));
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        end = close < 0 ? n : close + m[0].length;
      }
    }
    out += text.slice(i, end);
    i = end;
  }
  return out;
}
