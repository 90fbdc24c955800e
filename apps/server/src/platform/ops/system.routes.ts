import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema, overviewSchema, systemInfoSchema, type Overview } from '@mwsp/domain';
import { SYSTEM_SCOPE, type Database } from '../../db/client.js';
import { currentMigration } from '../../db/migrate.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { OrgService } from '../org/org.service.js';
import * as repo from './system.repo.js';

export const VERSION = '0.1.0';

export function systemRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    org: OrgService;
    accounts: AccountsService;
    mode: 'demo' | 'production';
    cityCode: string;
    isDemo: () => Promise<boolean>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统'];

  r.get(
    '/api/health',
    { config: { permission: 'public' }, schema: { tags, summary: '健康检查', response: { 200: healthSchema } } },
    async () => {
      await deps.db.scoped(SYSTEM_SCOPE, (tx) => repo.ping(tx));
      return {
        status: 'ok' as const,
        database: deps.db.kind,
        migration: await currentMigration(deps.db),
        version: VERSION,
      };
    },
  );

  r.get(
    '/api/system/info',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '平台名称、城市与运行模式', response: { 200: systemInfoSchema } },
    },
    async () => ({
      name: '农民工服务管理平台',
      city: { code: deps.cityCode, name: await deps.org.cityName() },
      mode: deps.mode,
      demoData: await deps.isDemo(),
    }),
  );

  r.get(
    '/api/overview',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '首页概览', response: { 200: overviewSchema } },
    },
    async (req) => {
      const p = req.principal!;
      const out: Overview = {
        regions: await deps.org.regionSummary(),
        departments: await deps.org.departmentCount(),
      };
      if (p.permissions.has('users:read')) out.users = await deps.accounts.countUsersByStatus(p);
      if (p.permissions.has('audit:read')) {
        out.logins = await deps.db.scoped(SYSTEM_SCOPE, (tx) => repo.loginsLastSevenDays(tx));
      }
      return out;
    },
  );
}
