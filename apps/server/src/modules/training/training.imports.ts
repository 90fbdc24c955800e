import { parseIdNumber } from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { fieldError, isRefusal } from '../../platform/http/errors.js';
import type { CommitResult, ImportKind } from '../../platform/imports/kinds.js';
import type { EnrolmentsService } from './enrolments.service.js';

interface EnrolRow {
  idNumber: string;
  contractMonths: number | null;
}

/**
 * 培训报名导入: a class's trainees from a workbook (ID number, contract length), each row through the same checks
 * as an enrolment in the console (registered worker, duplicate, overlap, one subsidised training a year, capacity).
 */
export function enrolmentsImportKind(db: Database, enrolments: EnrolmentsService): ImportKind<EnrolRow> {
  return {
    kind: 'training_enrolments',
    title: '培训班学员报名',
    permission: 'training:handle',
    paramKeys: ['classId'],
    columns: [
      { key: 'name', header: '姓名', width: 12, note: '仅供核对，以身份证号为准' },
      { key: 'idNumber', header: '身份证号', required: true, width: 22, note: '须已在实名制系统登记' },
      { key: 'contractMonths', header: '劳动合同期限（月）', width: 18, note: '企业新招用人员的合同期限，可不填' },
    ],
    async checkParams(params: Record<string, string>, p: Principal) {
      if (!/^[0-9a-f-]{36}$/i.test(params.classId ?? '')) throw fieldError('classId', '请选择要导入的培训班');
      await db.scoped(dbScopeOf(p), (tx) => enrolments.classForImport(tx, p, params.classId));
    },
    parseRow(raw) {
      const errors: Record<string, string> = {};
      const id = parseIdNumber(raw.idNumber);
      if (!id.ok) errors.idNumber = id.message;
      const months = raw.contractMonths ? Number(raw.contractMonths) : null;
      if (raw.contractMonths && (!Number.isInteger(months) || months! < 0 || months! > 600))
        errors.contractMonths = '劳动合同期限应为 0–600 的整数（月）';
      if (!id.ok || Object.keys(errors).length) return { ok: false, errors };
      return { ok: true, key: id.value, value: { idNumber: id.value, contractMonths: months } };
    },
    async commitBatch(tx, rows, ctx) {
      const cls = await enrolments.classForImport(tx, ctx.principal, ctx.params.classId);
      const refusal = (rowNo: number, err: unknown): CommitResult => {
        if (!isRefusal(err)) throw err;
        // the same file imported twice: the person is in the class already
        if (err.code === 'DUPLICATE') return { rowNo, outcome: 'unchanged' };
        return { rowNo, outcome: 'error', errors: { [err.fieldErrors?.[0]?.path ?? '_row']: err.detail } };
      };
      // Every worker first (read-only look-ups through the registry's port), then the writes.
      const resolved = [];
      for (const r of rows) {
        try {
          resolved.push({ r, w: await enrolments.resolveWorker(tx, r.value) });
        } catch (err) {
          resolved.push({ r, result: refusal(r.rowNo, err) });
        }
      }
      const out: CommitResult[] = [];
      for (const x of resolved) {
        if (x.result) {
          out.push(x.result);
          continue;
        }
        try {
          await enrolments.enrolIn(tx, ctx.principal, cls, x.r.value, x.w);
          out.push({ rowNo: x.r.rowNo, outcome: 'created' });
        } catch (err) {
          out.push(refusal(x.r.rowNo, err));
        }
      }
      return out;
    },
  };
}
