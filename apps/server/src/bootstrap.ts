import { inBulkMode, restorePendingIndexes } from './db/bulk-load.js';
import { SYSTEM_SCOPE, type Database } from './db/client.js';
import * as accounts from './platform/accounts/accounts.repo.js';
import { setUserRoles } from './platform/accounts/accounts.service.js';
import { ADMIN_ROLES } from './platform/access/permissions.js';
import type { DataScope } from './platform/access/principal.js';
import type { AuditActor, AuditLog } from './platform/audit/audit.js';
import { generateInitialPassword, hashPassword } from './platform/crypto/passwords.js';
import { findDepartmentByCode, regionChildren } from './platform/org/org.repo.js';
import type { SettingsService } from './platform/settings/settings.service.js';
import type { Services } from './app.js';
import {
  loadDemoCases,
  loadDemoCity,
  loadDemoEmployment,
  loadDemoGrids,
  loadDemoPrograms,
  loadDemoTraining,
  loadDemoWages,
} from './demo.js';
import { checkPasswordPolicy, shanghaiDate } from '@mwsp/domain';
import { MODULES } from './modules/index.js';

/** Business roles shipped with the platform; modules extend their permission sets as they land. */
export const BUSINESS_ROLES = [
  {
    code: 'officer',
    name: '业务经办员',
    description: '各级经办人员：录入与办理本辖区业务',
    permissions: ['regions:read', 'departments:read'],
  },
  {
    code: 'leader',
    name: '领导查询',
    description: '查看本辖区统计与业务进展',
    permissions: ['regions:read', 'departments:read'],
  },
  {
    code: 'pii_reviewer',
    name: '个人信息核查员',
    description: '经批准可查看完整个人信息并导出（须双因素认证，全程审计）',
    permissions: ['regions:read', 'departments:read', 'pii:unmask', 'pii:export'],
  },
  {
    code: 'inspection_head',
    name: '监察机构负责人',
    description: '劳动保障监察机构负责人：办理案件，批准延长办理期限、移送公安机关',
    permissions: ['regions:read', 'departments:read'],
  },
  {
    code: 'training_reviewer',
    name: '培训审核员',
    description: '各级培训补贴审核人员：按本人所在层级（乡镇、区县、市）审核培训补贴、生成拨付批次、认定培训机构',
    permissions: ['regions:read', 'departments:read'],
  },
  {
    code: 'city_admin',
    name: '市级业务管理员',
    description: '设置全市欠薪预警参数和培训补贴标准、对本辖区手动发起预警扫描；应只授予市级用户',
    permissions: ['regions:read', 'departments:read'],
  },
];

/**
 * Permissions taken back from built-in business roles (ensureRoles only ever adds what modules grant,
 * so a grant that was wrong must be revoked explicitly). Applied on every start, each removal audited
 * as `role.revoke_builtin`; to give such a permission to some users again, put it in a custom role.
 */
export const BUILTIN_REVOCATIONS: { role: string; permission: string; reason: string }[] = [
  {
    role: 'officer',
    permission: 'warnings:admin',
    reason: '经办员不得修改全市预警参数或扫描其他辖区（issue #8）；改由市级业务管理员 city_admin 持有',
  },
];

const CLI_ACTOR: AuditActor = { username: 'mwsp-cli' };

/** What each module adds to the built-in business roles. */
const MODULE_ROLE_GRANTS = MODULES.map((m) => m.roleGrants);

/**
 * Built-in administrator roles are kept equal to the code on every start; built-in business roles
 * gain the permissions that newly landed modules grant them (nothing an operator removed is re-added
 * unless a module grants it anew); custom roles are left alone.
 */
