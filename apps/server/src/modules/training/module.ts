import { defineModule, portOf } from '../../platform/platform.js';
import type { RegistryPort } from '../registry/index.js';
import { ClassesService } from './classes.service.js';
import { EnrolmentsService } from './enrolments.service.js';
import { SubsidiesService } from './subsidies.service.js';
import { TrainingSeedService } from './seed.service.js';
import { enrolmentsImportKind } from './training.imports.js';
import { subsidiesRoutes } from './subsidies.routes.js';
import { TRAINING_PERMISSIONS, TRAINING_ROLE_GRANTS } from './training.permissions.js';
import type { TrainingPort } from './training.port.js';
import { trainingRoutes } from './training.routes.js';

/** 职业技能培训 (institutions, classes, enrolments, certificates, subsidies, targets): the training module. */
export const trainingModule = defineModule({
  name: 'training',
  permissions: TRAINING_PERMISSIONS,
  roleGrants: TRAINING_ROLE_GRANTS,
  createServices(p) {
    const registry = portOf<RegistryPort>(p, 'registry'); // 实名制: trainees and employers
    const classes = new ClassesService(p.db, p.audit, registry, p.config.cityCode, p.now);
    const enrolments = new EnrolmentsService(p.db, p.audit, p.events, p.settings, registry);
    const subsidies = new SubsidiesService(p.db, p.audit, p.cipher, enrolments, p.now);
    const training: TrainingPort = { certificatesOf: (tx, ids) => enrolments.certificatesOf(tx, ids) };
    const trainingSeed = new TrainingSeedService(classes, enrolments, subsidies, p.db, p.events, p.now);
    return {
      training,
      trainingClasses: classes,
      trainingEnrolments: enrolments,
      trainingSubsidies: subsidies,
      trainingSeed,
    };
  },
  importKinds: (p, s) => [enrolmentsImportKind(p.db, s.trainingEnrolments)],
  async register(app, p, s) {
    await trainingRoutes(app, {
      classes: s.trainingClasses,
      enrolments: s.trainingEnrolments,
      subsidies: s.trainingSubsidies,
      imports: p.imports,
    });
    subsidiesRoutes(app, s.trainingSubsidies);
  },
});
