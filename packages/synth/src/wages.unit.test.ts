// The synthetic wage data set: shape and consistency of the rows, determinism, and the manifest of
// injected problems checked against an independent in-memory reading of the README rule table.
import { addMonths, dayOfMonth, DEFAULT_WAGE_PARAMS, minimumWageFor, monthOf, toDayNumber } from '@mwsp/domain';
import { describe, expect, it } from 'vitest';
import { Rng } from './random.js';
import {
  evaluateWageRules,
  generateWageProjects,
  generateWages,
  scorePrecisionRecall,
  seededUuid,
  WAGE_INJECTIONS,
  wageMonths,
  type WageDataset,
  type WageSynthOptions,
} from './wages.js';

const AS_OF = '2026-11-20';
/** Kunming tier 1 and 2, a county of Yunnan (tier 3), Altay city, and a region with no configured minimum. */
const TOWNSHIPS = ['530102001', '530102002', '530124101', '530125102', '532301100', '654301001', '110101001'];

function fixtures(workers: number, employers: number) {
  const r = new Rng(99, 'fixtures');
  return {
    workers: Array.from({ length: workers }, (_, i) => ({
      id: seededUuid(r),
      name: `工人${i}`,
      idBidx: r.digits(18) + String(i),
      idMasked: '530102********0011',
    })),
    employers: Array.from({ length: employers }, () => ({ id: seededUuid(r), regionCode: '530102001' })),
  };
}

function options(over: Partial<WageSynthOptions> = {}): WageSynthOptions {
  const f = fixtures(4000, 40);
  return {
    seed: 7,
    asOf: AS_OF,
    projects: 150,
    workers: f.workers,
    employers: f.employers,
    townships: TOWNSHIPS,
    injectRate: 0.5,
    ...over,
  };
}

const data: WageDataset = generateWages(options());