export async function ensureRoles(db: Database, audit?: AuditLog): Promise<void> {
  await db.scoped(SYSTEM_SCOPE, async (tx) => {
    for (const rv of BUILTIN_REVOCATIONS) {
      const existing = await accounts.findRoleByCode(tx, rv.role);
      if (!existing?.builtin || !existing.permissions.includes(rv.permission)) continue;
      await accounts.updateRole(tx, existing.id, {
        permissions: existing.permissions.filter((x) => x !== rv.permission),
      });
      await audit?.append(tx, CLI_ACTOR, {
        action: 'role.revoke_builtin',
        outcome: 'success',
        objectType: 'role',
        objectId: existing.id,
        detail: { role: rv.role, permission: rv.permission, reason: rv.reason },
      });
    }
    for (const r of [
      ...ADMIN_ROLES.map((a) => ({ ...a, permissions: [...a.permissions], admin: true })),
      ...BUSINESS_ROLES.map((b) => ({ ...b, admin: false })),
    ]) {
      const granted = r.admin
        ? r.permissions
        : [...new Set([...r.permissions, ...MODULE_ROLE_GRANTS.flatMap((g) => g[r.code] ?? [])])];
      const existing = await accounts.findRoleByCode(tx, r.code);
      if (!existing)
        await accounts.insertRole(tx, {
          code: r.code,
          name: r.name,
          description: r.description,
          permissions: granted,
          builtin: true,
          adminRole: r.admin,
        });
      else if (r.admin)
        await accounts.updateRole(tx, existing.id, {
          name: r.name,
          description: r.description,
          permissions: r.permissions,
        });
      else if (granted.some((g) => !existing.permissions.includes(g))) {
        await accounts.updateRole(tx, existing.id, {
          permissions: [...new Set([...existing.permissions, ...granted])],
        });
      }
    }
  });
}

export interface ProvisionInput {
  username: string;
  displayName: string;
  roles: string[];
  departmentCode?: string | null;
  regionCode: string;
  password?: string | null;
  dataScope?: DataScope;
}

/** Creates an account with roles (the operator's path, used by bootstrap and `mwsp user create`). */
export async function provisionUser(
  db: Database,
  services: Services,
  input: ProvisionInput,
): Promise<{ id: string; password: string }> {
  const password = input.password ?? generateInitialPassword();
  const problems = checkPasswordPolicy(password, { username: input.username });
  if (problems.length) throw new Error(`初始密码不符合要求 / password policy: ${problems.join('；')}`);
  const hash = await hashPassword(password);
  return db.scoped(SYSTEM_SCOPE, async (tx) => {
    if (await accounts.findUserByUsername(tx, input.username))
      throw new Error(`用户名已存在 / user exists: ${input.username}`);
    const dept = input.departmentCode ? await findDepartmentByCode(tx, input.departmentCode) : undefined;
    if (input.departmentCode && !dept) throw new Error(`部门不存在 / unknown department: ${input.departmentCode}`);
    if (input.dataScope === 'department' && !dept)
      throw new Error('“本部门”数据范围须指定所属部门 / data scope "department" needs --department');
    const roleRows = [];
    for (const code of input.roles) {
      const r = await accounts.findRoleByCode(tx, code);
      if (!r) throw new Error(`角色不存在 / unknown role: ${code}`);
      roleRows.push(r);
    }
    const id = await accounts.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      departmentId: dept?.id ?? null,
      regionCode: input.regionCode,
      phoneEnc: null,
      phoneBidx: null,
      passwordHash: hash,
      dataScope: input.dataScope ?? 'region',
      now: new Date(),
    });
    await tx.execute(accounts.passwordHistorySeedSql(id, hash, new Date()));
    await setUserRoles(tx, id, roleRows, input.dataScope ?? 'region');
    await services.audit.append(tx, CLI_ACTOR, {
      action: 'user.create',
      outcome: 'success',
      objectType: 'user',
      objectId: id,
      detail: { username: input.username, roles: input.roles },
    });
    return { id, password };
  });
}

/** Planner statistics after a bulk load of the registry (what bootstrap does after the demo city). */
export async function analyzeRegistry(services: Services): Promise<void> {
  await services.registry.analyzeTables();
}

/** Whether the database holds generated demo data (a production start refuses it). */
export async function isDemo(settings: SettingsService): Promise<boolean> {
  return (await settings.get('demo_data')) === true;
}

export interface BootstrapResult {
  createdAccounts: { username: string; role: string; password: string }[];
  regionsLoaded: number;
}

/**
 * First-start and every-start work: reference data, built-in roles, the three administrators
 * (三员) and — in demo mode — demo business accounts. Idempotent.
 */
/** Regions of the configured city, departments, the calendar and the built-in roles. Idempotent. */
export async function ensureReferenceData(
  db: Database,
  services: Services,
  cityCode: string,
  log: (msg: string) => void = () => {},
): Promise<number> {
  let regionsLoaded = 0;
  if ((await services.settings.get('regions_city')) !== cityCode) {
    log('正在载入行政区划 / loading regions…');
    regionsLoaded = await services.org.loadRegions();
    await services.settings.set('regions_city', cityCode);
  }
  await services.org.seedDepartments();
  await services.calendar.seed();
  await ensureRoles(db, services.audit);
  return regionsLoaded;
}

