import { sql } from 'drizzle-orm';
import { all, one, run, type Executor } from '../../db/client.js';
import type { CaseScope } from './cases.repo.js';

/** SQL of case attachments (metadata; the files lie under the data folder). Runs in the caller's transaction. */

export interface AttachmentRow {
  countyCode: string;
  id: string;
  caseId: string;
  docKind: string;
  filename: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: Date;
}

const COLUMNS = sql`county_code as "countyCode", id, case_id as "caseId", doc_kind as "docKind", filename,
  media_type as "mediaType", bytes::int8 as bytes, sha256, uploaded_by_name as "uploadedBy",
  uploaded_at as "uploadedAt"`;

export async function insertAttachment(
  tx: Executor,
  s: CaseScope,
  a: {
    id: string;
    docKind: string;
    filename: string;
    mediaType: string;
    bytes: number;
    sha256: string;
    uploadedBy: string;
    uploadedByName: string;
    at: Date;
  },
): Promise<void> {
  await run(
    tx,
    sql`insert into case_attachments (county_code, id, case_id, doc_kind, filename, media_type, bytes, sha256,
        uploaded_by, uploaded_by_name, uploaded_at, region_code, owner_id, owner_department_id)
      values (${s.countyCode}, ${a.id}, ${s.caseId}, ${a.docKind}, ${a.filename}, ${a.mediaType}, ${a.bytes},
        ${a.sha256}, ${a.uploadedBy}, ${a.uploadedByName}, ${a.at}, ${s.regionCode}, ${s.ownerId}, ${s.departmentId})`,
  );
}

export async function attachmentsOf(tx: Executor, s: { countyCode: string; caseId: string }): Promise<AttachmentRow[]> {
  const rows = await all<AttachmentRow>(
    tx,
    sql`select ${COLUMNS} from case_attachments where county_code = ${s.countyCode} and case_id = ${s.caseId}
      order by uploaded_at, id`,
  );
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

export async function findAttachment(
  tx: Executor,
  s: { countyCode: string; caseId: string },
  id: string,
): Promise<AttachmentRow | undefined> {
  const r = await one<AttachmentRow>(
    tx,
    sql`select ${COLUMNS} from case_attachments
      where county_code = ${s.countyCode} and case_id = ${s.caseId} and id = ${id}`,
  );
  return r && { ...r, bytes: Number(r.bytes) };
}

/** The document kinds present on a case (for the transitions' required documents). */
export async function documentKindsPresent(tx: Executor, s: { countyCode: string; caseId: string }): Promise<string[]> {
  const rows = await all<{ docKind: string }>(
    tx,
    sql`select distinct doc_kind as "docKind" from case_attachments
      where county_code = ${s.countyCode} and case_id = ${s.caseId}`,
  );
  return rows.map((r) => r.docKind);
}
