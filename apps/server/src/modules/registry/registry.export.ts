import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  ageOn,
  MIGRANT_TYPE_LABELS,
  normalizeName,
  parseIdNumber,
  parseMobile,
  SEX_LABELS,
  shanghaiDate,
  type WorkerFilters,
} from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { access, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { badRequest } from '../../platform/http/errors.js';
import * as searchRepo from './workerSearch.repo.js';

export const EXPORT_ROW_CAP = 50_000;
/** Rows read per short transaction while an export is written. */
const EXPORT_BATCH = 500;

/**
 * Exports a worker search result to xlsx: masked unless the caller holds pii:export and states a
 * purpose; watermarked with the user and time in the sheet and in the print header; capped; the
 * audit entry is committed before a byte is returned.
 */
export async function exportWorkers(
  deps: {
    db: Database;
    cipher: FieldCipher;
    audit: AuditLog;
    now: () => Date;
    names: { ethnicity: (c: string) => string; education: (c: string) => string };
  },
  p: Principal,
  filters: WorkerFilters,
  opts: { unmask: boolean; purpose?: string },
): Promise<{ buffer: Buffer; filename: string; rows: number }> {
  access(p, 'registry:export');
  if (opts.unmask) {
    access(p, 'pii:export');
    if (!opts.purpose || opts.purpose.trim().length < 4)
      throw badRequest('明文导出须说明用途（至少 4 个字）', [
        { path: 'purpose', message: '明文导出须说明用途（至少 4 个字）' },
      ]);
  }
  // The list's exact lookups (ID number, phone) become blind indexes, as in the list itself.
  const { idNumber, phone, ...rest } = filters;
  const where: Parameters<typeof searchRepo.matchingWorkerIds>[1] = { ...rest, ...scopeFilter(p) };
  if (rest.q) where.q = normalizeName(rest.q); // names are stored in the domain's normal form (・ → ·)
  if (idNumber) {
    const id = parseIdNumber(idNumber);
    if (!id.ok) throw badRequest(id.message, [{ path: 'filters.idNumber', message: id.message }]);
    where.idBidx = deps.cipher.blindIndex(id.value, 'workers.id_number');
  }
  if (phone) {
    const m = parseMobile(phone);
    if (!m.ok) throw badRequest(m.message, [{ path: 'filters.phone', message: m.message }]);
    where.phoneBidx = deps.cipher.blindIndex(m.normalized, 'workers.phone');
  }
  const now = deps.now();
  // A masked export withholds the birth date (it is the masked part of the ID number): the age instead.
  const today = shanghaiDate(now);
  const stamp = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'medium',
    hour12: false,
  }).format(now);
  const watermark = `导出人：${p.displayName}（${p.username}） 导出时间：${stamp} ${opts.unmask ? '含明文个人信息，' : ''}仅限工作使用，严禁外传`;

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = `${p.displayName}（${p.username}）`;
  wb.created = now;
  const ws = wb.addWorksheet('务工人员', {
    headerFooter: { oddHeader: `&L${watermark}`, oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  const columns: [key: string, header: string, width: number][] = [
    ['name', '姓名', 12],
    ['id', '公民身份号码', 22],
    ['sex', '性别', 6],
    ['birth', opts.unmask ? '出生日期' : '年龄', 12],
    ['eth', '民族', 10],
    ['edu', '文化程度', 14],
    ['phone', '手机号码', 15],
    ['hukou', '户籍地', 24],
    ['res', '现居住地', 30],
    ['mt', '本地/外出', 10],
    ['cp', '跨省', 6],
    ['emp', '当前单位', 28],
    ['bank', '工资卡', 22],
    ['created', '登记时间', 18],
  ];
  ws.columns = columns.map(([key, , width]) => ({ key, width }));
  // The watermark row sits above the header row, so every copy of the sheet carries it.
  const mark = ws.addRow([watermark]);
  mark.font = { color: { argb: 'FFC00000' }, bold: true };
  ws.mergeCells(1, 1, 1, columns.length);
  mark.commit();
  const head = ws.addRow(columns.map(([, header]) => header));
  head.font = { bold: true };
  head.commit();
  // The matching ids first (one short transaction), then their rows in short batches with a yield
  // between them: the export never holds a connection — on the embedded database *the* connection —
  // for the whole file, so other requests are served while it is written.
  const ids = await deps.db.scoped(dbScopeOf(p), (tx) => searchRepo.matchingWorkerIds(tx, where, EXPORT_ROW_CAP + 1));
  if (ids.length > EXPORT_ROW_CAP) {
    await deps.audit.record(actorOf(p, p.ip), {
      action: 'worker.export',
      outcome: 'denied',
      detail: { reason: 'over_cap', cap: EXPORT_ROW_CAP },
    });
    throw badRequest(`导出结果超过 ${EXPORT_ROW_CAP} 行，请缩小查询范围后再导出`);
  }
  let rowsWritten = 0;
  for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
    const batch = await deps.db.scoped(dbScopeOf(p), (tx) =>
      searchRepo.workersByIds(tx, ids.slice(i, i + EXPORT_BATCH)),
    );
    for (const w of batch) {
      rowsWritten++;
      ws.addRow({
        name: w.name,
        id: opts.unmask ? deps.cipher.decrypt(w.idEnc, 'workers.id_number') : w.idMasked,
        sex: SEX_LABELS[w.sex],
        birth: opts.unmask ? w.birthDate : ageOn(w.birthDate, today),
        eth: deps.names.ethnicity(w.ethnicity),
        edu: deps.names.education(w.education),
        phone: opts.unmask && w.phoneEnc ? deps.cipher.decrypt(w.phoneEnc, 'workers.phone') : (w.phoneMasked ?? ''),
        hukou: w.hukouRegionName ?? w.hukouRegionCode,
        res: w.residenceRegionName ?? w.residenceRegionCode,
        mt: MIGRANT_TYPE_LABELS[w.migrantType],
        cp: w.crossProvince ? '是' : '否',
        emp: w.employerName ?? '',
        bank:
          opts.unmask && w.bankCardEnc
            ? deps.cipher.decrypt(w.bankCardEnc, 'workers.bank_card')
            : (w.bankCardMasked ?? ''),
        created: w.createdAt.toISOString().slice(0, 10),
      }).commit();
    }
    await new Promise((resolve) => setImmediate(resolve)); // queued requests take the connection first
  }
  ws.commit();
  await wb.commit();
  await deps.audit.record(actorOf(p, p.ip), {
    action: 'worker.export',
    outcome: 'success',
    detail: {
      rows: rowsWritten,
      unmasked: opts.unmask,
      purpose: opts.purpose?.slice(0, 200) ?? null,
      filters: Object.entries(filters)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k]) => k),
    },
  });
  const ymd = now.toISOString().slice(0, 10).replace(/-/g, '');
  return { buffer: Buffer.concat(chunks), filename: `务工人员_${ymd}.xlsx`, rows: rowsWritten };
}
