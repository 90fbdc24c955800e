import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { RegistryPort } from '../registry/index.js';
import { campaignRoutes } from './campaigns.routes.js';
import { CampaignsService } from './campaigns.service.js';
import { consultingRoutes } from './consulting.routes.js';
import { ProgramExportService } from './programs.export.js';
import { programExportRoutes } from './programs.routes.js';
import { ConsultingService } from './consulting.service.js';
import { cooperationRoutes } from './cooperation.routes.js';
import { CooperationService } from './cooperation.service.js';
import { startupRoutes } from './startup.routes.js';
import { StartupService } from './startup.service.js';
import { surveyRoutes } from './surveys.routes.js';
import { SurveysService } from './surveys.service.js';

/**
 * The employment programmes (issue #12 items 5–8) as one part of the employment module: campaigns and job fairs,
 * the two surveys, labour cooperation, entrepreneurship support and policy consulting. module.ts calls
 * `createProgramServices` in createServices and `programRoutes` in register.
 */
export function createProgramServices(p: Platform, registry: RegistryPort) {
  const city = p.config.cityCode;
  const services = {
    campaigns: new CampaignsService(p.db, p.audit, registry, city, p.now),
    surveys: new SurveysService(p.db, p.audit, registry, city, p.now),
    cooperation: new CooperationService(p.db, p.audit, registry, city, p.now),
    startup: new StartupService(p.db, p.audit, p.settings, registry, city, p.now),
    consulting: new ConsultingService(p.db, p.audit, city, p.now),
  };
  return { ...services, programExport: new ProgramExportService(services, p.audit, p.now) };
}
export type ProgramServices = ReturnType<typeof createProgramServices>;

export function programRoutes(app: FastifyInstance, s: ProgramServices) {
  campaignRoutes(app, s.campaigns);
  surveyRoutes(app, s.surveys);
  cooperationRoutes(app, s.cooperation);
  startupRoutes(app, s.startup);
  consultingRoutes(app, s.consulting);
  programExportRoutes(app, s.programExport);
}
