import { DEFAULT_MATCH_WEIGHTS } from '@mwsp/domain';
import type { Principal } from './platform/access/principal.js';
import { inBulkMode } from './db/bulk-load.js';
import { SYSTEM_SCOPE, type Database } from './db/client.js';
import { regionChildren, regionCodesAtLevel } from './platform/org/org.repo.js';
import { readRegions } from './platform/org/regions.source.js';
import { generateCity, generateWages, townshipCentres, type WageWorkerRef } from '@mwsp/synth';
import type { Services } from './app.js';
import { seedProgramsDemo } from './modules/employment/programs.seed.js';

/** The actor of generated demo data: not a person, never able to sign in. */
export const DEMO_PRINCIPAL: Principal = {
  userId: '00000000-0000-4000-8000-000000000000',
  username: 'demo-generator',
  displayName: '演示数据生成',
  departmentId: null,
  departmentName: null,
  regionCode: '',
  dataScope: 'all',
  roles: [],
  permissions: new Set(['registry:read', 'registry:write', 'registry:import']),
  via: 'session',
  ip: '127.0.0.1',
};

/**
 * Loads a reproducible synthetic city (@mwsp/synth: NBS 2024 marginals, valid ID numbers and credit
 * codes) through the registry's bulk seeder (`registrySeed.loadCity`: workers and employers by COPY with the
 * registry's own encryption, blind indexes and masks, then the employments, insurance and the 一人一档 timeline
 * events in batches of 1,000 workers, each batch one transaction). Returns the number of workers registered.
 */
