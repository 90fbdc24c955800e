import {
  DEFAULT_LOAN_CAP_FEN,
  INCUBATOR_KIND_LABELS,
  LOAN_CAP_SETTING,
  LOAN_STATUS_LABELS,
  type IncubatorCreateInput,
  type IncubatorKind,
  type LoanCreateInput,
  type LoanDecisionInput,
  type LoanStatus,
  type ProgramListQuery,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import type { SettingsService } from '../../platform/settings/settings.service.js';
import type { RegistryPort } from '../registry/index.js';
import { checkRegion, checkWorkers, HANDLE, listFilter, ownedBy, publicRow, READ } from './programs.common.js';
import * as regions from './regions.repo.js';
import * as repo from './startup.repo.js';
import { checkLoanApplication, checkLoanDecision } from './startup.rules.js';

const LOAN_NOT_FOUND = '贷款申请不存在';

/**
 * 创业扶持: startup guaranteed loans (创业担保贷款: the applicant is a registry worker; amount in 分 within the
 * individual cap, a city parameter; the bank's decision recorded once, optimistic-locked) and incubators/startup
 * parks with their resident businesses and the jobs they created.
 */
export class StartupService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly settings: SettingsService,
    private readonly registry: RegistryPort,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  /** The individual loan cap in 分: settings `startup.loanCapFen`, else the default (30万元). */
  async loanCap(tx?: Executor): Promise<number> {
    const v = tx
      ? await this.settings.readIn<number>(tx, LOAN_CAP_SETTING)
      : await this.settings.get<number>(LOAN_CAP_SETTING);
    return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_LOAN_CAP_FEN;
  }

  async capOf(p: Principal) {
    access(p, READ);
    return { capFen: await this.loanCap() };
  }

  async apply(p: Principal, input: LoanCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '创业项目所在区划' });
      await checkWorkers(tx, this.registry, [input.workerId], () => 'workerId');
      const bad = checkLoanApplication(input, await this.loanCap(tx), this.now());
      if (bad) throw badRequest(bad.message, [bad]);
      const owned = ownedBy(p, regionCode);
      if ((await repo.openLoansOf(tx, owned.countyCode, input.workerId)) > 0)
        throw conflict('该务工人员已有在办或未结清的创业担保贷款，不能重复申请', 'DUPLICATE');
      // The same person in another county (全国一人一贷): the look-up keyed by the ID number's blind index.
      const ref = await this.registry.workerRef(tx, input.workerId);
      const where = { countyCode: owned.countyCode, regionCode };
      const open = ref ? await repo.lockLoanPerson(tx, ref.idBidx, where) : [];
      const elsewhere = open.find((l) => l.countyCode !== owned.countyCode);
      if (elsewhere) {
        const names = await regions.regionNames(tx, [elsewhere.countyCode]);
        throw conflict(
          `该务工人员已在${names.get(elsewhere.countyCode) ?? elsewhere.countyCode}有在办或未结清的创业担保贷款，不能重复申请`,
          'DUPLICATE',
        );
      }
      const id = await repo.insertLoan(tx, {
        ...owned,
        workerId: input.workerId,
        business: input.business,
        amountFen: input.amountFen,
        bank: input.bank,
        appliedOn: input.appliedOn,
      });
      if (ref)
        await repo.writeLoanPerson(tx, ref.idBidx, where, [...open, { loanId: id, countyCode: owned.countyCode }]);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'loan.applied',
        outcome: 'success',
        objectType: 'startup_loan',
        objectId: id,
        detail: { amountFen: input.amountFen, bank: input.bank },
      });
      return loanDto((await repo.findLoan(tx, id))!);
    });
  }

  async decide(p: Principal, id: string, input: LoanDecisionInput) {
    access(p, HANDLE);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const loan = requireInScope(p, await repo.findLoan(tx, id), LOAN_NOT_FOUND);
      const bad = checkLoanDecision(loan, input, this.now());
      if (bad) throw badRequest(bad.message, [bad]);
      const approvedFen = input.decision === 'approved' ? input.approvedFen! : loan.approvedFen;
      const n = await repo.decideLoan(tx, loan.countyCode, loan.id, {
        status: input.decision,
        decidedOn: input.decidedOn,
        approvedFen: input.decision === 'rejected' ? null : approvedFen,
        note: input.note ?? '',
        version: input.version,
      });
      if (n === 0) throw conflict('该申请已被他人更新，请刷新后重试', 'VERSION_CONFLICT');
      if (input.decision === 'rejected') {
        // A rejected application is no longer open: the person may apply again (here or elsewhere).
        const ref = await this.registry.workerRef(tx, loan.workerId);
        if (ref) {
          const where = { countyCode: loan.countyCode, regionCode: loan.regionCode };
          const open = await repo.lockLoanPerson(tx, ref.idBidx, where);
          await repo.writeLoanPerson(
            tx,
            ref.idBidx,
            where,
            open.filter((l) => l.loanId !== loan.id),
          );
        }
      }
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'loan.decided',
        outcome: 'success',
        objectType: 'startup_loan',
        objectId: loan.id,
        detail: { decision: input.decision, approvedFen },
      });
      return loanDto((await repo.findLoan(tx, id))!);
    });
  }

  async loans(p: Principal, q: ProgramListQuery & { status?: LoanStatus }) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listLoans(tx, { ...listFilter(p, q), status: q.status });
      return { items: r.rows.map(loanDto), total: r.total, page: q.page, pageSize: q.pageSize };
    });
  }

  async createIncubator(p: Principal, input: IncubatorCreateInput) {
    access(p, HANDLE);
    const regionCode = input.regionCode as string;
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 3, label: '所在区划' });
      const businesses = (input.businesses ?? []).map((b) => ({
        name: b.name,
        founderWorkerId: b.founderWorkerId ?? null,
        jobs: b.jobs,
        since: b.since ?? null,
      }));
      for (const [i, b] of businesses.entries()) {
        if (b.since && b.since < input.openedOn)
          throw badRequest('入驻日期不能早于基地（园区）设立日期', [
            { path: `businesses.${i}.since`, message: '入驻日期早于设立日期' },
          ]);
        if (b.founderWorkerId)
          await checkWorkers(tx, this.registry, [b.founderWorkerId], () => `businesses.${i}.founderWorkerId`);
      }
      const id = await repo.insertIncubator(tx, {
        ...ownedBy(p, regionCode),
        kind: input.kind,
        name: input.name,
        operator: input.operator,
        address: input.address ?? '',
        openedOn: input.openedOn,
        businesses,
        jobsCreated: businesses.reduce((s, b) => s + b.jobs, 0),
      });
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'incubator.created',
        outcome: 'success',
        objectType: 'incubator',
        objectId: id,
        detail: { name: input.name, businesses: businesses.length },
      });
      return incubatorDto((await repo.listIncubators(tx, { scopeRegion: '', page: 1, pageSize: 1, id })).rows[0]);
    });
  }

  async incubators(p: Principal, q: ProgramListQuery) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listIncubators(tx, listFilter(p, q));
      return { items: r.rows.map(incubatorDto), total: r.total, page: q.page, pageSize: q.pageSize };
    });
  }
}

function loanDto(l: repo.LoanRow) {
  return { ...publicRow(l), status: l.status as LoanStatus, statusName: LOAN_STATUS_LABELS[l.status as LoanStatus] };
}

function incubatorDto(i: repo.IncubatorRow) {
  return { ...publicRow(i), kind: i.kind as IncubatorKind, kindName: INCUBATOR_KIND_LABELS[i.kind as IncubatorKind] };
}
