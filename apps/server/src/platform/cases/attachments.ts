/**
 * What a case attachment (案件附件) really is, by its content: the magic bytes read by the `file-type` package
 * (for the zip-based Office files it reads the inner [Content_Types].xml, so a .docx with macros is a .docm and a
 * plain zip is no .docx), checked against the type the file's name claims. A .pdf that is an exe or an HTML page
 * is refused with "附件内容与类型不符". OFD (GB/T 33190 版式文件) is a zip whose root holds OFD.xml.
 */
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { ATTACHMENT_TYPE_LABELS, XLSX_MEDIA_TYPE, type AttachmentType } from '@mwsp/domain';
import { readZipDirectory } from '../imports/zip.js';

export const MEDIA_TYPES: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: XLSX_MEDIA_TYPE,
};

/** The type a file name claims, by its extension (null: not a kind we accept). */
export function claimedType(filename: string): AttachmentType | null {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'jpeg' || ext === 'jpg') return 'jpg';
  if (ext && ext in ATTACHMENT_TYPE_LABELS) return ext as AttachmentType;
  return null;
}

export const UNSUPPORTED_MESSAGE = `不支持的附件类型，仅限 ${Object.values(ATTACHMENT_TYPE_LABELS).join('、')}`;
export const MISMATCH_MESSAGE = '附件内容与类型不符';

export type Sniffed = { ok: true; type: AttachmentType; mediaType: string } | { ok: false; message: string };

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * The decision from what the content is (`detected`: file-type's extension, undefined when unknown; `isOfd`: a zip
 * with OFD.xml at its root) and what the name claims. Pure.
 */
export function decideAttachment(
  filename: string,
  head: Uint8Array,
  detected: string | undefined,
  isOfd: boolean,
): Sniffed {
  const claimed = claimedType(filename);
  if (!claimed) return { ok: false, message: UNSUPPORTED_MESSAGE };
  let actual: AttachmentType | null = null;
  if (detected === 'pdf' && Buffer.from(head.subarray(0, 5)).equals(PDF_MAGIC)) actual = 'pdf';
  else if (detected === 'jpg' || detected === 'png' || detected === 'docx' || detected === 'xlsx') actual = detected;
  else if (detected === 'zip' && isOfd) actual = 'ofd';
  if (actual !== claimed) return { ok: false, message: MISMATCH_MESSAGE };
  return { ok: true, type: actual, mediaType: MEDIA_TYPES[actual] };
}

/** The decision for bytes in memory (the first bytes of a file, or a whole small one). Never throws. */
export async function sniffBuffer(filename: string, bytes: Uint8Array): Promise<Sniffed> {
  let detected: string | undefined;
  try {
    detected = (await fileTypeFromBuffer(bytes))?.ext;
  } catch {
    detected = undefined; // a malformed container: unknown
  }
  return decideAttachment(filename, bytes, detected, false);
}

/** The decision for a stored file (the upload, before it is kept). Never throws on a malformed file. */
export async function sniffFile(filename: string, file: string, head: Uint8Array): Promise<Sniffed> {
  let detected: string | undefined;
  try {
    detected = (await fileTypeFromFile(file))?.ext;
  } catch {
    detected = undefined;
  }
  let isOfd = false;
  if (detected === 'zip' && claimedType(filename) === 'ofd') {
    try {
      isOfd = (await readZipDirectory(file)).entries.has('OFD.xml');
    } catch {
      isOfd = false;
    }
  }
  return decideAttachment(filename, head, detected, isOfd);
}
