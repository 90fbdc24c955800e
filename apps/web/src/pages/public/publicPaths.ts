/**
 * Paths of the pages open to everyone (no sign-in). The session provider should not ask
 * GET /api/auth/me on them: `isPublicPath(window.location.pathname)`.
 */
export const PUBLIC_PATHS = ['/wage-lookup', '/public'] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
