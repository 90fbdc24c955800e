import { Command } from 'commander';
import { ensureReferenceData, provisionUser } from './bootstrap.js';
import { loadDemoCity } from './demo.js';
import { loadConfig, ConfigError } from './config.js';
import { migrate } from './db/migrate.js';
import { openPlatform, serve, StartupError } from './main.js';
import * as accounts from './platform/accounts/accounts.repo.js';
import { SYSTEM_SCOPE } from './db/client.js';
import { normalizeRegionCode } from '@mwsp/domain';

/** The `mwsp` command: npm run mwsp -- <command> … */
const program = new Command('mwsp').description(
  '农民工服务管理平台 运维命令 / Migrant Worker Service Platform operations',
);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

program
  .command('serve')
  .description('启动服务 / start the server')
  .action(async () => {
    const server = await serve(loadConfig());
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        void server.close().then(() => process.exit(0));
      });
    }
  });

program
  .command('migrate')
  .description('执行数据库迁移 / apply migrations')
  .action(async () => {
    const p = await openPlatform(loadConfig());
    console.log(`迁移完成 / schema version ${await migrate(p.db)}`);
    await p.db.close();
  });

const user = program.command('user').description('账号管理 / accounts');
user
  .command('create')
  .requiredOption('--username <u>', '用户名')
  .requiredOption('--display-name <n>', '姓名')
  .requiredOption('--roles <r>', '角色编码，逗号分隔，如 officer 或 sysadmin')
  .option('--department <code>', '部门编码，如 hrss')
  .requiredOption('--region <code>', '所属区划代码')
  .option('--data-scope <s>', 'self | department | region | all', 'region')
  .option('--password-stdin', '从标准输入读取初始密码')
  .action(async (o) => {
    const config = loadConfig();
    const p = await openPlatform(config);
    try {
      await ensureReferenceData(p.db, p.services, config.cityCode);
      const password = o.passwordStdin ? await readStdin() : null;
      const r = await provisionUser(p.db, p.services, {
        username: o.username,
        displayName: o.displayName,
        roles: String(o.roles)
          .split(',')
          .map((s: string) => s.trim())
          .filter(Boolean),
        departmentCode: o.department ?? null,
        regionCode: normalizeRegionCode(o.region) ?? o.region,
        password,
        dataScope: o.dataScope,
      });
      console.log(`已创建用户 / created ${o.username} (${r.id})`);
      if (!password) console.log(`初始密码（仅显示一次，首次登录须修改） / initial password: ${r.password}`);
    } finally {
      await p.db.close();
    }
  });

user
  .command('unlock <username>')
  .description('解锁账号 / unlock')
  .action(async (username: string) => {
    const p = await openPlatform(loadConfig());
    try {
      await p.db.scoped(SYSTEM_SCOPE, async (tx) => {
        const u = await accounts.findUserByUsername(tx, username);
        if (!u) throw new StartupError(`用户不存在 / no such user: ${username}`);
        await accounts.unlockUser(tx, u.id);
        await p.services.audit.append(
          tx,
          { username: 'mwsp-cli' },
          { action: 'user.unlock', outcome: 'success', objectType: 'user', objectId: u.id },
        );
      });
      console.log(`已解锁 / unlocked ${username}`);
    } finally {
      await p.db.close();
    }
  });

program
  .command('demo')
  .description('演示数据 / demo data')
  .command('load')
  .description('载入可复现的合成城市（务工人员、用工单位、用工关系、参保） / load the synthetic city')
  .requiredOption('--workers <n>', '务工人员人数')
  .option('--seed <s>', '随机种子（相同种子生成相同数据）', '20240430')
  .action(async (o) => {
    const config = loadConfig();
    if (config.mode === 'production') throw new StartupError('生产模式不允许载入演示数据 / no demo data in production');
    const p = await openPlatform(config);
    try {
      await ensureReferenceData(p.db, p.services, config.cityCode);
      const n = await loadDemoCity(p.db, p.services, {
        cityCode: config.cityCode,
        workers: Number(o.workers),
        seed: Number(o.seed),
        log: (m) => console.log(m),
      });
      await p.services.settings.set('demo_data', true);
      console.log(`已载入 / loaded ${n} workers`);
    } finally {
      await p.db.close();
    }
  });

program
  .command('regions')
  .description('行政区划 / regions')
  .command('centres <file>')
  .description('导入乡镇（街道）驻地坐标（CSV：code,lat,lon，度） / import township centres (CSV: code,lat,lon)')
  .action(async (file: string) => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
    const points = (rows as Record<string, string>[]).map((r) => ({
      code: r.code ?? '',
      lat: Number(r.lat),
      lon: Number(r.lon ?? r.lng),
    }));
    const p = await openPlatform(loadConfig());
    try {
      const { stored, skipped } = await p.services.org.setRegionCentres(points, 'import');
      console.log(`已导入 / stored ${stored}，跳过 / skipped ${skipped}（区划不存在或坐标无效）`);
    } finally {
      await p.db.close();
    }
  });

program
  .command('token')
  .description('接口令牌 / API tokens')
  .command('create')
  .requiredOption('--username <u>')
  .requiredOption('--name <n>', '令牌用途名称')
  .option('--days <d>', '有效天数', '90')
  .action(async (o) => {
    const p = await openPlatform(loadConfig());
    try {
      const u = await p.db.scoped(SYSTEM_SCOPE, (tx) => accounts.findUserByUsername(tx, o.username));
      if (!u) throw new StartupError(`用户不存在 / no such user: ${o.username}`);
      const t = await p.services.accounts.createToken(null, u.id, o.name, Number(o.days), (x) =>
        p.services.auth.hashApiToken(x),
      );
      console.log(`令牌（仅显示一次） / token (shown once), expires ${t.expiresAt.toISOString()}:\n${t.token}`);
    } finally {
      await p.db.close();
    }
  });

program.parseAsync(process.argv).catch((err: Error) => {
  if (err instanceof ConfigError || err instanceof StartupError) console.error(err.message);
  else console.error(err.message ?? err);
  process.exit(1);
});
