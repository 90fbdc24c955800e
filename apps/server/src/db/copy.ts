/**
 * COPY … FROM STDIN for bulk loads (PostgreSQL only): the text format's cell escaping and a COPY as the owning
 * role (the application pool's connections run as mwsp_app; the load resets to the connecting user, so
 * row-level security does not apply, and switches back before the connection returns to the pool).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyCell = string | number | boolean | null;

const COPY_SPECIAL = /[\\\t\n\r]/;

/** One cell in COPY's text format (NULL as \N, booleans as t/f, backslash escapes). */
export function copyCell(v: CopyCell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return COPY_SPECIAL.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}

/** One row in COPY's text format, newline included. */
export function copyLine(cells: readonly CopyCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? '\t' : '') + copyCell(cells[i]);
  return line + '\n';
}

/** COPYs text chunks (whole lines) into `table (columns)` on one pooled connection, as the owning role. */
export async function copyAsOwner(
  pool: pg.Pool,
  table: string,
  columns: string,
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const client = await pool.connect();
  let ok = false;
  try {
    const { rows } = await client.query<{ cu: string; su: string }>('select current_user as cu, session_user as su');
    const restore = rows[0].cu !== rows[0].su ? rows[0].cu : null;
    if (restore) await client.query('RESET ROLE');
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
    if (restore) await client.query(`SET ROLE ${client.escapeIdentifier(restore)}`);
    ok = true;
  } finally {
    client.release(ok ? undefined : true);
  }
}
