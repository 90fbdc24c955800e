/**
 * Employment services (就业服务): the enums of job postings (岗位信息), job seekers (求职登记) and referrals
 * (职业介绍) with their Chinese names, defined once for the server, the exports and the console.
 */

export const JOB_STATUSES = ['open', 'filled', 'expired', 'withdrawn'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  open: '招聘中',
  filled: '已招满',
  expired: '已过期',
  withdrawn: '已撤回',
};

export const SEEKER_STATUSES = ['seeking', 'referred', 'employed', 'inactive'] as const;
export type SeekerStatus = (typeof SEEKER_STATUSES)[number];
export const SEEKER_STATUS_LABELS: Record<SeekerStatus, string> = {
  seeking: '求职中',
  referred: '已推荐',
  employed: '已就业',
  inactive: '暂停求职',
};

/** 就地就近 (stay near home) / 外出 (go out to work) / either. */
export const PLACE_PREFERENCES = ['local', 'outbound', 'any'] as const;
export type PlacePreference = (typeof PLACE_PREFERENCES)[number];
export const PLACE_PREFERENCE_LABELS: Record<PlacePreference, string> = {
  local: '就地就近',
  outbound: '外出务工',
  any: '均可',
};

export const REFERRAL_OUTCOMES = ['pending', 'interviewed', 'hired', 'refused', 'no_show'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export const REFERRAL_OUTCOME_LABELS: Record<ReferralOutcome, string> = {
  pending: '待反馈',
  interviewed: '已面试',
  hired: '已录用',
  refused: '未录用',
  no_show: '未到场',
};

/** Who reported an outcome: the staff member, or the employer (by phone, on paper, later on its own portal). */
export const OUTCOME_SOURCES = ['staff', 'employer'] as const;
export const OUTCOME_SOURCE_LABELS: Record<(typeof OUTCOME_SOURCES)[number], string> = {
  staff: '工作人员',
  employer: '用人单位',
};

/** The follow-ups of a hire (就业回访): 30 and 90 days after the hire. */
export const FOLLOW_UP_DAYS = [30, 90] as const;
export type FollowUpDay = (typeof FOLLOW_UP_DAYS)[number];

export const SEX_REQUIREMENTS = ['any', 'male', 'female'] as const;
export type SexRequirement = (typeof SEX_REQUIREMENTS)[number];
export const SEX_REQUIREMENT_LABELS: Record<SexRequirement, string> = { any: '不限', male: '男', female: '女' };

/** A seeker not reconfirmed for this many days is stale: out of the matching pool until reconfirmed. */
export const SEEKER_STALE_DAYS = 90;

/** Benefits a posting may offer (福利待遇). */
export interface JobBenefits {
  housing: boolean; // 提供住宿
  meals: boolean; // 提供餐食
  insurance: boolean; // 缴纳社会保险
}