describe('wage data set', () => {
  it('covers the 12 months ending with the month before asOf', () => {
    expect(data.months).toHaveLength(12);
    expect(data.months[0]).toBe('2025-11-01');
    expect(data.months[11]).toBe('2026-10-01');
    expect(wageMonths('2026-01-05', 3)).toEqual(['2025-10-01', '2025-11-01', '2025-12-01']);
    expect(new Set(data.lines.map((l) => l.month))).toEqual(new Set(data.months));
  });

  it('places each worker on exactly one project, with realistic projects', () => {
    const seen = new Set(data.projectWorkers.map((w) => w.workerId));
    expect(seen.size).toBe(4000);
    expect(data.projectWorkers).toHaveLength(4000);
    for (const b of data.bundles) {
      const p = b.project;
      expect(b.projectWorkers.length).toBeGreaterThanOrEqual(3);
      expect(p.startDate < data.months[0]).toBe(true);
      expect(p.contractSignedOn < p.startDate).toBe(true);
      expect(p.plannedEndDate > AS_OF).toBe(true);
      expect(p.status).toBe('in_progress');
      expect(p.clientId).not.toBe(p.contractorId);
      expect(p.noticeBoardPostedOn).not.toBeNull();
      expect(TOWNSHIPS).toContain(p.regionCode);
      expect(p.labourShareBp).toBeGreaterThanOrEqual(1500);
      expect(p.labourShareBp).toBeLessThanOrEqual(3500);
      expect(p.allocationDay).toBeGreaterThanOrEqual(1);
      expect(p.payDay).toBeLessThanOrEqual(28);
      expect(b.teams.length).toBeGreaterThanOrEqual(2);
      expect(b.teams.length).toBeLessThanOrEqual(5);
      expect(b.deposit.status === 'held' || (b.deposit.status === 'exempt' && b.deposit.form === 'exempt')).toBe(true);
      for (const w of b.projectWorkers) {
        expect(w.contractPresent).toBe(true);
        expect(w.entryDate >= p.startDate && w.entryDate < data.months[0]).toBe(true);
        if (w.exitDate && !(b.injection?.kind === 'departed_unsettled' && b.injection.projectWorkerIds.includes(w.id)))
          expect(w.settledOn! >= w.exitDate).toBe(true);
      }
    }
    const leavers = data.projectWorkers.filter((w) => w.exitDate).length / data.projectWorkers.length;
    expect(leavers).toBeGreaterThan(0.03);
    expect(leavers).toBeLessThan(0.08);
  });

  it('fills the region code on every row and issues unique ids', () => {
    const byProject = new Map(data.projects.map((p) => [p.id, p.regionCode]));
    let wrong = 0;
    for (const rows of [
      data.units,
      data.teams,
      data.projectWorkers,
      data.attendance,
      data.accounts,
      data.txns,
      data.deposits,
      data.payrolls,
      data.lines,
      data.payments,
    ] as { projectId: string; regionCode: string }[][]) {
      for (const r of rows) if (!r.regionCode || r.regionCode !== byProject.get(r.projectId)) wrong++;
    }
    expect(wrong).toBe(0);
    const ids = [
      ...data.projects,
      ...data.units,
      ...data.teams,
      ...data.projectWorkers,
      ...data.accounts,
      ...data.deposits,
      ...data.payrolls,
    ].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(data.projects.map((p) => p.code)).size).toBe(data.projects.length);
  });

  it('keeps attendance, the ledger and the bank payments consistent', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    for (const b of data.bundles) {
      const exit = new Map(b.projectWorkers.map((w) => [w.id, w.exitDate]));
      for (const a of b.attendance) {
        const e = exit.get(a.projectWorkerId);
        check(!e || a.month <= monthOf(e), `attendance after exit ${a.projectWorkerId} ${a.month}`);
        check(a.days <= 27 && a.days >= (e && a.month === monthOf(e) ? 1 : 15), `attendance days ${a.days}`);
      }
      const refs = new Set<string>();
      const paid = new Map<string, number>();
      for (const x of b.payments) {
        check(!refs.has(x.bankRef), `bank_ref ${x.bankRef} twice`);
        refs.add(x.bankRef);
        check(
          x.paidOn < AS_OF && x.paidOn >= dayOfMonth(addMonths(x.month, 1), b.project.payDay),
          `paid_on ${x.paidOn} for ${x.month}`,
        );
        if (x.succeeded)
          paid.set(`${x.projectWorkerId}|${x.month}`, (paid.get(`${x.projectWorkerId}|${x.month}`) ?? 0) + x.amountFen);
      }
      const minDaily = (minimumWageFor(DEFAULT_WAGE_PARAMS, b.project.regionCode)?.monthlyFen ?? 217_000) / 21.75;
      for (const l of b.lines) {
        check(l.netFen === l.payableFen - l.deductionsFen && l.netFen > 0, 'net = payable − deductions');
        check(l.deductionsFen <= l.payableFen * 0.06 + 1, 'small deductions');
        check(l.netFen < DEFAULT_WAGE_PARAMS.monthlyPayCapFen, 'under the monthly cap');
        if (!(b.injection?.kind === 'underpayment' && b.injection.month === l.month))
          check(
            l.payableFen >= 1.2 * minDaily * l.days,
            `payable ${l.payableFen} for ${l.days} days at ${b.project.regionCode}`,
          );
        const due = dayOfMonth(addMonths(l.month, 1), b.project.payDay) < AS_OF;
        const late = b.injection?.kind === 'late_month' && b.injection.month === l.month;
        const leftUnpaid =
          b.injection?.kind === 'departed_unsettled' &&
          b.injection.month === l.month &&
          b.injection.projectWorkerIds.includes(l.projectWorkerId);
        check(
          (paid.get(`${l.projectWorkerId}|${l.month}`) ?? 0) === (due && !late && !leftUnpaid ? l.netFen : 0),
          `paid in full by the pay day: ${l.projectWorkerId} ${l.month}`,
        );
      }
      // One 'allocation' per month from the start month while its day has passed, dated on or before that day.
      const alloc = b.txns.filter((t) => t.kind === 'allocation');
      for (const t of alloc) expect(t.txnDate <= dayOfMonth(t.month, b.project.allocationDay)).toBe(true);
      expect(new Set(alloc.map((t) => t.month)).size).toBe(alloc.length);
      expect(alloc.some((t) => t.month === monthOf(AS_OF))).toBe(
        dayOfMonth(monthOf(AS_OF), b.project.allocationDay) < AS_OF,
      );
      const balance = b.txns.reduce((s, t) => s + (t.kind === 'allocation' ? t.amountFen : -t.amountFen), 0);
      expect(b.account.balanceFen).toBe(balance);
      for (const t of b.txns) check(t.amountFen > 0, 'positive txn');
    }
    expect(problems).toEqual([]);
    // A few failed payments, each retried successfully.
    const failed = data.payments.filter((x) => !x.succeeded);
    expect(data.payments.length).toBeGreaterThan(30_000);
    expect(failed.length).toBeLessThan(data.payments.length * 0.01);
  });

  it('injects every kind of problem, each with the warnings of the README table', () => {
    const kinds = new Set(data.injections.map((i) => i.kind));
    expect([...kinds].sort()).toEqual([...WAGE_INJECTIONS].sort());
    expect(data.injections.length).toBeGreaterThan(50);
    expect(data.injections.length).toBeLessThan(100);
    const rules = new Set(data.manifest.map((m) => m.rule));
    expect([...rules].sort()).toEqual([
      'allocation_missed',
      'attendees_without_wage',
      'below_minimum_wage',
      'departed_unsettled',
      'paid_fewer_than_attended',
      'wages_unpaid',
    ]);
    for (const b of data.bundles) {
      const found = evaluateWageRules(b, AS_OF);
      const score = scorePrecisionRecall(b.expected, found);
      expect({
        project: b.project.code,
        injection: b.injection?.kind ?? null,
        missed: score.missed,
        spurious: score.spurious,
      }).toEqual({ project: b.project.code, injection: b.injection?.kind ?? null, missed: [], spurious: [] });
      if (!b.injection) expect(b.expected).toEqual([]);
    }
    // Missing workers: at least 10 % of the month's attendees, never all of them.
    for (const i of data.injections.filter((x) => x.kind === 'missing_workers')) {
      const attendees = data.attendance.filter((a) => a.projectId === i.projectId && a.month === i.month).length;
      expect(i.projectWorkerIds.length / attendees).toBeGreaterThanOrEqual(0.1);
      expect(i.projectWorkerIds.length).toBeLessThan(attendees);
      expect(i.month! <= addMonths(monthOf(AS_OF), -2)).toBe(true);
    }
    for (const i of data.injections.filter((x) => x.kind === 'departed_unsettled')) {
      const w = data.projectWorkers.find((x) => x.id === i.projectWorkerIds[0])!;
      expect(w.settledOn).toBeNull();
      expect(toDayNumber(AS_OF) - toDayNumber(w.exitDate!)).toBeGreaterThan(DEFAULT_WAGE_PARAMS.settlementGraceDays);
      expect(data.attendance.some((a) => a.projectWorkerId === w.id && a.month > monthOf(w.exitDate!))).toBe(false);
    }
  });

  it('is reproducible and lazy', () => {
    const again = generateWages(options());
    expect(JSON.stringify(again.bundles.slice(0, 5))).toBe(JSON.stringify(data.bundles.slice(0, 5)));
    expect(again.manifest).toEqual(data.manifest);
    expect(generateWageProjects(options({ seed: 8 })).next().value!.project.id).not.toBe(data.projects[0].id);
    // Taking the first project does not generate the others.
    const many = fixtures(60_000, 10).workers;
    const gen = generateWageProjects(options({ projects: 20_000, workers: many }));
    const t = performance.now();
    expect(gen.next().value!.project.code).toMatch(/^XM\d{6}000001$/);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('refuses impossible inputs', () => {
    expect(() => generateWages(options({ projects: 2000 }))).toThrow(/workers per project/);
    expect(() => generateWages(options({ employers: [{ id: 'x', regionCode: '530102001' }] }))).toThrow(/employers/);
    expect(() => generateWages(options({ months: 2 }))).toThrow(/months/);
    expect(generateWages(options({ injectRate: 0 })).manifest).toEqual([]);
  });
});

describe('scorePrecisionRecall', () => {
  it('compares by rule, project and month', () => {
    const e = [
      { rule: 'wages_unpaid', projectId: 'a', month: '2026-01-01' },
      { rule: 'departed_unsettled', projectId: 'b', month: null },
    ];
    expect(scorePrecisionRecall(e, [...e])).toMatchObject({ precision: 1, recall: 1, missed: [], spurious: [] });
    const s = scorePrecisionRecall(e, [
      { rule: 'wages_unpaid', projectId: 'a', month: new Date('2026-01-01T00:00:00Z') },
      { rule: 'wages_unpaid', projectId: 'a', month: '2026-02-01' },
      { rule: 'wages_unpaid', projectId: 'a', month: '2026-02-01' },
    ]);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.missed).toEqual([e[1]]);
    expect(s.spurious).toEqual([{ rule: 'wages_unpaid', projectId: 'a', month: '2026-02-01' }]);
    expect(scorePrecisionRecall([], [])).toMatchObject({ precision: 1, recall: 1 });
  });
});
