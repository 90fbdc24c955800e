import { defineModule, portOf } from '../../platform/platform.js';
import type { RegistryPort } from '../registry/index.js';
import type { WagesPort } from '../wages/index.js';
import { COMPLAINT_CASE_TYPE } from './complaints.rules.js';
import { ComplaintsService } from './complaints.service.js';
import { INSPECTION_CASE_TYPE, INSPECTION_TYPE } from './inspection.rules.js';
import { LEGAL_AID_CASE_TYPE, LEGAL_AID_TYPE } from './legalaid.rules.js';
import { legalAidRoutes } from './legalaid.routes.js';
import { LegalAidService } from './legalaid.service.js';
import { POLICE_TRANSFER_CASE_TYPE } from './police.rules.js';
import { PoliceTransferService } from './police.service.js';
import { RIGHTS_PERMISSIONS, RIGHTS_ROLE_GRANTS } from './rights.permissions.js';
import { rightsRoutes } from './rights.routes.js';

/** 维权 (complaints and reports, inspection, legal aid, transfer to the police): the rights module as a plug-in. */
export const rightsModule = defineModule({
  name: 'rights',
  permissions: RIGHTS_PERMISSIONS,
  roleGrants: RIGHTS_ROLE_GRANTS,
  createServices(p) {
    const registry = portOf<RegistryPort>(p, 'registry'); // 实名制: the complainant and the employer
    const wages = portOf<WagesPort>(p, 'warnings'); // the provincial 数额较大 figures (拒不支付劳动报酬罪)
    // Types that others open come first: inspection and legal aid from complaints, police transfers from inspection.
    p.cases.registerType(POLICE_TRANSFER_CASE_TYPE);
    p.cases.registerType(INSPECTION_CASE_TYPE);
    p.cases.registerType(LEGAL_AID_CASE_TYPE);
    p.cases.registerType(COMPLAINT_CASE_TYPE);
    const complaints = new ComplaintsService(p.db, p.cipher, p.audit, p.cases, registry, p.config.cityCode, p.now);
    const legalAid = new LegalAidService(p.db, p.audit, p.cases, registry, p.config.cityCode, p.now);
    const policeTransfers = new PoliceTransferService(p.db, p.cipher, p.audit, p.cases, registry, wages, p.now);
    p.cases.guard(INSPECTION_TYPE, 'police', policeTransfers.thresholdGuard);
    p.cases.guard(LEGAL_AID_TYPE, 'assign', legalAid.assignGuard);
    return { complaints, legalAid, policeTransfers };
  },
  register(app, p, { complaints, legalAid, policeTransfers }) {
    rightsRoutes(app, complaints);
    legalAidRoutes(app, legalAid, policeTransfers);
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
