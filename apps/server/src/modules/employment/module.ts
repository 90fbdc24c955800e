import { CERTIFICATE_KIND_LABELS, SKILL_LEVEL_LABELS } from '@mwsp/domain';
import { defineModule, portOf } from '../../platform/platform.js';
import { scheduleWhileServing } from '../../platform/schedule/periodic.js';
import type { RegistryPort } from '../registry/index.js';
import { CERTIFICATE_ISSUED, type CertificateIssuedData } from '../training/index.js';
import type { WagesPort } from '../wages/index.js';
import { EMPLOYMENT_PERMISSIONS, EMPLOYMENT_ROLE_GRANTS } from './employment.permissions.js';
import { EmploymentExportService } from './employment.export.js';
import { employmentExportRoutes } from './employment.export.routes.js';
import { jobRoutes, referralRoutes, seekerRoutes } from './employment.routes.js';
import { jobsImportKind } from './jobs.imports.js';
import { JobsExpiryScheduler } from './jobs.scheduler.js';
import { JobsService } from './jobs.service.js';
import { matchWeightRoutes } from './match-weights.routes.js';
import { MatchWeightsService } from './match-weights.service.js';
import { MatchingService } from './matching.service.js';
import { createProgramServices, programRoutes } from './programs.js';
import { ReferralsService } from './referrals.service.js';
import { EmploymentSeedService } from './seed.service.js';
import { SeekersService } from './seekers.service.js';

/** The registry's domain event of a changed worker record (workers.service.ts, workerBatch.service.ts). */
const WORKER_UPDATED = 'worker.updated';
/** The registry's domain event of a duplicate merged into a survivor (data.duplicateId; workers.service.ts). */
const WORKER_MERGED = 'worker.merged';

/**
 * 就业服务 (employment services, issue #12) as a plug-in: job postings, seekers, matching and referrals; the
 * programmes (campaigns, surveys, labour cooperation, entrepreneurship, policy consulting: programs.ts).
 */
export const employmentModule = defineModule({
  name: 'employment',
  permissions: EMPLOYMENT_PERMISSIONS,
  roleGrants: EMPLOYMENT_ROLE_GRANTS,
  createServices(p) {
    const registry = portOf<RegistryPort>(p, 'registry'); // 实名制: workers and employers
    const wages = portOf<WagesPort>(p, 'warnings'); // 最低工资标准
    const jobs = new JobsService(p.db, p.audit, registry, wages, p.config.cityCode, p.now);
    const seekers = new SeekersService(p.db, p.audit, registry, p.now);
    const matching = new MatchingService(p.db, seekers, p.now);
    const referrals = new ReferralsService(p.db, p.audit, seekers, p.now);
    const employmentSeed = new EmploymentSeedService(p.db, jobs, seekers, p.now);
    const matchWeights = new MatchWeightsService(p.db, p.audit, p.config.cityCode, p.now);
    const employmentExport = new EmploymentExportService({ jobs, seekers, referrals }, p.audit, p.now);
    return {
      jobs,
      seekers,
      matching,
      referrals,
      employmentSeed,
      employmentExport,
      matchWeights,
      ...createProgramServices(p, registry),
    };
  },
  importKinds: (p, s) => [jobsImportKind(s.jobs, p.org, p.now)],
  register(app, p, s) {
    // 职业技能培训: a certificate obtained joins the skills the worker is matched on (training's domain event).
    p.events.on(CERTIFICATE_ISSUED, async (tx, e) => {
      const c = e.data as unknown as CertificateIssuedData;
      const level = c.level ? `（${SKILL_LEVEL_LABELS[c.level as keyof typeof SKILL_LEVEL_LABELS]}）` : '';
      const certificate = `${CERTIFICATE_KIND_LABELS[c.kind as keyof typeof CERTIFICATE_KIND_LABELS]}${level}`;
      await s.seekers.certificateIssued(tx, e.subjectId, { occupationCode: c.occupationCode, certificate });
    });
    // 实名制: a seeker follows its worker's change of residence (to another county: its rows move there) and name,
    // and passes to the survivor when its worker is merged as a duplicate.
    p.events.on(WORKER_UPDATED, async (tx, e) => {
      await s.seekers.workerChanged(tx, e.subjectId, (e.data as { fields?: unknown } | undefined)?.fields);
    });
    p.events.on(WORKER_MERGED, async (tx, e) => {
      const duplicateId = (e.data as { duplicateId?: string } | undefined)?.duplicateId;
      if (duplicateId) await s.seekers.workerMerged(tx, e.subjectId, duplicateId);
    });
    // Export routes first: /api/jobs/export must not be taken for /api/jobs/:id (static routes win anyway).
    employmentExportRoutes(app, s.employmentExport);
    jobRoutes(app, s.jobs, s.matching);
    seekerRoutes(app, s.seekers, s.matching);
    referralRoutes(app, s.referrals);
    programRoutes(app, s);
    matchWeightRoutes(app, s.matchWeights);
    // 岗位有效期到期: postings past their validity become 'expired' on the same schedule as the wage scans.
    scheduleWhileServing(
      app,
      p.config.scanIntervalMinutes,
      (minutes, log) => new JobsExpiryScheduler(s.jobs, minutes, log),
    );
  },
});
