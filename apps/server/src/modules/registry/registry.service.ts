import {
  ageOn,
  checkCreditCode,
  maskBankCard,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeName,
  parseIdNumber,
  parseMobile,
  shanghaiDate,
  INSURANCE_TYPE_LABELS,
  MIGRANT_TYPE_LABELS,
  type LeftBehindRelation,
  type UnmaskField,
  type UnmaskResult,
  type WorkerStatus,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, can, inScope, requireInScope, scopeFilter, type Resource } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, forbidden, HttpError, notFound, tooManyRequests } from '../../platform/http/errors.js';
import { UNMASK_LIMIT_PER_HOUR } from './registry.permissions.js';
import * as repo from './registry.repo.js';
import type { EmployerRow, EmploymentRow, WorkerColumns, WorkerRow } from './registry.repo.js';
import { checkWorker, type FieldErrors, type WorkerInput, type WorkerRecord } from './worker.rules.js';

const CTX = {
  id: 'workers.id_number',
  phone: 'workers.phone',
  bank: 'workers.bank_card',
  emergency: 'workers.emergency_contact',
  family: 'workers.family',
  employerPhone: 'employers.contact_phone',
};

/** The event of a changed employer register entry; its `data` is EmployerUpdatedData (the values now on record). */
export const EMPLOYER_UPDATED = 'employer.updated';
export type EmployerUpdatedData = { name: string; creditCode: string };

export interface CodeSets {
  ethnicities: Set<string>;
  educations: Set<string>;
  industries: Set<string>;
  occupations: Set<string>;
  schoolStages: Set<string>;
  relations: Set<string>;
}

export interface WorkerDto {
  id: string;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  /**
   * Withheld (null) in every masked answer: the hidden digits of a masked ID number are the birth date,
   * so the two together would give the full number. The age is enough for the work; the date itself
   * comes from the audited unmask (`fields: ['birthDate']`).
   */
  birthDate: null;
  age: number;
  ethnicity: string;
  education: string;
  phone: string | null;
  hukouRegionCode: string;
  hukouRegionName: string | null;
  residenceRegionCode: string;
  residenceRegionName: string | null;
  migrantType: 'local' | 'out';
  crossProvince: boolean;
  skills: WorkerRecord['skills'];
  bankCard: string | null;
  bankName: string | null;
  bankCardLuhnOk: boolean | null;
  emergencyContact: { name: string; relation: string; phone: string } | null;
  accompanyingChildren: { name: string; birthYear: number; schoolStage: string }[];
  leftBehind: { relation: LeftBehindRelation; name: string; birthYear: number }[];
  status: WorkerStatus;
  mergedInto: string | null;
  currentEmployment: { id: string; employerId: string; employerName: string; position: string | null } | null;
  insurance?: repo.InsuranceRow[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

function invalid(errors: FieldErrors): HttpError {
  const list = Object.entries(errors).map(([path, message]) => ({ path, message }));
  return badRequest(list.map((e) => e.message).join('；'), list);
}

/**
 * Use cases of the real-name registry (实名制) and the 一人一档 profile. Personal fields are
 * encrypted before they reach the repository and leave masked; every change writes a domain event
 * (the worker's timeline) and an audit entry in the same transaction.
 */
export class RegistryService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly codes: CodeSets,
    private readonly now: () => Date,
  ) {}

  // ---------------------------------------------------------------- what other modules ask (RegistryPort)
  /** The blind index of a valid ID number in the registry's context: how other modules match a worker. */
  idNumberIndex(idNumber: string): string {
    return this.cipher.blindIndex(idNumber, CTX.id);
  }

  /**
   * Runs in the caller's transaction: an active worker by ID-number index in any region, masked,
   * with contract yes/no.
   */
  workerForProject(tx: Executor, idBidx: string, employerIds: string[]) {
    return repo.workerForProject(tx, idBidx, employerIds);
  }

  /** Runs in the caller's transaction (its scope): the worker's ID-number index and scope facts, if visible. */
  workerRef(tx: Executor, workerId: string) {
    return repo.workerRef(tx, workerId);
  }

  /**
   * Runs in the caller's transaction: name, credit code, legal representative and region of many
   * employers at once, in name order.
   */
  async employers(tx: Executor, ids: string[]): Promise<Map<string, repo.EmployerFacts>> {
    return new Map((await repo.employerFacts(tx, ids)).map((e) => [e.id, e]));
  }

  /** Runs in the caller's transaction: employers whose name contains the text (or, if given, with that credit code). */
  employerIdsMatching(tx: Executor, f: { nameContains: string; creditCode?: string }): Promise<string[]> {
    return repo.employerIdsMatching(tx, f);
  }