/**
 * One demo step of the first start, run once: `key` records its result. A step is several transactions, so a start
 * killed during it (kill -9) leaves part of it written; the attempt is recorded first (`<key>_started`), and the next
 * start keeps what was written and goes on with the next step instead of writing it again (duplicates or a refusal
 * that would stop every later start).
 */
async function demoStepOnce<T>(
  services: Services,
  key: string,
  log: ((msg: string) => void) | undefined,
  run: () => Promise<T>,
): Promise<void> {
  if ((await services.settings.get(key)) !== undefined) return;
  if ((await services.settings.get(`${key}_started`)) !== undefined) {
    log?.(`  演示数据 ${key} 上次启动时未写完，保留已写入部分 / ${key} was interrupted: kept as is, not rewritten`);
    await services.settings.set(key, { interrupted: true });
    return;
  }
  await services.settings.set(`${key}_started`, true);
  await services.settings.set(key, (await run()) as unknown);
}

export async function bootstrap(
  db: Database,
  services: Services,
  opts: {
    cityCode: string;
    mode: 'demo' | 'production';
    bootstrapPassword: string | null;
    demoWorkers?: number;
    log?: (msg: string) => void;
  },
): Promise<BootstrapResult> {
  // Each progress line ends with the time since bootstrap began: the first start's steps, timed (issue #11).
  const t0 = Date.now();
  const say = opts.log;
  opts = say ? { ...opts, log: (msg) => say(`${msg} [+${((Date.now() - t0) / 1000).toFixed(1)} s]`) } : opts;
  // A bulk load killed before it rebuilt its indexes (db/bulk-load.ts): rebuilt now, before anything reads.
  await restorePendingIndexes(db, services.settings, opts.log);
  const regionsLoaded = await ensureReferenceData(db, services, opts.cityCode, opts.log);

  const created: BootstrapResult['createdAccounts'] = [];
  const adminAssignments = await db.scoped(SYSTEM_SCOPE, (tx) => accounts.countAdminAssignments(tx));
  if (adminAssignments === 0) {
    for (const role of ADMIN_ROLES) {
      const { password } = await provisionUser(db, services, {
        username: role.code,
        displayName: role.name,
        roles: [role.code],
        departmentCode: 'hrss',
        regionCode: opts.cityCode,
        password: opts.bootstrapPassword,
        dataScope: 'all',
      });
      created.push({ username: role.code, role: role.name, password });
    }
  }
  if (opts.mode === 'demo' && (await services.settings.get('demo_accounts')) !== true) {
    const county = await db.scoped(SYSTEM_SCOPE, async (tx) =>
      (await regionChildren(tx, opts.cityCode)).find((r) => r.level === 3),
    );
    const township =
      county && (await db.scoped(SYSTEM_SCOPE, async (tx) => (await regionChildren(tx, county.code))[0]));
    const demo = [
      {
        username: 'demo_leader',
        displayName: '演示·市级领导',
        roles: ['leader'],
        regionCode: opts.cityCode,
        dataScope: 'all' as const,
      },
      {
        username: 'demo_county',
        displayName: '演示·县区经办员',
        roles: ['officer'],
        regionCode: county?.code ?? opts.cityCode,
        dataScope: 'region' as const,
      },
      {
        username: 'demo_township',
        displayName: '演示·乡镇经办员',
        roles: ['officer'],
        regionCode: township?.code ?? opts.cityCode,
        dataScope: 'region' as const,
      },
      {
        // 培训审核员 of the county: the demo's pending training subsidies wait in its queue (待我审核)
        username: 'demo_trainer',
        displayName: '演示·县区培训审核员',
        roles: ['training_reviewer'],
        regionCode: county?.code ?? opts.cityCode,
        dataScope: 'region' as const,
      },
      {
        username: 'demo_reviewer',
        displayName: '演示·个人信息核查员',
        roles: ['officer', 'pii_reviewer'],
        regionCode: opts.cityCode,
        dataScope: 'all' as const,
      },
    ];
    for (const d of demo) {
      const { password } = await provisionUser(db, services, {
        ...d,
        departmentCode: 'hrss',
        password: opts.bootstrapPassword,
      });
      created.push({ username: d.username, role: d.displayName, password });
    }
    await services.settings.set('demo_accounts', true);
    await services.settings.set('demo_data', true);
  }
  if (
    opts.mode === 'demo' &&
    (opts.demoWorkers ?? 0) > 0 &&
    (await services.settings.get('demo_city')) === undefined &&
    (await services.settings.get('demo_city_started')) !== undefined
  ) {
    // A start killed during the demo city (its COPY is chunk by chunk): what was written is kept, not written
    // again (the seeded ID numbers would collide); its list totals are recounted.
    opts.log?.('  演示城市上次启动时未写完，保留已写入部分 / demo city was interrupted: kept as is, not rewritten');
    await services.registrySeed.recountAfterInterruptedLoad();
    await analyzeRegistry(services);
    await services.settings.set('demo_city', { interrupted: true });
    await services.settings.set('demo_data', true);
  }
  if (
    opts.mode === 'demo' &&
    (opts.demoWorkers ?? 0) > 0 &&
    (await services.settings.get('demo_city')) === undefined &&
    (await services.registry.countWorkers()) === 0
  ) {
    await services.settings.set('demo_city_started', true);
    opts.log?.(`正在生成演示城市（${opts.demoWorkers} 名务工人员，仅首次启动） / generating the demo city…`);
    // Bulk mode on the embedded database's empty tables (db/bulk-load.ts): foreign keys checked and secondary
    // indexes built once after the COPY instead of per row.
    const n = await inBulkMode(
      db,
      services.settings,
      services.registrySeed.bulkTables,
      () =>
        loadDemoCity(db, services, {
          cityCode: opts.cityCode,
          workers: opts.demoWorkers!,
          seed: 20240430,
          log: opts.log,
        }),
      opts.log,
    );
    await analyzeRegistry(services);
    await services.settings.set('demo_city', { workers: n, seed: 20240430 });
    await services.settings.set('demo_data', true);
  }
  if (
    opts.mode === 'demo' &&
    (opts.demoWorkers ?? 0) > 0 &&
    (await services.settings.get('demo_wages')) === undefined
  ) {
    const projects = Math.max(1, Math.min(80, Math.floor((opts.demoWorkers ?? 0) / 250)));
    opts.log?.(`正在生成演示工程项目与工资台账（${projects} 个项目，仅首次启动） / generating demo wage data…`);
    // The COPY is not one transaction (PGlite chunk by chunk, PostgreSQL on several connections): a start killed
    // during it must not fail the next start on the seeded ids, so the attempt is recorded first.
    const interrupted = (await services.settings.get('demo_wages_started')) !== undefined;
    await services.settings.set('demo_wages_started', true);
    const r = await loadDemoWages(db, services, {
      projects,
      today: shanghaiDate(),
      log: opts.log,
      afterInterruptedCopy: interrupted,
    });
    await services.settings.set('demo_wages', r);
  }
  if (opts.mode === 'demo' && (opts.demoWorkers ?? 0) > 0) {
    const demoWorkers = opts.demoWorkers ?? 0;
    const log = opts.log;
    await demoStepOnce(services, 'demo_cases', log, () => {
      const count = Math.max(12, Math.min(120, Math.floor(demoWorkers / 160)));
      log?.(`正在生成演示投诉举报案件（${count} 件，仅首次启动） / generating demo cases…`);
      return loadDemoCases(db, services, { count, today: shanghaiDate(), log });
    });
    await demoStepOnce(services, 'demo_grids', log, () => {
      log?.('正在生成演示网格与巡查记录（仅首次启动） / generating demo grids…');
      return loadDemoGrids(db, services, { cityCode: opts.cityCode, today: shanghaiDate(), log });
    });
    await demoStepOnce(services, 'demo_training', log, () => {
      const classes = Math.max(6, Math.min(12, Math.floor(demoWorkers / 1600)));
      log?.(`正在生成演示职业技能培训数据（${classes} 个培训班，仅首次启动） / generating demo training…`);
      return loadDemoTraining(db, services, { cityCode: opts.cityCode, classes, today: shanghaiDate(), log });
    });
    await demoStepOnce(services, 'demo_programs', log, () => {
      log?.(
        '正在生成演示就业服务数据（招聘活动、调查、劳务协作、创业扶持、政策咨询，仅首次启动） / generating demo programmes…',
      );
      return loadDemoPrograms(db, services, { cityCode: opts.cityCode, today: shanghaiDate(), log });
    });
    await demoStepOnce(services, 'demo_employment', log, () => {
      const postings = Math.max(20, Math.min(300, Math.floor(demoWorkers / 100)));
      log?.(`正在生成演示就业服务数据（${postings} 个岗位，仅首次启动） / generating demo employment data…`);
      return loadDemoEmployment(db, services, { postings, seekers: 150, log });
    });
  }
  if (opts.mode === 'demo' && (opts.demoWorkers ?? 0) > 0) opts.log?.('演示数据已就绪 / demo data ready');
  return { createdAccounts: created, regionsLoaded };
}
