import {
  ageOn,
  countyCodeOf,
  maskName,
  maskPhone,
  normalizeName,
  parseIdNumber,
  parseMobile,
  shanghaiDate,
  MIGRANT_TYPE_LABELS,
  type LeftBehindRelation,
  type WorkerStatus,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, inScope, requireInScope, scopeFilter } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import * as insuranceRepo from './insurance.repo.js';
import { CTX, invalid, stripUndefined, workerResource, type CodeSets } from './registry.common.js';
import * as repo from './registry.repo.js';
import type { WorkerColumns, WorkerRow } from './registry.repo.js';
import { checkWorker, type FieldErrors, type WorkerInput, type WorkerRecord } from './worker.rules.js';
import * as searchRepo from './workerSearch.repo.js';
import { scopeOfWorker } from './workerCounts.repo.js';
import { sealWorker, type SealedWorker } from './workerSeal.js';
import { SealPool } from './workerSeal.pool.js';

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
  insurance?: insuranceRepo.InsuranceRow[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The worker's record (实名制, 一人一档): validation, registration, changes, search, the profile and its
 * timeline, merging duplicates. Personal fields are encrypted before they reach the repository and leave
 * masked; every change writes a domain event (the worker's timeline) and an audit entry in the same transaction.
 */
export class WorkersService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly codes: CodeSets,
    private readonly now: () => Date,
  ) {}

  /** Validates a worker against the rules, the code tables and the region tree. */
  async validateWorker(
    tx: Executor,
    p: Principal,
    input: WorkerInput,
    /** checkWorker's result for this input when already known (sealMany). */
    checkedBefore?: ReturnType<typeof checkWorker>,
  ): Promise<{ record: WorkerRecord; warnings: string[] }> {
    const checked = checkedBefore ?? checkWorker(input, this.now());
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

  columnsOf(r: WorkerRecord): WorkerColumns {
    return sealWorker(this.cipher, r);
  }

  private sealPool: SealPool | null = null;
  /**
   * The registry's rules and the sealing (encryption, blind indexes) of many inputs at once, in worker
   * threads (workerSeal.pool.ts): what the import does per batch before its transaction. The code-table,
   * region and scope checks that need data stay in validateWorker, which takes these results.
   */
  async sealMany(inputs: WorkerInput[]): Promise<SealedWorker[]> {
    this.sealPool ??= new SealPool(this.cipher);
    return this.sealPool.seal(inputs, this.now());
  }

  /** Sealing alone of records the registry's rules have already checked (sealMany without the rules). */
  async sealRecords(records: WorkerRecord[]): Promise<WorkerColumns[]> {
    this.sealPool ??= new SealPool(this.cipher);
    return this.sealPool.sealRecords(records, this.now());
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

  async getWorker(p: Principal, id: string): Promise<WorkerDto & { insurance: insuranceRepo.InsuranceRow[] }> {
    access(p, 'registry:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.visibleWorker(tx, p, id);
      return { ...this.toDto(row, true), insurance: await insuranceRepo.insuranceOf(tx, id) };
    });
  }

  async listWorkers(
    p: Principal,
    f: Omit<searchRepo.WorkerFilter, 'idBidx' | 'phoneBidx'> & { idNumber?: string; phone?: string },
  ) {
    access(p, 'registry:read');
    const filter: searchRepo.WorkerFilter = { ...f, ...scopeFilter(p) };
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
    const { items, total, totalCapped } = await this.db.scoped(dbScopeOf(p), (tx) =>
      searchRepo.listWorkers(tx, filter),
    );
    return { items: items.map((r) => this.toDto(r, false)), total, totalCapped };
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
      await repo.moveWorkerRecords(
        tx,
        { id: duplicateId, countyCode: countyCodeOf(duplicate.residenceRegionCode) },
        survivorId,
        scopeOfWorker(survivor),
      );
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

  /** A worker in the caller's scope, or the same 404 as a missing one (also for unmask, employments, insurance). */
  async visibleWorker(tx: Executor, p: Principal, id: string): Promise<WorkerRow> {
    return requireInScope(p, await repo.findWorker(tx, id), '务工人员不存在', workerResource);
  }

  async countWorkers(): Promise<number> {
    return this.db.scoped({ region: '*' }, (tx) => repo.countWorkers(tx));
  }

  /** For the demo's wage data (inside its transaction): the oldest active workers, as the ledgers refer to them. */
  oldestActiveWorkers(tx: Executor, limit: number) {
    return repo.oldestActiveWorkers(tx, limit);
  }

  /**
   * Planner statistics after a bulk load: the embedded database has no autovacuum, and without them
   * the worker list's plans assume a tiny table (sorting every row instead of reading an index in order).
   */
  analyzeTables(): Promise<void> {
    return repo.analyzeTables(this.db);
  }
}

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
/** A worker field by its Chinese name, for the timeline's summaries. */
export function fieldName(k: string): string {
  return FIELD_NAMES[k] ?? k;
}
