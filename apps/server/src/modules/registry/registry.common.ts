import { badRequest, type HttpError } from '../../platform/http/errors.js';
import type { Resource } from '../../platform/access/access.js';
import type { EmployerRow } from './employers.repo.js';
import type { WorkerRow } from './registry.repo.js';
import type { FieldErrors } from './worker.rules.js';

/** The contexts of the registry's encrypted fields and blind indexes. */
export const CTX = {
  id: 'workers.id_number',
  phone: 'workers.phone',
  bank: 'workers.bank_card',
  emergency: 'workers.emergency_contact',
  family: 'workers.family',
  employerPhone: 'employers.contact_phone',
};

export interface CodeSets {
  ethnicities: Set<string>;
  educations: Set<string>;
  industries: Set<string>;
  occupations: Set<string>;
  schoolStages: Set<string>;
  relations: Set<string>;
}

/** Field errors as one 400 answer, each with its path. */
export function invalid(errors: FieldErrors): HttpError {
  const list = Object.entries(errors).map(([path, message]) => ({ path, message }));
  return badRequest(list.map((e) => e.message).join('；'), list);
}

/** A worker's owner is the user who registered it, its department that user's department then. */
export function workerResource(w: Pick<WorkerRow, 'residenceRegionCode' | 'createdBy' | 'departmentId'>): Resource {
  return { regionCode: w.residenceRegionCode, ownerId: w.createdBy, departmentId: w.departmentId };
}

/** An employer's owner and department likewise (scope of edits; reading the register is city-wide). */
export function employerResource(m: Pick<EmployerRow, 'regionCode' | 'createdBy' | 'departmentId'>): Resource {
  return { regionCode: m.regionCode, ownerId: m.createdBy, departmentId: m.departmentId };
}

export interface EmployerInput {
  creditCode: string;
  name: string;
  legalRep?: string | null;
  industry: string;
  size: 'micro' | 'small' | 'medium' | 'large';
  regionCode: string;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

export interface EmploymentInput {
  workerId: string;
  employerId: string;
  startDate: string;
  endDate?: string | null;
  position?: string | null;
  occupationCode?: string | null;
  wageFen?: number | null;
  wageType?: 'monthly' | 'daily' | 'piece';
  contractType?: 'fixed' | 'open' | 'task' | 'none';
  contractSigned?: boolean;
  contractTermMonths?: number | null;
  filingStatus?: 'filed' | 'pending' | 'none';
  dispatch?: boolean;
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}
