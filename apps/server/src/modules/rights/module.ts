import { defineModule, portOf } from '../../platform/platform.js';
import type { RegistryPort } from '../registry/index.js';
import type { WagesPort } from '../wages/index.js';
import { ARBITRATION_CASE_TYPE } from './arbitration.rules.js';
import { ArbitrationService } from './arbitration.service.js';
import { COMPLAINT_CASE_TYPE } from './complaints.rules.js';
import { ComplaintsService } from './complaints.service.js';
import { gridsRoutes } from './grids.routes.js';
import { GridsService } from './grids.service.js';
import { INSPECTION_CASE_TYPE } from './inspection.rules.js';
import { LEGAL_AID_CASE_TYPE } from './legalaid.rules.js';
import { legalAidRoutes } from './legalaid.routes.js';
import { LegalAidService } from './legalaid.service.js';
import { MEDIATION_CASE_TYPE } from './mediation.rules.js';
import { MediationService } from './mediation.service.js';
import { POLICE_TRANSFER_CASE_TYPE } from './police.rules.js';
import { PoliceTransferService } from './police.service.js';
import { RIGHTS_PERMISSIONS, RIGHTS_ROLE_GRANTS } from './rights.permissions.js';
import { rightsRoutes } from './rights.routes.js';
import { RightsStatsService } from './rightsStats.service.js';
import { disputeRoutes } from './mediation.routes.js';
import { penaltiesRoutes } from './penalties.routes.js';
import { PenaltiesService } from './penalties.service.js';

/** 维权 (complaints and reports, inspection, legal aid, transfer to the police): the rights module as a plug-in. */
export const rightsModule = defineModule({
  name: 'rights',
  permissions: RIGHTS_PERMISSIONS,
  roleGrants: RIGHTS_ROLE_GRANTS,
  createServices(p) {
    const registry = portOf<RegistryPort>(p, 'registry'); // 实名制: the complainant and the employer
    // 最低工资标准 (arbitration's small-claims final-award rule) and the provincial 数额较大 figures (police transfer).
    const wages = portOf<WagesPort>(p, 'warnings');
    const arbitration = new ArbitrationService(
      p.db,
      p.cipher,
      p.audit,
      p.cases,
      registry,
      wages,
      p.config.cityCode,
      p.now,
    );
    const legalAid = new LegalAidService(p.db, p.audit, p.cases, registry, p.config.cityCode, p.now);
    const policeTransfers = new PoliceTransferService(p.db, p.cipher, p.audit, p.cases, registry, wages, p.now);
    const penalties = new PenaltiesService(p.db, p.audit, p.events, p.cases, p.now, registry);
    // First the types other types open (an openCase effect needs its target registered): police transfers from
    // inspection; inspection, arbitration and legal aid from complaints; arbitration from mediation. The hooks
    // are the module's rules a declaration cannot state (thresholds and rows read in the transaction).
    p.cases.registerType(POLICE_TRANSFER_CASE_TYPE);
    p.cases.registerType(INSPECTION_CASE_TYPE, penalties.inspectionHooks(policeTransfers.thresholdHooks()));
    p.cases.registerType(LEGAL_AID_CASE_TYPE, legalAid.hooks());
    p.cases.registerType(ARBITRATION_CASE_TYPE, arbitration.hooks());
    p.cases.registerType(MEDIATION_CASE_TYPE);
    p.cases.registerType(COMPLAINT_CASE_TYPE, policeTransfers.thresholdHooks());
    const complaints = new ComplaintsService(p.db, p.cipher, p.audit, p.cases, registry, p.config.cityCode, p.now);
    const rightsStats = new RightsStatsService(p.db, p.audit, p.cases, p.config.cityCode, p.now);
    const grids = new GridsService(p.db, p.audit, p.accounts, complaints, p.config.cityCode, p.now);
    const mediation = new MediationService(p.db, p.audit, p.cases, arbitration, p.now);
    return { complaints, rightsStats, grids, arbitration, mediation, legalAid, policeTransfers, penalties };
  },
  register(app, p, { complaints, rightsStats, grids, arbitration, mediation, legalAid, policeTransfers, penalties }) {
    rightsRoutes(app, complaints, rightsStats);
    gridsRoutes(app, grids);
    disputeRoutes(app, mediation, arbitration);
    legalAidRoutes(app, legalAid, policeTransfers);
    penaltiesRoutes(app, penalties);
    // The statutory clocks' sweep (amber, red, escalation: each once) on the platform's schedule.
    if (p.config.scanIntervalMinutes) {
      let timer: NodeJS.Timeout | null = null;
      const tick = () => {
        p.cases.sweep().catch((err: unknown) => app.log.error({ err }, 'case clock sweep failed'));
      };
      app.addHook('onReady', async () => {
        timer = setInterval(tick, p.config.scanIntervalMinutes * 60_000);
        timer.unref();
        tick();
      });
      app.addHook('onClose', async () => {
        if (timer) clearInterval(timer);
      });
    }
  },
});