export async function loadDemoCity(
  _db: Database,
  services: Services,
  opts: { cityCode: string; workers: number; seed?: number; log?: (msg: string) => void },
): Promise<number> {
  const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
  for await (const batch of readRegions(opts.cityCode)) regions.push(...batch);
  // 乡镇驻地: the synthetic township centres (ASSUMED geography) for the match explanation's kilometres.
  const centres = [...townshipCentres(regions)].map(([code, c]) => ({ code, lat: c.lat, lon: c.lon }));
  await services.org.setRegionCentres(centres, 'synthetic');
  const started = Date.now();
  const r = await services.registrySeed.loadCity(
    DEMO_PRINCIPAL,
    generateCity({ cityCode: opts.cityCode, workers: opts.workers, seed: opts.seed, regions }),
    {
      onProgress: (done) => {
        if (done % 5000 === 0 || done === opts.workers)
          opts.log?.(
            `  演示数据 / demo city: ${done.toLocaleString()} / ${opts.workers.toLocaleString()} 人 ` +
              `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
          );
      },
    },
  );
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    {
      action: 'demo.load',
      outcome: 'success',
      detail: { workers: r.workers, employers: r.employers, seed: opts.seed ?? null },
    },
  );
  return r.workers;
}

/**
 * Adds the wage side of the demo city: projects, teams, attendance and 12 months of wage sheets and
 * bank results for part of the demo workers, with a recorded share of injected problems (late months,
 * underpayment, missing workers, unsettled leavers, missed allocations), then runs the warning engine
 * so the console opens on real warnings. Written by the wages module's bulk COPY (`services.wageSeed`; the same
 * rows the benchmarks copy), because 100,000 ledger rows through the per-row upload path (or even multi-row
 * INSERTs under row-level security on the embedded database) would make the first start minutes long.
 */
export async function loadDemoWages(
  db: Database,
  services: Services,
  opts: {
    projects: number;
    seed?: number;
    today: string;
    log?: (msg: string) => void;
    /** A previous start died during the COPY: its rows (seeded ids) are partly there, so only the scan runs. */
    afterInterruptedCopy?: boolean;
  },
): Promise<{ projects: number; lines: number; warnings: number }> {
  const started = Date.now();
  const data = await db.scoped(SYSTEM_SCOPE, async (tx) => {
    const workers: WageWorkerRef[] = await services.registry.oldestActiveWorkers(tx, opts.projects * 70);
    const employers = await services.registry.employerRegions(tx);
    const all4 = await regionCodesAtLevel(tx, 4);
    // Half of the projects in the first county (where the demo county officer works), the rest anywhere.
    const first = all4.filter((c) => c.startsWith(all4[0]?.slice(0, 6) ?? '-'));
    const townships = [
      ...all4,
      ...Array.from({ length: Math.ceil(all4.length / Math.max(1, first.length)) }, () => first).flat(),
    ];
    if (workers.length < opts.projects * 3 || employers.length < 2 || townships.length === 0) return null;
    const d = generateWages({
      seed: opts.seed ?? 20261122,
      asOf: opts.today,
      projects: opts.projects,
      workers,
      employers,
      townships,
      injectRate: 0.25,
    });
    return d;
  });
  if (!data) return { projects: 0, lines: 0, warnings: 0 };
  // COPY as the owner (PGlite from '/dev/blob'): the same rows as the RLS-scoped multi-row INSERTs of `bulkLoad`,
  // ~10× faster on the embedded database (the first start's longest step was these 200,000 rows).
  if (opts.afterInterruptedCopy)
    opts.log?.(
      '  演示工资数据上次启动时未写完，保留已写入部分，不再重复写入 / demo wage COPY was interrupted: kept as is, not rewritten',
    );
  // bulk mode on the embedded database's empty wage tables (db/bulk-load.ts): checks and indexes after the COPY
  else
    await inBulkMode(
      db,
      services.settings,
      services.wageSeed.bulkTables,
      () => services.wageSeed.bulkCopy(data),
      opts.log,
    );
  const loadedMs = Date.now() - started;
  const report = await services.engine.fullScan({ today: opts.today });
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    {
      action: 'demo.wages',
      outcome: 'success',
      detail: { projects: data.projects.length, lines: data.lines.length, warnings: report.created },
    },
  );
  opts.log?.(
    `  演示数据 / demo wages: ${data.projects.length} 个项目，${data.lines.length.toLocaleString()} 条工资记录，` +
      `${report.created} 条预警 (${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `写入 / load ${(loadedMs / 1000).toFixed(1)} s, ` +
      `预警扫描 / warning scan ${((Date.now() - started - loadedMs) / 1000).toFixed(1)} s)`,
  );
  return { projects: data.projects.length, lines: data.lines.length, warnings: report.created };
}

/** The generator as a complaint handler (rights permissions), for the demo year of cases; never able to sign in. */
const DEMO_HANDLER: Principal = {
  ...DEMO_PRINCIPAL,
  permissions: new Set(['cases:read', 'rights:read', 'rights:handle', 'rights:approve']),
};

/**
 * A year of complaints (投诉举报) across the demo city's townships, decided, investigated and closed on their
 * dates through the case engine's own transitions, some still open and some overdue; then the clock sweep.
 */
export async function loadDemoCases(
  db: Database,
  services: Services,
  opts: { count: number; today: string; seed?: number; log?: (msg: string) => void },
): Promise<{ cases: number; open: number }> {
  const started = Date.now();
  const townships = await db.scoped(SYSTEM_SCOPE, (tx) => regionCodesAtLevel(tx, 4));
  const r = await services.complaints.seedDemo(DEMO_HANDLER, {
    count: opts.count,
    today: opts.today,
    townships,
    seed: opts.seed,
  });
  // 法律援助 and 行刑衔接: providers, applications and transfers to the police (a few per city).
  const aid = await services.legalAid.seedDemo(DEMO_HANDLER, {
    count: Math.max(4, Math.round(opts.count / 20)),
    today: opts.today,
    townships,
    seed: opts.seed,
  });
  const police = await services.policeTransfers.seedDemo(DEMO_HANDLER, {
    count: Math.max(3, Math.round(opts.count / 60)),
    today: opts.today,
    townships,
    seed: opts.seed,
  });
  // 行政处罚: penalty decisions on the general contractors of two demo projects (their integrity grade shows them).
  const wagesReader: Principal = { ...DEMO_HANDLER, permissions: new Set(['wages:read']) };
  const projects = await services.projects.list(wagesReader, { page: 1, pageSize: 2 });
  const contractors: { id: string; name: string; regionCode: string }[] = [];
  for (const item of projects.items) {
    const detail = await services.projects.get(wagesReader, item.id);
    if (!contractors.some((c) => c.id === detail.contractorId))
      contractors.push({ id: detail.contractorId, name: detail.contractorName, regionCode: detail.regionCode });
  }
  await services.penalties.seedDemo(DEMO_HANDLER, { today: opts.today, employers: contractors });
  // Mediation organisations, mediation and arbitration cases (调解、仲裁), some past their clocks.
  const d = await services.mediation.seedDemo(DEMO_HANDLER, { today: opts.today, townships, seed: opts.seed });
  opts.log?.(`  演示数据 / demo disputes: ${d.orgs} 个调解组织，${d.mediations} 件调解，${d.arbitrations} 件仲裁`);
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    {
      action: 'demo.cases',
      outcome: 'success',
      detail: { cases: r.cases, open: r.open, legalAid: aid.cases, providers: aid.providers, police: police.cases },
    },
  );
  opts.log?.(
    `  演示数据 / demo cases: ${r.cases} 件投诉举报，其中 ${r.open} 件在办 (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return r;
}

/** The generator as a grid manager (rights permissions), for the demo grids; never able to sign in. */
const DEMO_INSPECTOR: Principal = {
  ...DEMO_PRINCIPAL,
  permissions: new Set(['cases:read', 'rights:read', 'rights:handle', 'rights:grids']),
};

/**
 * Grids (网格) for the demo city: in the first counties, a grid per township with its inspectors (the demo staff at
 * or above it), a patrol of each; per county the winter wage campaign and a written review of employers.
 */
export async function loadDemoGrids(
  db: Database,
  services: Services,
  opts: { cityCode: string; today: string; counties?: number; townships?: number; log?: (msg: string) => void },
): Promise<{ grids: number; activities: number }> {
  const counties = await db.scoped(SYSTEM_SCOPE, async (tx) => {
    const out: { code: string; name: string; townships: { code: string; name: string }[] }[] = [];
    for (const c of (await regionChildren(tx, opts.cityCode)).filter((r) => r.level === 3).slice(0, opts.counties ?? 3))
      out.push({
        code: c.code,
        name: c.name,
        townships: (await regionChildren(tx, c.code))
          .slice(0, opts.townships ?? 4)
          .map((t) => ({ code: t.code, name: t.name })),
      });
    return out;
  });
  const r = await services.grids.seedDemo(DEMO_INSPECTOR, { today: opts.today, counties });
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    { action: 'demo.grids', outcome: 'success', detail: r },
  );
  opts.log?.(`  演示数据 / demo grids: ${r.grids} 个网格，${r.activities} 条巡查与检查记录`);
  return r;
}

/**
 * A year of vocational training (职业技能培训) across the demo city's townships: institutions, classes, trainees
 * from the registry, attendance, results, certificates, subsidy claims approved level by level and paid, targets.
 */
export async function loadDemoTraining(
  db: Database,
  services: Services,
  opts: { cityCode: string; classes: number; today: string; seed?: number; log?: (msg: string) => void },
): Promise<{ classes: number; enrolments: number; certificates: number; claims: number }> {
  const started = Date.now();
  const townships = (await db.scoped(SYSTEM_SCOPE, (tx) => regionCodesAtLevel(tx, 4))).slice(0, 12);
  const reader: Principal = { ...DEMO_PRINCIPAL, dataScope: 'all' };
  const asked = new Map<string, number>();
  const r = await services.trainingSeed.seedDemo(DEMO_PRINCIPAL, {
    cityCode: opts.cityCode,
    today: opts.today,
    townships,
    classes: opts.classes,
    seed: opts.seed,
    // each township's next twelve workers (by name), so its classes train different people
    workersOf: async (township) => {
      const page = (asked.get(township) ?? 0) + 1;
      asked.set(township, page);
      const list = await services.registry.listWorkers(reader, {
        regionCode: township,
        sort: 'name',
        page,
        pageSize: 12,
      });
      return list.items.map((w) => w.id);
    },
  });
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    { action: 'demo.training', outcome: 'success', detail: { ...r } },
  );
  opts.log?.(
    `  演示数据 / demo training: ${r.classes} 个培训班，${r.enrolments} 人次报名，${r.certificates} 本证书，` +
      `${r.claims} 笔补贴 (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return r;
}

/** The generator as an employment officer (and registry reader): demo postings, seekers, referrals, programmes. */
const DEMO_EMPLOYMENT: Principal = {
  ...DEMO_PRINCIPAL,
  permissions: new Set(['registry:read', 'employment:read', 'employment:handle']),
};

/**
 * The employment programmes of the demo city (campaigns and fairs with results, surveys, labour cooperation,
 * startup loans and incubators, policy enquiries), checked by the programme services' own rules (programs.seed.ts:
 * the surveys and enquiries written set-based), the load audited once here.
 */
export async function loadDemoPrograms(
  db: Database,
  services: Services,
  opts: { cityCode: string; today: string; seed?: number; log?: (msg: string) => void },
): Promise<{ records: number }> {
  const started = Date.now();
  const { counties, townships, workerIds } = await db.scoped(SYSTEM_SCOPE, async (tx) => ({
    counties: (await regionCodesAtLevel(tx, 3)).filter((c) => c.startsWith(opts.cityCode)),
    townships: (await regionCodesAtLevel(tx, 4)).filter((c) => c.startsWith(opts.cityCode)),
    workerIds: (await services.registry.oldestActiveWorkers(tx, 300)).map((w) => w.id),
  }));
  const records = await seedProgramsDemo(services, DEMO_EMPLOYMENT, {
    cityCode: opts.cityCode,
    today: opts.today,
    counties,
    townships,
    workerIds,
    seed: opts.seed,
  });
  // 人岗匹配权重: the 春风行动 campaign favours postings near home (its own weights; the others keep the default).
  const employmentActor = { ...DEMO_PRINCIPAL, permissions: new Set(['employment:read', 'employment:handle']) };
  const spring = (await services.campaigns.list(employmentActor, { page: 1, pageSize: 50 })).items.find(
    (c) => c.kind === 'spring_breeze',
  );
  if (spring)
    await services.matchWeights.putForCampaign(employmentActor, spring.id, {
      ...DEFAULT_MATCH_WEIGHTS,
      distance: 4,
      preference: 2,
    });
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    { action: 'demo.programs', outcome: 'success', detail: { records } },
  );
  opts.log?.(
    `  演示数据 / demo programmes: ${records} 条就业服务记录 (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return { records };
}

/**
 * 就业服务: postings across the demo city's townships, seekers from its registered workers, and a year of
 * referrals with their outcomes and follow-ups, written set-based (employment seed.service.ts), the load audited once.
 */
export async function loadDemoEmployment(
  db: Database,
  services: Services,
  opts: { postings: number; seekers: number; seed?: number; log?: (msg: string) => void },
): Promise<{ postings: number; seekers: number; referrals: number; hires: number }> {
  const started = Date.now();
  const townships = await db.scoped(SYSTEM_SCOPE, (tx) => regionCodesAtLevel(tx, 4));
  const employers = await services.registry.listEmployers(DEMO_EMPLOYMENT, { page: 1, pageSize: 50 });
  const workers = await services.registry.listWorkers(DEMO_EMPLOYMENT, {
    sort: '-createdAt',
    page: 1,
    pageSize: opts.seekers,
  });
  const r = await services.employmentSeed.seedDemo(DEMO_EMPLOYMENT, {
    townships,
    employerIds: employers.items.map((e) => e.id),
    workerIds: workers.items.map((w) => w.id),
    postings: opts.postings,
    seed: opts.seed,
  });
  await services.audit.record(
    { username: DEMO_PRINCIPAL.username },
    { action: 'demo.employment', outcome: 'success', detail: r },
  );
  opts.log?.(
    `  演示数据 / demo employment: ${r.postings} 个岗位，${r.seekers} 名求职者，${r.referrals} 次推荐，` +
      `${r.hires} 人录用 (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return r;
}
