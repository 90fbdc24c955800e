import { shanghaiDate, INSURANCE_TYPE_LABELS } from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { EventLog } from '../../platform/events/events.js';
import { badRequest } from '../../platform/http/errors.js';
import * as insuranceRepo from './insurance.repo.js';
import { isDate } from './registry.common.js';
import * as repo from './registry.repo.js';
import { scopeOfWorker } from './workerCounts.repo.js';
import type { WorkersService } from './workers.service.js';

export const INSURANCE_NAMES: Readonly<Record<string, string>> = INSURANCE_TYPE_LABELS;

/** Social insurance (参保) of a worker and the transfers of its relations (转移接续), on the worker's timeline. */
export class InsuranceService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: EventLog,
    private readonly now: () => Date,
    private readonly workers: WorkersService,
  ) {}

  async replaceInsurance(p: Principal, workerId: string, items: insuranceRepo.InsuranceRow[]) {
    access(p, 'registry:write');
    const types = items.map((i) => i.type);
    if (new Set(types).size !== types.length) throw badRequest('险种重复', [{ path: 'items', message: '险种重复' }]);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const worker = await this.workers.visibleWorker(tx, p, workerId);
      for (const [i, it] of items.entries()) {
        if (it.since && (!isDate(it.since) || it.since > shanghaiDate(this.now())))
          throw badRequest('参保时间不正确', [{ path: `items.${i}.since`, message: '参保时间不正确' }]);
        if (it.placeRegionCode && !(await repo.regionExists(tx, it.placeRegionCode)))
          throw badRequest('参保地区划不存在', [{ path: `items.${i}.placeRegionCode`, message: '参保地区划不存在' }]);
      }
      await insuranceRepo.replaceInsurance(tx, workerId, scopeOfWorker(worker), items);
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
      return insuranceRepo.insuranceOf(tx, workerId);
    });
  }

  async addTransfer(
    p: Principal,
    workerId: string,
    t: { type: string; fromRegionCode: string; toRegionCode: string; date: string },
  ) {
    access(p, 'registry:write');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const worker = await this.workers.visibleWorker(tx, p, workerId);
      if (!isDate(t.date) || t.date > shanghaiDate(this.now()))
        throw badRequest('转移日期不正确', [{ path: 'date', message: '转移日期不正确' }]);
      for (const k of ['fromRegionCode', 'toRegionCode'] as const)
        if (!(await repo.regionExists(tx, t[k]))) throw badRequest('区划不存在', [{ path: k, message: '区划不存在' }]);
      const id = await insuranceRepo.insertTransfer(tx, workerId, scopeOfWorker(worker), t);
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
      return insuranceRepo.transfersOf(tx, workerId);
    });
  }

  async transfers(p: Principal, workerId: string) {
    access(p, 'registry:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await this.workers.visibleWorker(tx, p, workerId);
      return insuranceRepo.transfersOf(tx, workerId);
    });
  }
}
