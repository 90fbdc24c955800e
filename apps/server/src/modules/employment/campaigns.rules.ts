import { shanghaiDate } from '@mwsp/domain';

/** The rules of campaigns and job fairs (招聘活动与招聘会), pure: the service applies them. */

export interface Problem {
  path: string;
  message: string;
}

/** A fair is held within its campaign's dates and, when the campaign names regions, in one of them. */
export function checkFairWithinCampaign(
  c: { startDate: string; endDate: string; regionCode: string; regions: string[] },
  f: { heldOn: string; regionCode: string },
): Problem | null {
  if (f.heldOn < c.startDate || f.heldOn > c.endDate)
    return { path: 'heldOn', message: `招聘会日期须在活动期间（${c.startDate} 至 ${c.endDate}）内` };
  const areas = c.regions.length ? c.regions : [c.regionCode];
  if (!areas.some((a) => f.regionCode.startsWith(a)))
    return { path: 'regionCode', message: '招聘会举办地须在活动覆盖的区域内' };
  return null;
}

/** Results come after the fair; referrals and hires are people who attended (each ≤ attendees). */
export function checkFairResults(
  f: { heldOn: string },
  r: { attendees: number; referrals: number; hires: number },
  now: Date,
): Problem | null {
  if (f.heldOn > shanghaiDate(now)) return { path: 'attendees', message: '招聘会尚未举办，不能登记成效' };
  if (r.referrals > r.attendees) return { path: 'referrals', message: '推荐人数不能多于入场人数' };
  if (r.hires > r.attendees) return { path: 'hires', message: '达成就业意向人数不能多于入场人数' };
  return null;
}

/**
 * A campaign of an ancestor region (city or county level, the caller below it) is visible read-only to the
 * counties, townships and villages under it: they see it in the list and its detail and weights, but cannot add
 * fairs or change it. The caller's own campaigns (within its region) follow its data scope as before.
 */
export function isAncestorCampaign(p: { dataScope: string; regionCode: string }, c: { regionCode: string }): boolean {
  if (p.dataScope === 'all') return false;
  // City (4 digits) or county (6) level only: the same rule as the RLS policy campaigns_read_ancestor (0050).
  const level = c.regionCode.length === 4 || c.regionCode.length === 6;
  return level && c.regionCode.length < p.regionCode.length && p.regionCode.startsWith(c.regionCode);
}
