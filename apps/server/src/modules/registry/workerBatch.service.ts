import { MIGRANT_TYPE_LABELS } from '@mwsp/domain';
import type { Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import type { Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { EventLog } from '../../platform/events/events.js';
import { HttpError } from '../../platform/http/errors.js';
import { addTime, timed } from '../../platform/imports/timing.js';
import * as repo from './registry.repo.js';
import type { WorkerColumns } from './registry.repo.js';
import type { FieldErrors, WorkerInput, WorkerRecord } from './worker.rules.js';
import { fieldName, type WorkersService } from './workers.service.js';
import type { SealedWorker } from './workerSeal.js';

/** Many workers at once, in the caller's transaction: the import of 务工人员 and the demo city. */
export class WorkerBatchService {
  constructor(
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly now: () => Date,
    private readonly workers: WorkersService,
  ) {}

  /**
   * Registers or updates many workers in the caller's transaction (imports, the demo city): one
   * person one record by the ID number's blind index; new records are inserted in one statement,
   * changed ones become audited updates, unchanged ones are left alone. Outcomes are per item.
   */
  async upsertWorkers(
    tx: Executor,
    p: Principal,
    /** `sealed`: the input's checkAndSeal result computed ahead (the import's worker threads). */
    items: { rowNo: number; input: WorkerInput; sealed?: SealedWorker }[],
    /** prepareInsert's result for the sealed columns of these items (used when every valid item is new). */
    prepared?: repo.PreparedWorkerInsert | null,
  ): Promise<
    {
      rowNo: number;
      outcome: 'created' | 'updated' | 'unchanged' | 'error';
      id?: string;
      errors?: FieldErrors;
      warnings?: string[];
    }[]
  > {
    access(p, 'registry:write');
    const results = new Map<
      number,
      {
        rowNo: number;
        outcome: 'created' | 'updated' | 'unchanged' | 'error';
        id?: string;
        errors?: FieldErrors;
        warnings?: string[];
      }
    >();
    const valid: { rowNo: number; record: WorkerRecord; cols: WorkerColumns; warnings: string[] }[] = [];
    const t0 = performance.now();
    for (const it of items) {
      try {
        const pre = it.sealed;
        const { record, warnings } = await this.workers.validateWorker(tx, p, it.input, pre);
        valid.push({ rowNo: it.rowNo, record, cols: pre?.ok ? pre.cols : this.workers.columnsOf(record), warnings });
      } catch (err) {
        if (!(err instanceof HttpError) || !err.fieldErrors) throw err;
        results.set(it.rowNo, {
          rowNo: it.rowNo,
          outcome: 'error',
          errors: Object.fromEntries(err.fieldErrors.map((f) => [f.path, f.message])),
        });
      }
    }
    addTime('upsertWorkers: validate + seal', performance.now() - t0);
    // One person, one record: first the national look-up of every blind index (one indexed read of worker_ids),
    // then the full rows of only those that are registered — a new person (most rows of an import) costs no
    // read of workers. Registered but not visible in scope: held by another region or owner (hidden).
    const registered = await timed('upsertWorkers: registered anywhere', () =>
      repo.registeredAnywhere(
        tx,
        valid.map((v) => v.cols.idBidx),
      ),
    );
    const existing = new Map(
      (
        await timed('upsertWorkers: find existing', () =>
          repo.findWorkersByIdBidx(
            tx,
            valid.filter((v) => registered.has(v.cols.idBidx)).map((v) => v.cols.idBidx),
          ),
        )
      ).map((w) => [w.idBidx, w]),
    );
    const hidden = new Set([...registered].filter((b) => !existing.has(b)));
    const fresh: typeof valid = [];
    const seen = new Set<string>();
    for (const v of valid) {
      const current = existing.get(v.cols.idBidx);
      if (hidden.has(v.cols.idBidx) || seen.has(v.cols.idBidx)) {
        results.set(v.rowNo, {
          rowNo: v.rowNo,
          outcome: 'error',
          errors: {
            idNumber: hidden.has(v.cols.idBidx)
              ? '该身份证号已在其他辖区登记（或由您数据范围以外的人员登记）'
              : '同一批次中身份证号重复',
          },
        });
        continue;
      }
      seen.add(v.cols.idBidx);
      if (!current) {
        fresh.push(v);
        continue;
      }
      const before = this.workers.inputOf(current);
      const changed = (Object.keys(before) as (keyof WorkerInput)[]).filter(
        (k) =>
          JSON.stringify(normalizeForCompare(before[k])) !==
          JSON.stringify(normalizeForCompare((v.record as unknown as WorkerInput)[k])),
      );
      if (changed.length === 0 || current.status !== 'active') {
        results.set(v.rowNo, { rowNo: v.rowNo, outcome: 'unchanged', id: current.id, warnings: v.warnings });
        continue;
      }
      await repo.updateWorker(tx, current.id, v.cols, current.version, this.now());
      await this.events.emit(tx, p, [
        {
          type: 'worker.updated',
          subjectType: 'worker',
          subjectId: current.id,
          regionCode: v.record.residenceRegionCode,
          summary: `导入更新登记信息：${changed.map(fieldName).join('、')}`,
          data: { fields: changed },
        },
      ]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'worker.update',
        outcome: 'success',
        objectType: 'worker',
        objectId: current.id,
        detail: { fields: changed, via: 'import' },
      });
      results.set(v.rowNo, { rowNo: v.rowNo, outcome: 'updated', id: current.id, warnings: v.warnings });
    }
    const ids = await timed('upsertWorkers: insert workers + ids + counts', () =>
      repo.insertWorkers(
        tx,
        fresh.map((f) => f.cols),
        p.userId,
        this.now(),
        p.departmentId,
        prepared,
      ),
    );
    const tEvents = performance.now();
    await this.events.emit(
      tx,
      p,
      fresh.map((f) => ({
        type: 'worker.registered',
        subjectType: 'worker',
        subjectId: ids.get(f.cols.idBidx)!,
        regionCode: f.record.residenceRegionCode,
        summary: `实名登记（批量导入；${MIGRANT_TYPE_LABELS[f.record.migrantType]}${f.record.crossProvince ? '、跨省' : ''}）`,
        data: { residenceRegionCode: f.record.residenceRegionCode },
      })),
    );
    addTime('upsertWorkers: events', performance.now() - tEvents);
    for (const f of fresh)
      results.set(f.rowNo, { rowNo: f.rowNo, outcome: 'created', id: ids.get(f.cols.idBidx), warnings: f.warnings });
    return items.map((i) => results.get(i.rowNo)!);
  }
}

/**
 * The insert's arrays for a batch of sealed workers, built ahead of its transaction (registry.repo.ts
 * prepareWorkerInsert): the import builds the next batch's while the last one commits.
 */
export function prepareInsert(sealed: readonly SealedWorker[]): repo.PreparedWorkerInsert | null {
  const cols = sealed.flatMap((s) => (s.ok ? [s.cols] : []));
  return cols.length ? repo.prepareWorkerInsert(cols) : null;
}

/** Values as they compare for "did this import row change the record" (order of keys, empty vs null). */
function normalizeForCompare(v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(normalizeForCompare);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, normalizeForCompare((v as Record<string, unknown>)[k])]),
    );
  return v;
}
