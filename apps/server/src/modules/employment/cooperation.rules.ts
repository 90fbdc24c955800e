import { shanghaiDate } from '@mwsp/domain';
import type { Problem } from './campaigns.rules.js';

/** The rules of labour cooperation (劳务对接), pure: the service applies them. */

/**
 * An organised group is recorded when it has left (not in the future) and, under an agreement, within the
 * agreement's term.
 */
export function checkGroupDate(
  departedOn: string,
  agreement: { startDate: string; endDate: string } | null,
  now: Date,
): Problem | null {
  if (departedOn > shanghaiDate(now)) return { path: 'departedOn', message: '出发日期不能晚于今天（输出后登记）' };
  if (agreement && (departedOn < agreement.startDate || departedOn > agreement.endDate))
    return {
      path: 'departedOn',
      message: `出发日期须在协议期限（${agreement.startDate} 至 ${agreement.endDate}）内`,
    };
  return null;
}

/** A model township is a township (乡镇/街道, level 4), a model village a village (村/社区, level 5). */
export function checkModelSiteLevel(kind: 'township' | 'village', level: number): Problem | null {
  if (kind === 'township' && level !== 4) return { path: 'regionCode', message: '示范乡镇须选择乡镇（街道）' };
  if (kind === 'village' && level !== 5) return { path: 'regionCode', message: '示范村须选择村（社区）' };
  return null;
}
