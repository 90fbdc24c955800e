import { VIOLATION_RECORDED_EVENT, type ViolationRecordedData } from '@mwsp/domain';
import { defineModule, portOf } from '../../platform/platform.js';
import { scheduleWhileServing } from '../../platform/schedule/periodic.js';
import { EMPLOYER_UPDATED, type EmployerUpdatedData, type RegistryPort } from '../registry/index.js';
import { ArrearsService } from './arrears.service.js';
import { LedgerService } from './ledger.service.js';
import { ProjectsService } from './projects.service.js';
import { WageSeedService } from './seed.service.js';
import { attendanceImportKind, bankPaymentsImportKind, payrollImportKind } from './wages.imports.js';
import { WAGES_PERMISSIONS, WAGES_ROLE_GRANTS } from './wages.permissions.js';
import { wagesRoutes } from './wages.routes.js';
import { WagesScheduler } from './wages.scheduler.js';
import { WarningEngine } from './warnings.engine.js';
import { WarningsService } from './warnings.service.js';

/** 工资支付监管 (projects, ledgers, warnings, arrears): the wages module as a plug-in of the platform. */
export const wagesModule = defineModule({
  name: 'wages',
  permissions: WAGES_PERMISSIONS,
  roleGrants: WAGES_ROLE_GRANTS,
  createServices(p) {
    const { db, cipher, audit, events, accounts, calendar, org, settings, now } = p;
    const registry = portOf<RegistryPort>(p, 'registry'); // 实名制: workers and employers through the registry's port
    const workCalendar = () => calendar.calendar();
    const warnings = new WarningsService(db, audit, events, workCalendar, now, accounts, org, settings, registry);
    const params = () => warnings.params();
    const projects = new ProjectsService(db, cipher, audit, events, params, workCalendar, now, registry);
    const ledger = new LedgerService(db, cipher, audit, projects);
    const engine = new WarningEngine(db, events, params, workCalendar, now);
    const arrears = new ArrearsService(db, audit, events, params, workCalendar, now, registry);
    const wageSeed = new WageSeedService(db, cipher); // bulk load of generated data: demo, tests, benchmarks
    return { projects, ledger, warnings, arrears, engine, wageSeed };
  },
  importKinds: (p, { ledger, engine }) => [
    payrollImportKind(p.db, ledger, engine),
    bankPaymentsImportKind(p.db, p.cipher, ledger, engine),
    attendanceImportKind(p.db, ledger, engine),
  ],
  async register(app, p, s) {
    await wagesRoutes(app, { ...s, imports: p.imports, accounts: p.accounts, publicUrl: p.config.publicUrl });
    // The defaulter listings keep their employer's name and credit code current (ArrearsService.employerChanged).
    p.events.on(EMPLOYER_UPDATED, (tx, e) => s.arrears.employerChanged(tx, e.subjectId, e.data as EmployerUpdatedData));
    // Labour-inspection violations (the rights module's penalty decisions and closures) count in the integrity grade.
    p.events.on(VIOLATION_RECORDED_EVENT, (tx, e) =>
      s.arrears.violationRecorded(tx, e.data as unknown as ViolationRecordedData),
    );
    scheduleWhileServing(app, p.config.scanIntervalMinutes, (minutes, log) => new WagesScheduler(s, minutes, log));
  },
});
