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
