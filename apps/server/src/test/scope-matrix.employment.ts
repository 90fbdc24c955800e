/**
 * The employment module's routes (issue #12). Not yet in the matrix proper: their scope is tested in
 * modules/employment/employment.test.ts (a county officer sees only its county's seekers, matches and referrals;
 * another county's posting cannot be withdrawn). TODO(integrator): checks per data scope here, with a seeker per
 * fixture user.
 */
export const EMPLOYMENT_EXEMPT: Record<string, string> = {
  'GET /api/jobs': 'postings are public within the platform (RLS: read for all); 本人/本部门 narrowed by scopeFilter',
  'POST /api/jobs': 'region-scoped write (access + RLS WITH CHECK), employment.test.ts',
  'POST /api/jobs/moderation': 'pure check, no record',
  'GET /api/jobs/:id': 'postings are public within the platform',
  'PUT /api/jobs/:id': 'requireInScope + RLS, employment.test.ts',
  'POST /api/jobs/:id/withdraw': 'requireInScope + RLS, employment.test.ts (other county: 404)',
  'GET /api/jobs/:id/matches': 'seekers under RLS scope, employment.test.ts (each county sees its own)',
  'GET /api/seekers': 'RLS + scopeFilter, employment.test.ts',
  'POST /api/seekers': 'worker through the registry port under the caller scope, employment.test.ts',
  'GET /api/seekers/:id': 'requireInScope + RLS, employment.test.ts (other county: 404)',
  'PUT /api/seekers/:id': 'requireInScope + RLS',
  'POST /api/seekers/:id/reconfirm': 'requireInScope + RLS, employment.test.ts',
  'GET /api/seekers/:id/matches': 'requireInScope on the seeker, employment.test.ts (other county: 404)',
  'GET /api/referrals': 'RLS + scopeFilter, employment.test.ts',
  'GET /api/referrals/stats': 'RLS: counts of the rows in scope',
  'POST /api/referrals': 'the seeker loaded in scope, employment.test.ts',
  'POST /api/referrals/:id/outcome': 'requireInScope + RLS',
  'POST /api/referrals/:id/follow-ups': 'requireInScope + RLS',
};
