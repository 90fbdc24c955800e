/** The platform's code tables (GET /api/code-tables). */
import { EDUCATIONS } from './educations.js';
import { EMPLOYER_SIZES } from './employerSizes.js';
import { ETHNICITIES } from './ethnicities.js';
import { INDUSTRIES } from './industries.js';
import { INSURANCE_TYPES } from './insuranceTypes.js';
import { OCCUPATIONS } from './occupations.js';
import { RELATIONS } from './relations.js';
import { SCHOOL_STAGES } from './schoolStages.js';

export * from './codeTable.js';
export * from './educations.js';
export * from './employerSizes.js';
export * from './ethnicities.js';
export * from './industries.js';
export * from './insuranceTypes.js';
export * from './occupations.js';
export * from './relations.js';
export * from './schoolStages.js';

/** All tables in the shape of the `GET /api/code-tables` answer (docs/REGISTRY-API.md). */
export const CODE_TABLES = {
  ethnicities: ETHNICITIES,
  educations: EDUCATIONS,
  industries: INDUSTRIES,
  occupations: OCCUPATIONS,
  employerSizes: EMPLOYER_SIZES,
  schoolStages: SCHOOL_STAGES,
  insuranceTypes: INSURANCE_TYPES,
  relations: RELATIONS,
} as const;
