import type { Database } from '../../db/client.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { EventLog } from '../../platform/events/events.js';
import { EmployersService } from './employers.service.js';
import { EmploymentsService } from './employments.service.js';
import { InsuranceService } from './insurance.service.js';
import type { CodeSets } from './registry.common.js';
import { RegistryPortService } from './registry.port.js';
import { UnmaskService } from './unmask.service.js';
import { prepareInsert, WorkerBatchService } from './workerBatch.service.js';
import { WorkersService } from './workers.service.js';

/**
 * The real-name registry (实名制) under one name, `services.registry`: the use cases live in the services
 * by topic (workers, worker batches, unmask, employers, employments, insurance, the port for other
 * modules); this class builds them on the same platform services and answers for each of them.
 */
export class RegistryService {
  private readonly portSvc: RegistryPortService;
  private readonly workersSvc: WorkersService;
  private readonly batchSvc: WorkerBatchService;
  private readonly unmaskSvc: UnmaskService;
  private readonly employersSvc: EmployersService;
  private readonly employmentsSvc: EmploymentsService;
  private readonly insuranceSvc: InsuranceService;

  constructor(db: Database, cipher: FieldCipher, audit: AuditLog, events: EventLog, codes: CodeSets, now: () => Date) {
    this.portSvc = new RegistryPortService(cipher);
    this.workersSvc = new WorkersService(db, cipher, audit, events, codes, now);
    this.batchSvc = new WorkerBatchService(audit, events, now, this.workersSvc);
    this.unmaskSvc = new UnmaskService(db, cipher, audit, now, this.workersSvc);
    this.employersSvc = new EmployersService(db, cipher, audit, events, codes);
    this.employmentsSvc = new EmploymentsService(db, cipher, audit, events, codes, now, this.workersSvc);
    this.insuranceSvc = new InsuranceService(db, audit, events, now, this.workersSvc);
  }

  // ---------------------------------------------------------------- what other modules ask (RegistryPort)
  idNumberIndex: RegistryPortService['idNumberIndex'] = (...a) => this.portSvc.idNumberIndex(...a);
  workerForProject: RegistryPortService['workerForProject'] = (...a) => this.portSvc.workerForProject(...a);
  workerRef: RegistryPortService['workerRef'] = (...a) => this.portSvc.workerRef(...a);
  workerProfile: RegistryPortService['workerProfile'] = (...a) => this.portSvc.workerProfile(...a);
  workerLabels: RegistryPortService['workerLabels'] = (...a) => this.portSvc.workerLabels(...a);
  employers: RegistryPortService['employers'] = (...a) => this.portSvc.employers(...a);
  employerIdsMatching: RegistryPortService['employerIdsMatching'] = (...a) => this.portSvc.employerIdsMatching(...a);

  // ---------------------------------------------------------------- workers
  createWorker: WorkersService['createWorker'] = (...a) => this.workersSvc.createWorker(...a);
  updateWorker: WorkersService['updateWorker'] = (...a) => this.workersSvc.updateWorker(...a);
  getWorker: WorkersService['getWorker'] = (...a) => this.workersSvc.getWorker(...a);
  listWorkers: WorkersService['listWorkers'] = (...a) => this.workersSvc.listWorkers(...a);
  timeline: WorkersService['timeline'] = (...a) => this.workersSvc.timeline(...a);
  merge: WorkersService['merge'] = (...a) => this.workersSvc.merge(...a);
  columnsOf: WorkersService['columnsOf'] = (...a) => this.workersSvc.columnsOf(...a);
  sealWorkers: WorkersService['sealMany'] = (...a) => this.workersSvc.sealMany(...a);
  sealWorkerRecords: WorkersService['sealRecords'] = (...a) => this.workersSvc.sealRecords(...a);
  countWorkers: WorkersService['countWorkers'] = (...a) => this.workersSvc.countWorkers(...a);
  oldestActiveWorkers: WorkersService['oldestActiveWorkers'] = (...a) => this.workersSvc.oldestActiveWorkers(...a);
  analyzeTables: WorkersService['analyzeTables'] = (...a) => this.workersSvc.analyzeTables(...a);
  upsertWorkers: WorkerBatchService['upsertWorkers'] = (...a) => this.batchSvc.upsertWorkers(...a);
  prepareWorkerInsert = prepareInsert;
  unmask: UnmaskService['unmask'] = (...a) => this.unmaskSvc.unmask(...a);

  // ---------------------------------------------------------------- employers
  createEmployer: EmployersService['createEmployer'] = (...a) => this.employersSvc.createEmployer(...a);
  upsertEmployer: EmployersService['upsertEmployer'] = (...a) => this.employersSvc.upsertEmployer(...a);
  updateEmployer: EmployersService['updateEmployer'] = (...a) => this.employersSvc.updateEmployer(...a);
  getEmployer: EmployersService['getEmployer'] = (...a) => this.employersSvc.getEmployer(...a);
  listEmployers: EmployersService['listEmployers'] = (...a) => this.employersSvc.listEmployers(...a);
  employerRegions: EmployersService['employerRegions'] = (...a) => this.employersSvc.employerRegions(...a);

  // ---------------------------------------------------------------- employments and insurance
  createEmployment: EmploymentsService['createEmployment'] = (...a) => this.employmentsSvc.createEmployment(...a);
  updateEmployment: EmploymentsService['updateEmployment'] = (...a) => this.employmentsSvc.updateEmployment(...a);
  importEmployment: EmploymentsService['importEmployment'] = (...a) => this.employmentsSvc.importEmployment(...a);
  addEmploymentsBulk: EmploymentsService['addEmploymentsBulk'] = (...a) => this.employmentsSvc.addEmploymentsBulk(...a);
  listEmployments: EmploymentsService['listEmployments'] = (...a) => this.employmentsSvc.listEmployments(...a);
  contractRates: EmploymentsService['contractRates'] = (...a) => this.employmentsSvc.contractRates(...a);
  replaceInsurance: InsuranceService['replaceInsurance'] = (...a) => this.insuranceSvc.replaceInsurance(...a);
  addTransfer: InsuranceService['addTransfer'] = (...a) => this.insuranceSvc.addTransfer(...a);
  transfers: InsuranceService['transfers'] = (...a) => this.insuranceSvc.transfers(...a);
}