  // ---------------------------------------------------------------- workers
  /** Validates a worker against the rules, the code tables and the region tree. */
  async validateWorker(
    tx: Executor,
    p: Principal,
    input: WorkerInput,
  ): Promise<{ record: WorkerRecord; warnings: string[] }> {
    const checked = checkWorker(input, this.now());
    const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!this.codes.ethnicities.has(input.ethnicity)) errors.ethnicity = '请选择民族';
    if (!this.codes.educations.has(input.education)) errors.education = '请选择文化程度';
    for (const [i, s] of (input.skills ?? []).entries())
      if (!this.codes.occupations.has(s.occupationCode))
        errors[`skills.${i}.occupationCode`] = '职业工种代码不在《职业分类大典》目录中';
    for (const [i, c] of (input.accompanyingChildren ?? []).entries())
      if (!this.codes.schoolStages.has(c.schoolStage))
        errors[`accompanyingChildren.${i}.schoolStage`] = '请选择就学阶段';
    for (const [i, f] of (input.leftBehind ?? []).entries())
      if (!['child', 'spouse', 'parent'].includes(f.relation))
        errors[`leftBehind.${i}.relation`] = '留守成员关系只能是子女、配偶或父母';
    const levels = await this.regionLevels(tx);
    const hukou = levels.get(input.hukouRegionCode ?? '');
    if (!hukou || hukou < 3) errors.hukouRegionCode = '户籍地应选择到县（市、区）一级';
    const residence = levels.get(input.residenceRegionCode ?? '');
    if (!residence || residence < 4) errors.residenceRegionCode = '现居住地应选择到乡镇（街道）或村（社区）';
    else if (!inScope(p, { regionCode: input.residenceRegionCode }))
      errors.residenceRegionCode = '现居住地不在您的管辖范围内';
    if (Object.keys(errors).length > 0 || !checked.ok) throw invalid(errors);
    return { record: checked.record, warnings: checked.warnings };
  }

  private levels: Map<string, number> | null = null;
  /** The region tree's codes and levels, read once: it changes only when the deployment's city does. */
  private async regionLevels(tx: Executor): Promise<Map<string, number>> {
    return (this.levels ??= await repo.allRegionLevels(tx));
  }

  /**
   * Registers or updates many workers in the caller's transaction (imports, the demo city): one
   * person one record by the ID number's blind index; new records are inserted in one statement,
   * changed ones become audited updates, unchanged ones are left alone. Outcomes are per item.
   */
  async upsertWorkers(
    tx: Executor,
    p: Principal,
    items: { rowNo: number; input: WorkerInput }[],
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
    for (const it of items) {
      try {
        const { record, warnings } = await this.validateWorker(tx, p, it.input);
        valid.push({ rowNo: it.rowNo, record, cols: this.columnsOf(record), warnings });
      } catch (err) {
        if (!(err instanceof HttpError) || !err.fieldErrors) throw err;
        results.set(it.rowNo, {
          rowNo: it.rowNo,
          outcome: 'error',
          errors: Object.fromEntries(err.fieldErrors.map((f) => [f.path, f.message])),
        });
      }
    }
    const existing = new Map(
      (
        await repo.findWorkersByIdBidx(
          tx,
          valid.map((v) => v.cols.idBidx),
        )
      ).map((w) => [w.idBidx, w]),
    );
    const hidden = await repo.registeredAnywhere(
      tx,
      valid.filter((v) => !existing.has(v.cols.idBidx)).map((v) => v.cols.idBidx),
    );
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
      const before = this.inputOf(current);
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
    const ids = await repo.insertWorkers(
      tx,
      fresh.map((f) => f.cols),
      p.userId,
      this.now(),
      p.departmentId,
    );
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
    for (const f of fresh)
      results.set(f.rowNo, { rowNo: f.rowNo, outcome: 'created', id: ids.get(f.cols.idBidx), warnings: f.warnings });
    return items.map((i) => results.get(i.rowNo)!);
  }

  columnsOf(r: WorkerRecord): WorkerColumns {
    return {
      name: r.name,
      idBidx: this.cipher.blindIndex(r.idNumber, CTX.id),
      idEnc: this.cipher.encrypt(r.idNumber, CTX.id),
      idMasked: maskIdNumber(r.idNumber)!,
      sex: r.sex,
      birthDate: r.birthDate,
      ethnicity: r.ethnicity,
      education: r.education,
      phoneEnc: r.phone ? this.cipher.encrypt(r.phone, CTX.phone) : null,
      phoneBidx: r.phone ? this.cipher.blindIndex(r.phone, CTX.phone) : null,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      hukouRegionCode: r.hukouRegionCode,
      residenceRegionCode: r.residenceRegionCode,
      migrantType: r.migrantType,
      crossProvince: r.crossProvince,
      skills: r.skills,
      bankCardEnc: r.bankCard ? this.cipher.encrypt(r.bankCard, CTX.bank) : null,
      bankCardMasked: r.bankCard ? maskBankCard(r.bankCard) : null,
      bankName: r.bankName,
      bankCardLuhnOk: r.bankCardLuhnOk,
      emergencyEnc: r.emergencyContact ? this.cipher.encrypt(JSON.stringify(r.emergencyContact), CTX.emergency) : null,
      familyEnc:
        r.accompanyingChildren.length || r.leftBehind.length
          ? this.cipher.encrypt(
              JSON.stringify({ accompanyingChildren: r.accompanyingChildren, leftBehind: r.leftBehind }),
              CTX.family,
            )
          : null,
      accompanyingChildrenCount: r.accompanyingChildren.length,
      leftBehindKinds: [...new Set(r.leftBehind.map((f) => f.relation))],
    };
  }

  toDto(row: WorkerRow, detail: boolean): WorkerDto {
    let emergencyContact: WorkerDto['emergencyContact'] = null;
    let accompanyingChildren: WorkerDto['accompanyingChildren'] = [];
    let leftBehind: WorkerDto['leftBehind'] = [];
    if (detail && row.emergencyEnc) {
      const e = JSON.parse(this.cipher.decrypt(row.emergencyEnc, CTX.emergency)) as {
        name: string;
        relation: string;
        phone: string;
      };
      emergencyContact = { name: maskName(e.name) ?? '', relation: e.relation, phone: maskPhone(e.phone) ?? '' };
    }
    if (detail && row.familyEnc) {
      const f = JSON.parse(this.cipher.decrypt(row.familyEnc, CTX.family)) as {
        accompanyingChildren: WorkerDto['accompanyingChildren'];
        leftBehind: WorkerDto['leftBehind'];
      };
      accompanyingChildren = f.accompanyingChildren.map((c) => ({ ...c, name: maskName(c.name) ?? '' }));
      leftBehind = f.leftBehind.map((m) => ({ ...m, name: maskName(m.name) ?? '' }));
    }
    return {
      id: row.id,
      name: row.name,
      idNumber: row.idMasked,
      sex: row.sex,
      birthDate: null,
      age: ageOn(row.birthDate, shanghaiDate(this.now())),
      ethnicity: row.ethnicity,
      education: row.education,
      phone: row.phoneMasked,
      hukouRegionCode: row.hukouRegionCode,
      hukouRegionName: row.hukouRegionName,
      residenceRegionCode: row.residenceRegionCode,
      residenceRegionName: row.residenceRegionName,
      migrantType: row.migrantType,
      crossProvince: row.crossProvince,
      skills: row.skills,
      bankCard: row.bankCardMasked,
      bankName: row.bankName,
      bankCardLuhnOk: row.bankCardLuhnOk,
      emergencyContact,
      accompanyingChildren,
      leftBehind,
      status: row.status,
      mergedInto: row.mergedInto,
      currentEmployment: row.employmentId
        ? { id: row.employmentId, employerId: row.employerId!, employerName: row.employerName!, position: row.position }
        : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  }

  async createWorker(p: Principal, input: WorkerInput): Promise<{ worker: WorkerDto; warnings: string[] }> {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { record, warnings } = await this.validateWorker(tx, p, input);
      const cols = this.columnsOf(record);
      await this.assertNotRegistered(tx, cols.idBidx);
      const id = await repo.insertWorker(tx, cols, p.userId, this.now(), p.departmentId);
      await this.events.emit(tx, p, [
        {
          type: 'worker.registered',
          subjectType: 'worker',
          subjectId: id,
          regionCode: record.residenceRegionCode,
          summary: `实名登记（${MIGRANT_TYPE_LABELS[record.migrantType]}${record.crossProvince ? '、跨省' : ''}）`,
          data: { residenceRegionCode: record.residenceRegionCode },
        },
      ]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'worker.create',
        outcome: 'success',
        objectType: 'worker',
        objectId: id,
      });
      return { worker: this.toDto((await repo.findWorker(tx, id))!, true), warnings };
    });
  }

  /** One person, one record: a second registration of the same ID number is refused (409). */
  private async assertNotRegistered(tx: Executor, idBidx: string, exceptId?: string): Promise<void> {
    const existing = await repo.findWorkerIdByIdBidx(tx, idBidx);
    if (existing && existing !== exceptId) {
      throw conflict('该身份证号已登记，不能重复登记（一人一档）', 'DUPLICATE', { existingId: existing });
    }
    // The record may exist outside the caller's region, where row-level security hides it.
    if (!existing && (await repo.isRegisteredAnywhere(tx, idBidx))) {
      throw conflict('该身份证号已在其他辖区（或由您数据范围以外的人员）登记，请联系登记机构办理', 'DUPLICATE');
    }
  }

  async updateWorker(
    p: Principal,
    id: string,
    patch: Partial<WorkerInput> & { version: number },
  ): Promise<{ worker: WorkerDto; warnings: string[] }> {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.visibleWorker(tx, p, id);
      if (row.status !== 'active') throw conflict('该档案已被合并，不能修改');
      const current = this.inputOf(row);
      const { record, warnings } = await this.validateWorker(tx, p, { ...current, ...stripUndefined(patch) });
      const cols = this.columnsOf(record);
      if (cols.idBidx !== this.cipher.blindIndex(this.cipher.decrypt(row.idEnc, CTX.id), CTX.id))
        await this.assertNotRegistered(tx, cols.idBidx, id);
      if (!(await repo.updateWorker(tx, id, cols, patch.version, this.now())))
        throw conflict('档案已被他人修改，请刷新后重试', 'STALE');
      const changed = Object.keys(stripUndefined(patch)).filter((k) => k !== 'version');
      await this.events.emit(tx, p, [
        {
          type: 'worker.updated',
          subjectType: 'worker',
          subjectId: id,
          regionCode: record.residenceRegionCode,
          summary: `修改登记信息：${changed.map(fieldName).join('、')}`,
          data: { fields: changed },
        },
      ]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'worker.update',
        outcome: 'success',
        objectType: 'worker',
        objectId: id,
        detail: { fields: changed },
      });
      return { worker: this.toDto((await repo.findWorker(tx, id))!, true), warnings };
    });
  }

  /** The stored record back as input (decrypting what is needed to re-validate a partial update). */
  inputOf(row: WorkerRow): WorkerInput {
    const family = row.familyEnc
      ? (JSON.parse(this.cipher.decrypt(row.familyEnc, CTX.family)) as Pick<
          WorkerInput,
          'accompanyingChildren' | 'leftBehind'
        >)
      : {};
    return {
      name: row.name,
      idNumber: this.cipher.decrypt(row.idEnc, CTX.id),
      ethnicity: row.ethnicity,
      education: row.education,
      phone: row.phoneEnc ? this.cipher.decrypt(row.phoneEnc, CTX.phone) : null,
      hukouRegionCode: row.hukouRegionCode,
      residenceRegionCode: row.residenceRegionCode,
      skills: row.skills,
      bankCard: row.bankCardEnc ? this.cipher.decrypt(row.bankCardEnc, CTX.bank) : null,
      bankName: row.bankName,
      emergencyContact: row.emergencyEnc ? JSON.parse(this.cipher.decrypt(row.emergencyEnc, CTX.emergency)) : null,
      accompanyingChildren: family.accompanyingChildren ?? [],
      leftBehind: family.leftBehind ?? [],
    };
  }

  async getWorker(p: Principal, id: string): Promise<WorkerDto & { insurance: repo.InsuranceRow[] }> {
    access(p, 'registry:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.visibleWorker(tx, p, id);
      return { ...this.toDto(row, true), insurance: await repo.insuranceOf(tx, id) };
    });
  }

  async listWorkers(
    p: Principal,
    f: Omit<repo.WorkerFilter, 'idBidx' | 'phoneBidx'> & { idNumber?: string; phone?: string },
  ) {
    access(p, 'registry:read');
    const filter: repo.WorkerFilter = { ...f, ...scopeFilter(p) };
    if (f.q) filter.q = normalizeName(f.q); // names are stored in the domain's normal form (・ → ·)
    if (f.idNumber) {
      const id = parseIdNumber(f.idNumber);
      if (!id.ok) throw badRequest(id.message, [{ path: 'idNumber', message: id.message }]);
      filter.idBidx = this.cipher.blindIndex(id.value, CTX.id);
    }
    if (f.phone) {
      const m = parseMobile(f.phone);
      if (!m.ok) throw badRequest(m.message, [{ path: 'phone', message: m.message }]);
      filter.phoneBidx = this.cipher.blindIndex(m.normalized, CTX.phone);
    }
    // A filter on a region disjoint from the caller's finds nothing; one containing it is narrowed by RLS.
    if (f.regionCode && !inScope(p, { regionCode: f.regionCode }) && !p.regionCode.startsWith(f.regionCode)) {
      return { items: [], total: 0, totalCapped: false };
    }
    const { items, total, totalCapped } = await this.db.scoped(dbScopeOf(p), (tx) => repo.listWorkers(tx, filter));
    return { items: items.map((r) => this.toDto(r, false)), total, totalCapped };
  }

  /**
   * Clear values for a stated purpose: permission, scope, an hourly cap per user, and the audit entry
   * committed before anything is returned.
   */
  async unmask(p: Principal, id: string, fields: UnmaskField[], purpose: string): Promise<UnmaskResult> {
    access(p, 'pii:unmask');
    const since = new Date(this.now().getTime() - 3600_000);
    const used = await this.audit.countRecent(p.userId, 'worker.unmask', since);
    if (used >= UNMASK_LIMIT_PER_HOUR) {
      await this.audit.record(actorOf(p, p.ip), {
        action: 'worker.unmask',
        outcome: 'denied',
        objectType: 'worker',
        objectId: id,
        detail: { reason: 'hourly_limit' },
      });
      throw tooManyRequests(`查看完整个人信息每小时最多 ${UNMASK_LIMIT_PER_HOUR} 次，已达上限`, 3600);
    }
    const row = await this.db.scoped(dbScopeOf(p), (tx) => this.visibleWorker(tx, p, id));
    await this.audit.record(actorOf(p, p.ip), {
      action: 'worker.unmask',
      outcome: 'success',
      objectType: 'worker',
      objectId: id,
      detail: { fields, purpose: purpose.slice(0, 200) },
    });
    const out: UnmaskResult = {};
    for (const f of new Set(fields)) {
      if (f === 'idNumber') out.idNumber = this.cipher.decrypt(row.idEnc, CTX.id);
      if (f === 'birthDate') out.birthDate = row.birthDate;
      if (f === 'phone') out.phone = row.phoneEnc ? this.cipher.decrypt(row.phoneEnc, CTX.phone) : null;
      if (f === 'bankCard') out.bankCard = row.bankCardEnc ? this.cipher.decrypt(row.bankCardEnc, CTX.bank) : null;
      if (f === 'emergencyContact')
        out.emergencyContactPhone = row.emergencyEnc
          ? (JSON.parse(this.cipher.decrypt(row.emergencyEnc, CTX.emergency)) as { phone: string }).phone
          : null;
    }
    return out;
  }

  async timeline(p: Principal, id: string) {
    access(p, 'registry:read');
    await this.db.scoped(dbScopeOf(p), (tx) => this.visibleWorker(tx, p, id));
    return this.events.timeline(p, 'worker', id);
  }

  /** Merges a duplicate into the survivor: every linked record moves, the duplicate stays as 'merged'. */
  async merge(p: Principal, survivorId: string, duplicateId: string): Promise<WorkerDto> {
    access(p, 'registry:merge');
    if (survivorId === duplicateId)
      throw badRequest('不能与自身合并', [{ path: 'duplicateId', message: '不能与自身合并' }]);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const survivor = await this.visibleWorker(tx, p, survivorId);
      const duplicate = await this.visibleWorker(tx, p, duplicateId);
      if (survivor.status !== 'active' || duplicate.status !== 'active') throw conflict('只能合并有效档案');
      await repo.moveWorkerRecords(tx, duplicateId, survivorId);
      await this.events.reassign(tx, 'worker', duplicateId, survivorId);
      await repo.markMerged(tx, duplicateId, survivorId, this.now());
      await this.events.emit(tx, p, [
        {
          type: 'worker.merged',
          subjectType: 'worker',
          subjectId: survivorId,
          regionCode: survivor.residenceRegionCode,
          summary: `合并重复档案（${duplicate.idMasked}）`,
          data: { duplicateId },
        },
      ]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'worker.merge',
        outcome: 'success',
        objectType: 'worker',
        objectId: survivorId,
        detail: { duplicateId },
      });
      return this.toDto((await repo.findWorker(tx, survivorId))!, true);
    });
  }

  private async visibleWorker(tx: Executor, p: Principal, id: string): Promise<WorkerRow> {
    return requireInScope(p, await repo.findWorker(tx, id), '务工人员不存在', workerResource);
  }

  // ---------------------------------------------------------------- employers
  async checkEmployer(
    tx: Executor,
    p: Principal,
    input: EmployerInput,
  ): Promise<{ cols: repo.EmployerColumns; warnings: string[] }> {
    const errors: FieldErrors = {};
    const warnings: string[] = [];
    const cc = checkCreditCode(input.creditCode ?? '');
    if (!cc.ok) errors.creditCode = cc.message ?? '统一社会信用代码格式不正确';
    else if (!cc.checkDigitValid) warnings.push('统一社会信用代码校验位不符，请核对营业执照；已按原样保存');
    const name = (input.name ?? '').trim();
    if (name.length < 2) errors.name = '请输入单位全称';
    if (!this.codes.industries.has(input.industry)) errors.industry = '请选择行业门类';
    if (!['micro', 'small', 'medium', 'large'].includes(input.size)) errors.size = '请选择企业规模';
    const region = await repo.regionExists(tx, input.regionCode ?? '');
    if (!region || region.level < 3) errors.regionCode = '所在区划应选择到县（市、区）或更下级';
    else if (!inScope(p, { regionCode: input.regionCode })) errors.regionCode = '所在区划不在您的管辖范围内';
    let phone: string | null = null;
    if (input.contactPhone) {
      const m = parseMobile(input.contactPhone);
      // Landlines are common for companies: accept 7–12 digits with an area code too.
      const landline = input.contactPhone.replace(/[\s-]/g, '');
      if (m.ok) phone = m.normalized;
      else if (/^0\d{9,11}$/.test(landline)) phone = landline;
      else errors.contactPhone = '联系电话应为手机号或带区号的固定电话';
    }
    if (Object.keys(errors).length) throw invalid(errors);
    const normalized = (cc as { normalized: string }).normalized;
    return {
      warnings,
      cols: {
        creditCode: normalized,
        creditCodeValid: (cc as { checkDigitValid: boolean }).checkDigitValid,
        name,
        legalRep: input.legalRep?.trim() || null,
        industry: input.industry,
        size: input.size,
        regionCode: input.regionCode,
        address: input.address?.trim() || null,
        contactName: input.contactName?.trim() || null,
        contactPhoneEnc: phone ? this.cipher.encrypt(phone, CTX.employerPhone) : null,
        contactPhoneMasked: phone
          ? phone.startsWith('1')
            ? maskPhone(phone)
            : phone.slice(0, 4) + '****' + phone.slice(-2)
          : null,
      },
    };
  }

  /**
   * An employer as answered. The company register is readable city-wide by design; `editable` says
   * whether this caller may change it (registry:write and the employer inside the caller's scope).
   */
  employerDto(r: EmployerRow, p?: Principal) {
    return {
      editable: !!p && can(p, 'registry:write') && inScope(p, employerResource(r)),
      id: r.id,
      creditCode: r.creditCode,
      creditCodeValid: r.creditCodeValid,
      name: r.name,
      legalRep: r.legalRep ? maskName(r.legalRep) : null,
      industry: r.industry,
      size: r.size,
      regionCode: r.regionCode,
      regionName: r.regionName,
      address: r.address,
      contactName: r.contactName ? maskName(r.contactName) : null,
      contactPhone: r.contactPhoneMasked,
      workerCount: r.workerCount,
      contractRate: r.workerCount > 0 ? r.signedCount / r.workerCount : null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  async createEmployer(p: Principal, input: EmployerInput) {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const { cols, warnings } = await this.checkEmployer(tx, p, input);
      if (await repo.findEmployerIdByCreditCode(tx, cols.creditCode))
        throw conflict('该统一社会信用代码已登记', 'DUPLICATE');
      const id = await repo.insertEmployer(tx, cols, p.userId, p.departmentId);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employer.create',
        outcome: 'success',
        objectType: 'employer',
        objectId: id,
      });
      return { employer: this.employerDto((await repo.findEmployer(tx, id))!, p), warnings };
    });
  }

  /** Import path: create, update or leave an employer, keyed by its credit code. */
  async upsertEmployer(
    tx: Executor,
    p: Principal,
    input: EmployerInput,
  ): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; id: string }> {
    access(p, 'registry:write');
    const { cols } = await this.checkEmployer(tx, p, input);
    const id = await repo.findEmployerIdByCreditCode(tx, cols.creditCode);
    if (!id) {
      const newId = await repo.insertEmployer(tx, cols, p.userId, p.departmentId);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employer.create',
        outcome: 'success',
        objectType: 'employer',
        objectId: newId,
        detail: { via: 'import' },
      });
      return { outcome: 'created', id: newId };
    }
    const row = (await repo.findEmployer(tx, id))!;
    if (!inScope(p, employerResource(row)))
      throw badRequest('该单位已由其他辖区登记，不能在此修改', [
        { path: 'creditCode', message: '该单位已由其他辖区登记，不能在此修改' },
      ]);
    const same =
      row.name === cols.name &&
      row.industry === cols.industry &&
      row.size === cols.size &&
      row.regionCode === cols.regionCode &&
      (row.address ?? null) === cols.address &&
      (row.contactPhoneMasked ?? null) === cols.contactPhoneMasked &&
      row.creditCodeValid === cols.creditCodeValid;
    if (same) return { outcome: 'unchanged', id };
    await repo.updateEmployer(tx, id, cols);
    await this.audit.append(tx, actorOf(p, p.ip), {
      action: 'employer.update',
      outcome: 'success',
      objectType: 'employer',
      objectId: id,
      detail: { via: 'import' },
    });
    await this.employerUpdated(tx, p, id, cols);
    return { outcome: 'updated', id };
  }

  /** Import path: an employment row names the worker by ID number and the employer by credit code. */
  async importEmployment(
    tx: Executor,
    p: Principal,
    v: Omit<EmploymentInput, 'workerId' | 'employerId'> & { idNumber: string; creditCode: string },
  ): Promise<'created' | 'updated' | 'unchanged'> {
    access(p, 'registry:write');
    const [worker] = await repo.findWorkersByIdBidx(tx, [this.cipher.blindIndex(v.idNumber, CTX.id)]);
    if (!worker)
      throw badRequest('该身份证号尚未在本辖区实名登记，请先导入务工人员', [
        { path: 'workerId', message: '该身份证号尚未在本辖区实名登记，请先导入务工人员' },
      ]);
    const employerId = await repo.findEmployerIdByCreditCode(tx, v.creditCode);
    if (!employerId)
      throw badRequest('该统一社会信用代码的单位尚未登记，请先导入用工单位', [
        { path: 'employerId', message: '该统一社会信用代码的单位尚未登记，请先导入用工单位' },
      ]);
    const { idNumber: _i, creditCode: _c, ...rest } = v;
    const cols = await this.checkEmployment(tx, p, { ...rest, workerId: worker.id, employerId });
    const r = await this.saveEmployment(tx, p, cols);
    return r.created ? 'created' : r.changed ? 'updated' : 'unchanged';
  }

  async updateEmployer(p: Principal, id: string, patch: Partial<EmployerInput>) {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await repo.findEmployer(tx, id);
      if (!row) throw notFound('用工单位不存在');
      // The register is readable city-wide, so saying "not found" would be wrong: say why.
      if (!inScope(p, employerResource(row)))
        throw forbidden('该用工单位不在您的管辖范围（或数据范围）内，只能查看，不能修改');
      const current: EmployerInput = {
        creditCode: row.creditCode,
        name: row.name,
        legalRep: row.legalRep,
        industry: row.industry,
        size: row.size as EmployerInput['size'],
        regionCode: row.regionCode,
        address: row.address,
        contactName: row.contactName,
        contactPhone: null,
      };
      const { cols, warnings } = await this.checkEmployer(tx, p, { ...current, ...stripUndefined(patch) });
      if (patch.contactPhone === undefined) {
        cols.contactPhoneMasked = row.contactPhoneMasked;
        cols.contactPhoneEnc = row.contactPhoneEnc;
      }
      const other = await repo.findEmployerIdByCreditCode(tx, cols.creditCode);
      if (other && other !== id) throw conflict('该统一社会信用代码已被其他单位使用', 'DUPLICATE');
      await repo.updateEmployer(tx, id, cols);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employer.update',
        outcome: 'success',
        objectType: 'employer',
        objectId: id,
        detail: { fields: Object.keys(stripUndefined(patch)) },
      });
      await this.employerUpdated(tx, p, id, cols);
      return { employer: this.employerDto((await repo.findEmployer(tx, id))!, p), warnings };
    });
  }

  /** Tells other modules that an employer's register entry changed (they may keep its name and credit code). */
  private async employerUpdated(tx: Executor, p: Principal, id: string, cols: repo.EmployerColumns): Promise<void> {
    const data: EmployerUpdatedData = { name: cols.name, creditCode: cols.creditCode };
    await this.events.emit(tx, p, [
      {
        type: EMPLOYER_UPDATED,
        subjectType: 'employer',
        subjectId: id,
        regionCode: cols.regionCode,
        summary: `用工单位登记信息变更（${cols.name}）`,
        data,
      },
    ]);
  }

  async getEmployer(p: Principal, id: string) {
    access(p, 'registry:read');
    const row = await this.db.scoped(dbScopeOf(p), (tx) => repo.findEmployer(tx, id));
    if (!row) throw notFound('用工单位不存在');
    return this.employerDto(row, p);
  }

  async listEmployers(p: Principal, f: Parameters<typeof repo.listEmployers>[1]) {
    access(p, 'registry:read');
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) => repo.listEmployers(tx, f));
    return { items: items.map((r) => this.employerDto(r, p)), total };
  }

  // ---------------------------------------------------------------- employments and insurance
  async checkEmployment(tx: Executor, p: Principal, input: EmploymentInput): Promise<repo.EmploymentColumns> {
    const errors: FieldErrors = {};
    const worker = await repo.findWorker(tx, input.workerId);
    if (!worker || !inScope(p, workerResource(worker))) errors.workerId = '务工人员不存在';
    else if (worker.status !== 'active') errors.workerId = '该档案已被合并';
    if (!(await repo.findEmployer(tx, input.employerId))) errors.employerId = '用工单位不存在';
    const today = shanghaiDate(this.now());
    if (!isDate(input.startDate)) errors.startDate = '请填写正确的入职日期';
    else if (input.startDate > today) errors.startDate = '入职日期不能晚于今天';
    if (input.endDate && (!isDate(input.endDate) || input.endDate < input.startDate))
      errors.endDate = '离职日期应不早于入职日期';
    if (input.occupationCode && !this.codes.occupations.has(input.occupationCode))
      errors.occupationCode = '职业工种代码不在《职业分类大典》目录中';
    if (
      input.wageFen !== null &&
      input.wageFen !== undefined &&
      (!Number.isInteger(input.wageFen) || input.wageFen < 0 || input.wageFen > 100_000_000)
    )
      errors.wageFen = '工资金额不合理（以分为单位的非负整数，最多 100 万元）';
    if (input.contractSigned && input.contractType === 'none') errors.contractType = '已签订合同时请选择合同类型';
    if (input.contractType === 'fixed' && !input.contractTermMonths)
      errors.contractTermMonths = '固定期限合同请填写期限（月）';
    if (Object.keys(errors).length) throw invalid(errors);
    return {
      workerId: input.workerId,
      employerId: input.employerId,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      position: input.position?.trim() || null,
      occupationCode: input.occupationCode ?? null,
      wageFen: input.wageFen ?? null,
      wageType: input.wageType ?? 'monthly',
      contractType: input.contractType ?? 'none',
      contractSigned: input.contractSigned ?? false,
      contractTermMonths: input.contractTermMonths ?? null,
      filingStatus: input.filingStatus ?? 'none',
      dispatch: input.dispatch ?? false,
      status: input.endDate ? 'ended' : 'active',
    };
  }

  /** Writes an employment (create or change by natural key) with its event; shared by the API and the importer. */
  async saveEmployment(
    tx: Executor,
    p: Principal,
    cols: repo.EmploymentColumns,
  ): Promise<{ id: string; created: boolean; changed: boolean }> {
    const result = await repo.upsertEmployment(tx, cols);
    if (result.changed) {
      const worker = (await repo.findWorker(tx, cols.workerId))!;
      const employer = (await repo.findEmployer(tx, cols.employerId))!;
      const summary = result.created
        ? `入职 ${employer.name}${cols.position ? '，岗位：' + cols.position : ''}；劳动合同${cols.contractSigned ? '已签订' : '未签订'}`
        : cols.status === 'ended'
          ? `离职 ${employer.name}（${cols.endDate}）`
          : `用工信息变更：${employer.name}`;
      await this.events.emit(tx, p, [
        {
          type: result.created
            ? 'employment.started'
            : cols.status === 'ended'
              ? 'employment.ended'
              : 'employment.updated',
          subjectType: 'worker',
          subjectId: cols.workerId,
          regionCode: worker.residenceRegionCode,
          summary,
          data: { employmentId: result.id, employerId: cols.employerId },
        },
      ]);
    }
    return result;
  }

  async createEmployment(p: Principal, input: EmploymentInput): Promise<EmploymentRow> {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const cols = await this.checkEmployment(tx, p, input);
      const r = await this.saveEmployment(tx, p, cols);
      if (!r.created) throw conflict('该人员在该单位同一入职日期的用工记录已存在');
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employment.create',
        outcome: 'success',
        objectType: 'employment',
        objectId: r.id,
        detail: { workerId: input.workerId, employerId: input.employerId },
      });
      return (await repo.findEmployment(tx, r.id))!;
    });
  }

  async updateEmployment(p: Principal, id: string, patch: Partial<EmploymentInput>): Promise<EmploymentRow> {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const current = await repo.findEmployment(tx, id);
      if (!current) throw notFound('用工记录不存在');
      await this.visibleWorker(tx, p, current.workerId).catch(() => {
        throw notFound('用工记录不存在');
      });
      const cols = await this.checkEmployment(tx, p, {
        ...current,
        ...stripUndefined(patch),
        workerId: current.workerId,
        employerId: current.employerId,
        startDate: current.startDate,
      } as EmploymentInput);
      await this.saveEmployment(tx, p, cols);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employment.update',
        outcome: 'success',
        objectType: 'employment',
        objectId: id,
        detail: { fields: Object.keys(stripUndefined(patch)) },
      });
      return (await repo.findEmployment(tx, id))!;
    });
  }

  /**
   * Bulk path for new employments with insurance (the demo city): one statement each, one event per
   * employment. Each item is checked like a single one, minus the per-row look-ups the caller vouches for.
   */
  async addEmploymentsBulk(
    tx: Executor,
    p: Principal,
    items: {
      employment: repo.EmploymentColumns;
      employerName: string;
      regionCode: string;
      insurance: repo.InsuranceRow[];
    }[],
  ): Promise<void> {
    access(p, 'registry:write');
    const ids = await repo.insertEmployments(
      tx,
      items.map((i) => i.employment),
    );
    await repo.insertInsurance(
      tx,
      items.flatMap((i) => i.insurance.map((x) => ({ ...x, workerId: i.employment.workerId }))),
    );
    await this.events.emit(
      tx,
      p,
      items.map((i, k) => ({
        type: 'employment.started',
        subjectType: 'worker',
        subjectId: i.employment.workerId,
        regionCode: i.regionCode,
        summary: `入职 ${i.employerName}${i.employment.position ? '，岗位：' + i.employment.position : ''}；劳动合同${i.employment.contractSigned ? '已签订' : '未签订'}`,
        data: { employmentId: ids[k], employerId: i.employment.employerId },
      })),
    );
  }

  async countWorkers(): Promise<number> {
    return this.db.scoped({ region: '*' }, (tx) => repo.countWorkers(tx));
  }

  /** For the demo's wage data (inside its transaction): the oldest active workers, as the ledgers refer to them. */
  oldestActiveWorkers(tx: Executor, limit: number) {
    return repo.oldestActiveWorkers(tx, limit);
  }

  /** For the demo's wage data: every employer's id and region. */
  employerRegions(tx: Executor) {
    return repo.employerRegions(tx);
  }

  /**
   * Planner statistics after a bulk load: the embedded database has no autovacuum, and without them
   * the worker list's plans assume a tiny table (sorting every row instead of reading an index in order).
   */
  analyzeTables(): Promise<void> {
    return repo.analyzeTables(this.db);
  }

  /** Labour-contract signing rate (劳动合同签订率) per child region of `parent`, within the caller's scope. */
  async contractRates(p: Principal, parent: string) {
    access(p, 'registry:read');
    const childLength = ({ 2: 4, 4: 6, 6: 9, 9: 12 } as Record<number, number>)[parent.length];
    if (!childLength)
      throw badRequest('请选择省、市、县或乡镇一级的区划', [
        { path: 'parent', message: '请选择省、市、县或乡镇一级的区划' },
      ]);
    const rows = await this.db.scoped(dbScopeOf(p), (tx) =>
      repo.contractRatesByRegion(tx, parent, childLength, scopeFilter(p)),
    );
    return rows.map((r) => ({ ...r, rate: r.employed > 0 ? r.signed / r.employed : null }));
  }

  async listEmployments(p: Principal, f: Parameters<typeof repo.listEmployments>[1]) {
    access(p, 'registry:read');
    return this.db.scoped(dbScopeOf(p), (tx) => repo.listEmployments(tx, { ...f, ...scopeFilter(p) }));
  }

  async replaceInsurance(p: Principal, workerId: string, items: repo.InsuranceRow[]) {
    access(p, 'registry:write');
    const types = items.map((i) => i.type);
    if (new Set(types).size !== types.length) throw badRequest('险种重复', [{ path: 'items', message: '险种重复' }]);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const worker = await this.visibleWorker(tx, p, workerId);
      for (const [i, it] of items.entries()) {
        if (it.since && (!isDate(it.since) || it.since > shanghaiDate(this.now())))
          throw badRequest('参保时间不正确', [{ path: `items.${i}.since`, message: '参保时间不正确' }]);
        if (it.placeRegionCode && !(await repo.regionExists(tx, it.placeRegionCode)))
          throw badRequest('参保地区划不存在', [{ path: `items.${i}.placeRegionCode`, message: '参保地区划不存在' }]);
      }
      await repo.replaceInsurance(tx, workerId, items);
      const enrolled = items.filter((i) => i.enrolled).map((i) => INSURANCE_NAMES[i.type] ?? i.type);
      await this.events.emit(tx, p, [
        {
          type: 'insurance.updated',
          subjectType: 'worker',
          subjectId: workerId,
          regionCode: worker.residenceRegionCode,
          summary: enrolled.length ? `参保状态更新：${enrolled.join('、')}` : '参保状态更新：未参保',
          data: { enrolled: items.filter((i) => i.enrolled).map((i) => i.type) },
        },
      ]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'insurance.update',
        outcome: 'success',
        objectType: 'worker',
        objectId: workerId,
      });
      return repo.insuranceOf(tx, workerId);
    });
  }

  async addTransfer(
    p: Principal,
    workerId: string,
    t: { type: string; fromRegionCode: string; toRegionCode: string; date: string },
  ) {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const worker = await this.visibleWorker(tx, p, workerId);
      if (!isDate(t.date) || t.date > shanghaiDate(this.now()))
        throw badRequest('转移日期不正确', [{ path: 'date', message: '转移日期不正确' }]);
      for (const k of ['fromRegionCode', 'toRegionCode'] as const)
        if (!(await repo.regionExists(tx, t[k]))) throw badRequest('区划不存在', [{ path: k, message: '区划不存在' }]);
      const id = await repo.insertTransfer(tx, workerId, t);
      await this.events.emit(tx, p, [
        {
          type: 'insurance.transferred',
          subjectType: 'worker',
          subjectId: workerId,
          regionCode: worker.residenceRegionCode,
          summary: `${INSURANCE_NAMES[t.type] ?? t.type}关系转移接续`,
          data: { transferId: id },
        },
      ]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'insurance.transfer',
        outcome: 'success',
        objectType: 'worker',
        objectId: workerId,
      });
      return repo.transfersOf(tx, workerId);
    });
  }

  async transfers(p: Principal, workerId: string) {
    access(p, 'registry:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.visibleWorker(tx, p, workerId);
      return repo.transfersOf(tx, workerId);
    });
  }
}

