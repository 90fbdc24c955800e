import { shanghaiDate } from '@mwsp/domain';
import type { Problem } from './campaigns.rules.js';

/** The rules of the survey forms, pure: the service applies them. */

/** A survey answer is recorded on or after the day it was taken: not in the future. */
export function checkSurveyDate(surveyedOn: string, now: Date): Problem | null {
  if (surveyedOn > shanghaiDate(now)) return { path: 'surveyedOn', message: '调查日期不能晚于今天' };
  return null;
}

/** An outbound worker's income is given only for those who work (务工就业、自主创业/灵活就业). */
export function checkOutboundIncome(status: string, incomeFen: number | null | undefined): Problem | null {
  if ((status === 'seeking' || status === 'returned') && incomeFen)
    return { path: 'incomeFen', message: '求职中或已返乡人员不填写月收入' };
  return null;
}
