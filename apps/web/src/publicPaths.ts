/**
 * Paths of the pages open to everyone (no sign-in): a public page's address or anything below it.
 * Kept apart from routes.tsx (which loads every page) so the session provider can ask without an
 * import cycle; routes.tsx checks that its public routes all fall under these paths.
 */
export const PUBLIC_PATHS = ['/wage-lookup', '/public'] as const;

/** Whether the session provider should skip GET /api/auth/me on this path (/public/* lands on /public). */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
