/**
 * How large the embedded database (PGlite) may grow before a deployment should move to PostgreSQL (issue #11,
 * `npm run bench -- embedded`; README "嵌入式数据库的规模上限"). PGlite runs PostgreSQL in one 32-bit WASM instance
 * of at most 2 GiB of memory, on one connection in the server's own thread: every request waits behind every
 * other, a full warning scan or an import stops the console while it runs, and a crash of the WASM instance takes
 * the server with it. The figures below are the documented limit of the embedded default; `npm start` warns when a
 * data folder comes near it (a cheap check at start: the planner's row estimate and the folder's size).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedLimit {
  /** Registered workers (务工人员) the embedded default is stated for. */
  workers: number;
  /** Size of the data folder (pgdata) in bytes. */
  dataBytes: number;
}

/**
 * The embedded default's stated limit (measured with `npm run bench -- embedded`; README): not where PGlite stops
 * accepting rows (0.3.16 loaded 1,000,000 workers and a year of their wages), but where one connection in the
 * server's thread stops serving a console: the full warning scan and an import block every request for their
 * duration, which grows with the data (13 s at 100,000 workers, 63 s at 1,000,000), and the folder carries up to
 * 1 GB of WAL (more during a bulk load: 7.7 GB at the peak of the 1,000,000 load, 4.3 GB after it).
 */
export const EMBEDDED_LIMIT: EmbeddedLimit = { workers: 300_000, dataBytes: 3 * 2 ** 30 };

/** Share of the limit from which `npm start` warns. */
export const EMBEDDED_WARN_SHARE = 0.8;

export interface EmbeddedUsage {
  workers: number;
  dataBytes: number;
}

export type EmbeddedLevel = 'ok' | 'near' | 'over';

/** Where a data folder stands against the limit: the worse of the two measures. */
export function embeddedLevel(
  usage: EmbeddedUsage,
  limit: EmbeddedLimit = EMBEDDED_LIMIT,
  warnShare: number = EMBEDDED_WARN_SHARE,
): { level: EmbeddedLevel; share: number } {
  const share = Math.max(usage.workers / limit.workers, usage.dataBytes / limit.dataBytes);
  return { level: share >= 1 ? 'over' : share >= warnShare ? 'near' : 'ok', share };
}

/** The start-up log line (Chinese + English) for a level, or null when there is nothing to say. */
export function embeddedWarning(usage: EmbeddedUsage, limit: EmbeddedLimit = EMBEDDED_LIMIT): string | null {
  const { level, share } = embeddedLevel(usage, limit);
  if (level === 'ok') return null;
  const gib = (b: number) => (b / 2 ** 30).toFixed(1);
  const facts =
    `${usage.workers.toLocaleString('en-US')} 名务工人员 / workers, 数据目录 ${gib(usage.dataBytes)} GiB ` +
    `(上限 / limit ${limit.workers.toLocaleString('en-US')} 人, ${gib(limit.dataBytes)} GiB; ${Math.round(share * 100)}%)`;
  return level === 'over'
    ? `警告：嵌入式数据库已超过建议规模，请迁移到 PostgreSQL（设置 DATABASE_URL）/ ` +
        `WARNING: the embedded database is beyond its stated limit; move to PostgreSQL (DATABASE_URL): ${facts}`
    : `提示：嵌入式数据库接近建议规模上限，请准备迁移到 PostgreSQL（设置 DATABASE_URL）/ ` +
        `NOTE: the embedded database is approaching its stated limit; plan the move to PostgreSQL: ${facts}`;
}

/** Bytes of the files under a folder (0 if it does not exist). */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += folderBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}