/** A worker's owner is the user who registered it, its department that user's department then. */
function workerResource(w: Pick<WorkerRow, 'residenceRegionCode' | 'createdBy' | 'departmentId'>): Resource {
  return { regionCode: w.residenceRegionCode, ownerId: w.createdBy, departmentId: w.departmentId };
}

/** An employer's owner and department likewise (scope of edits; reading the register is city-wide). */
function employerResource(m: Pick<EmployerRow, 'regionCode' | 'createdBy' | 'departmentId'>): Resource {
  return { regionCode: m.regionCode, ownerId: m.createdBy, departmentId: m.departmentId };
}

export interface EmployerInput {
  creditCode: string;
  name: string;
  legalRep?: string | null;
  industry: string;
  size: 'micro' | 'small' | 'medium' | 'large';
  regionCode: string;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

export interface EmploymentInput {
  workerId: string;
  employerId: string;
  startDate: string;
  endDate?: string | null;
  position?: string | null;
  occupationCode?: string | null;
  wageFen?: number | null;
  wageType?: 'monthly' | 'daily' | 'piece';
  contractType?: 'fixed' | 'open' | 'task' | 'none';
  contractSigned?: boolean;
  contractTermMonths?: number | null;
  filingStatus?: 'filed' | 'pending' | 'none';
  dispatch?: boolean;
}

export const INSURANCE_NAMES: Readonly<Record<string, string>> = INSURANCE_TYPE_LABELS;

const FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  ethnicity: '民族',
  education: '文化程度',
  phone: '手机号码',
  hukouRegionCode: '户籍地',
  residenceRegionCode: '现居住地',
  skills: '技能',
  bankCard: '工资卡',
  bankName: '开户银行',
  emergencyContact: '紧急联系人',
  accompanyingChildren: '随迁子女',
  leftBehind: '留守家庭成员',
};
function fieldName(k: string): string {
  return FIELD_NAMES[k] ?? k;
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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}
