import { checkCreditCode, maskName, maskPhone, parseMobile } from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, can, inScope } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import * as employersRepo from './employers.repo.js';
import type { EmployerRow } from './employers.repo.js';
import {
  CTX,
  employerResource,
  invalid,
  stripUndefined,
  type CodeSets,
  type EmployerInput,
} from './registry.common.js';
import * as repo from './registry.repo.js';
import type { FieldErrors } from './worker.rules.js';

/**
 * The register of employers (用工单位): checked against the credit-code rules and the code tables, readable
 * city-wide, changed only inside the caller's scope; every change is audited.
 */
/** The event of a changed employer register entry; its `data` is EmployerUpdatedData (the values now on record). */
export const EMPLOYER_UPDATED = 'employer.updated';
export type EmployerUpdatedData = { name: string; creditCode: string };

export class EmployersService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly codes: CodeSets,
  ) {}

  async checkEmployer(
    tx: Executor,
    p: Principal,
    input: EmployerInput,
  ): Promise<{ cols: employersRepo.EmployerColumns; warnings: string[] }> {
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
      if (await employersRepo.findEmployerIdByCreditCode(tx, cols.creditCode))
        throw conflict('该统一社会信用代码已登记', 'DUPLICATE');
      const id = await employersRepo.insertEmployer(tx, cols, p.userId, p.departmentId);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employer.create',
        outcome: 'success',
        objectType: 'employer',
        objectId: id,
      });
      return { employer: this.employerDto((await employersRepo.findEmployer(tx, id))!, p), warnings };
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
    const id = await employersRepo.findEmployerIdByCreditCode(tx, cols.creditCode);
    if (!id) {
      const newId = await employersRepo.insertEmployer(tx, cols, p.userId, p.departmentId);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employer.create',
        outcome: 'success',
        objectType: 'employer',
        objectId: newId,
        detail: { via: 'import' },
      });
      return { outcome: 'created', id: newId };
    }
    const row = (await employersRepo.findEmployer(tx, id))!;
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
    await employersRepo.updateEmployer(tx, id, cols);
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

  async updateEmployer(p: Principal, id: string, patch: Partial<EmployerInput>) {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await employersRepo.findEmployer(tx, id);
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
      const other = await employersRepo.findEmployerIdByCreditCode(tx, cols.creditCode);
      if (other && other !== id) throw conflict('该统一社会信用代码已被其他单位使用', 'DUPLICATE');
      await employersRepo.updateEmployer(tx, id, cols);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'employer.update',
        outcome: 'success',
        objectType: 'employer',
        objectId: id,
        detail: { fields: Object.keys(stripUndefined(patch)) },
      });
      await this.employerUpdated(tx, p, id, cols);
      return { employer: this.employerDto((await employersRepo.findEmployer(tx, id))!, p), warnings };
    });
  }

  /** Tells other modules that an employer's register entry changed (they may keep its name and credit code). */
  private async employerUpdated(
    tx: Executor,
    p: Principal,
    id: string,
    cols: employersRepo.EmployerColumns,
  ): Promise<void> {
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
    const row = await this.db.scoped(dbScopeOf(p), (tx) => employersRepo.findEmployer(tx, id));
    if (!row) throw notFound('用工单位不存在');
    return this.employerDto(row, p);
  }

  async listEmployers(p: Principal, f: Parameters<typeof employersRepo.listEmployers>[1]) {
    access(p, 'registry:read');
    const { items, total } = await this.db.scoped(dbScopeOf(p), (tx) => employersRepo.listEmployers(tx, f));
    return { items: items.map((r) => this.employerDto(r, p)), total };
  }

  /** For the demo's wage data: every employer's id and region. */
  employerRegions(tx: Executor) {
    return employersRepo.employerRegions(tx);
  }
}
