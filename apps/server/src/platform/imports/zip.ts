import fs from 'node:fs';
import { PassThrough, pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A minimal, defensive reader of the ZIP container an .xlsx file is: the central directory (random
 * access, so the workbook's structure can be checked without reading the sheets), one entry as a
 * stream with its CRC-32 and size verified, and a re-ordered copy of chosen entries for exceljs's
 * sequential reader. Every structural fault throws ZipError; nothing here trusts a length field
 * without checking it against the file.
 */
export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipDirectory {
  file: string;
  fileSize: number;
  entries: Map<string, ZipEntry>;
}

const MAX_ENTRIES = 20_000;
const MAX_CD_BYTES = 16 * 1024 * 1024;

async function readAt(fh: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let off = 0;
  while (off < length) {
    const { bytesRead } = await fh.read(buf, off, length - off, position + off);
    if (bytesRead === 0) throw new ZipError('unexpected end of file');
    off += bytesRead;
  }
  return buf;
}

export async function readZipDirectory(file: string): Promise<ZipDirectory> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const fileSize = (await fh.stat()).size;
    if (fileSize < 22) throw new ZipError('too small');
    const tailLen = Math.min(fileSize, 22 + 0xffff);
    const tail = await readAt(fh, fileSize - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('no end of central directory');
    const disk = tail.readUInt16LE(eocd + 4);
    const cdDisk = tail.readUInt16LE(eocd + 6);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (disk !== 0 || cdDisk !== 0) throw new ZipError('multi-disk archive');
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('zip64 archive');
    const eocdPos = fileSize - tailLen + eocd;
    if (count > MAX_ENTRIES || cdSize > MAX_CD_BYTES || cdOffset + cdSize > eocdPos)
      throw new ZipError('bad central directory');
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipError('bad central directory entry');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const size = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw new ZipError('bad central directory entry');
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      p += 46 + nameLen + extraLen + commentLen;
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
        throw new ZipError('zip64 entry');
      if (localOffset + 30 + compressedSize > cdOffset) throw new ZipError('entry outside archive');
      entries.set(name.replace(/\\/g, '/'), { name, flags, method, crc, compressedSize, size, localOffset });
    }
    return { file, fileSize, entries };
  } finally {
    await fh.close();
  }
}

/** Offset of an entry's data: after its local header, whose own lengths may differ from the directory's. */
async function dataStart(file: string, e: ZipEntry): Promise<number> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const h = await readAt(fh, e.localOffset, 30);
    if (h.readUInt32LE(0) !== 0x04034b50) throw new ZipError('bad local header');
    return e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  } finally {
    await fh.close();
  }
}

function checkReadable(e: ZipEntry): void {
  if (e.flags & 0x1) throw new ZipError('encrypted entry');
  if (e.method !== 0 && e.method !== 8) throw new ZipError(`unsupported compression ${e.method}`);
  if (e.method === 0 && e.compressedSize !== e.size) throw new ZipError('bad stored entry');
}

/**
 * The inflated bytes of one entry. Size is capped (`limit`, default the declared size) and, once
 * the entry has been read whole, its declared size and CRC-32 are checked.
 */
export async function* entryChunks(
  dir: ZipDirectory,
  e: ZipEntry,
  opts: { limit?: number } = {},
): AsyncGenerator<Buffer> {
  checkReadable(e);
  const start = await dataStart(dir.file, e);
  if (start + e.compressedSize > dir.fileSize) throw new ZipError('entry outside archive');
  if (e.compressedSize === 0) {
    if (e.size !== 0) throw new ZipError('bad entry size');
    return;
  }
  const src = fs.createReadStream(dir.file, { start, end: start + e.compressedSize - 1, highWaterMark: 256 * 1024 });
  const out: Readable =
    e.method === 8 ? (pipeline(src, zlib.createInflateRaw(), () => {}) as unknown as Readable) : src;
  const limit = opts.limit ?? e.size;
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of out as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit || size > e.size) throw new ZipError('entry larger than declared');
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    throw err instanceof ZipError ? err : new ZipError(`corrupt entry: ${(err as Error).message}`);
  } finally {
    src.destroy();
    out.destroy();
  }
  if (size !== e.size || crc >>> 0 !== e.crc) throw new ZipError('entry checksum mismatch');
}

/** A whole (small) entry as text, capped at maxBytes. */
export async function entryText(dir: ZipDirectory, e: ZipEntry, maxBytes: number): Promise<string> {
  if (e.size > maxBytes) throw new ZipError('entry too large');
  const parts: Buffer[] = [];
  for await (const c of entryChunks(dir, e)) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

function localHeader(
  name: string,
  e: { flags: number; method: number; crc: number; compressedSize: number; size: number },
): Buffer {
  const nameBuf = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE((e.flags & ~0x08) | 0x800, 6); // sizes are in the header, not in a trailing descriptor
  h.writeUInt16LE(e.method, 8);
  h.writeUInt32LE(0, 10);
  h.writeUInt32LE(e.crc >>> 0, 14);
  h.writeUInt32LE(e.compressedSize, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(nameBuf.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, nameBuf]);
}

function drained(s: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.on('drain', done);
    s.on('close', done);
  });
}

export type SynthPart = { entry: ZipEntry; as: string } | { content: string; as: string };

/** Length of the longest prefix of `buf` that does not end inside a UTF-8 character. */
export function utf8Boundary(buf: Buffer): number {
  let i = buf.length - 1;
  let cont = 0;
  while (i >= 0 && cont < 3 && (buf[i] & 0xc0) === 0x80) {
    i--;
    cont++;
  }
  if (i < 0) return buf.length;
  const b = buf[i];
  const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return buf.length - i >= need ? buf.length : i;
}

/**
 * A sequential ZIP stream of the chosen entries, in the given order and under the given names, for
 * exceljs's streaming reader. Two of its behaviours are worked around here:
 *  - it parses a worksheet inline only once the relationships and shared strings have passed, and
 *    otherwise spools it (personal data) to a temporary file: they are put first, and other sheets
 *    are never read;
 *  - its XML parser decodes every chunk on its own, so a Chinese character split across two chunks
 *    becomes U+FFFD: the entries are inflated here (checksums verified) and passed on *stored*, in
 *    chunks that end on character boundaries (unzipper forwards each write as one chunk).
 */
export function synthZip(dir: ZipDirectory, parts: SynthPart[]): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const write = async (b: Buffer) => {
    if (!out.write(b)) await drained(out);
  };
  void (async () => {
    try {
      for (const part of parts) {
        if ('content' in part) {
          const data = Buffer.from(part.content, 'utf8');
          await write(
            localHeader(part.as, {
              flags: 0,
              method: 0,
              crc: zlib.crc32(data),
              compressedSize: data.length,
              size: data.length,
            }),
          );
          await write(data);
          continue;
        }
        const e = part.entry;
        await write(localHeader(part.as, { flags: 0, method: 0, crc: e.crc, compressedSize: e.size, size: e.size }));
        let carry: Buffer | null = null;
        for await (const chunk of entryChunks(dir, e)) {
          if (out.destroyed) return;
          const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
          const cut = utf8Boundary(buf);
          carry = cut < buf.length ? buf.subarray(cut) : null;
          if (cut > 0) await write(buf.subarray(0, cut));
        }
        if (carry) await write(carry);
      }
      // An empty end-of-central-directory record ends the sequential parse cleanly.
      const eocd = Buffer.alloc(22);
      eocd.writeUInt32LE(0x06054b50, 0);
      out.end(eocd);
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
