import { allocationMissed } from './allocationMissed.js';
import { arrearsAge } from './arrearsAge.js';
import { attendeesWithoutWage } from './attendeesWithoutWage.js';
import { belowMinimumWage } from './belowMinimumWage.js';
import { departedUnsettled } from './departedUnsettled.js';
import { depositTopupOverdue } from './depositTopupOverdue.js';
import { excessivePayMonth, excessivePayYear } from './excessivePay.js';
import { missingInstitutions } from './missingInstitutions.js';
import { noContractOnSite } from './noContractOnSite.js';
import { paidFewerThanAttended } from './paidFewerThanAttended.js';
import type { WarningRule } from './rule.js';
import { wagesUnpaid } from './wagesUnpaid.js';

export type { Finding, RuleContext, WarningRule } from './rule.js';

/** Every early-warning rule, in the order they run and are listed. */
export const WARNING_RULES: readonly WarningRule[] = [
  wagesUnpaid,
  allocationMissed,
  belowMinimumWage,
  paidFewerThanAttended,
  attendeesWithoutWage,
  excessivePayMonth,
  excessivePayYear,
  departedUnsettled,
  missingInstitutions,
  depositTopupOverdue,
  arrearsAge,
  noContractOnSite,
];

export const RULE_BY_ID = new Map(WARNING_RULES.map((r) => [r.id, r]));
