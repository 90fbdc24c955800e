/**
 * Where to continue after sign-in. Kept in sessionStorage so that it survives the
 * password-change / TOTP steps and a reload in between.
 */
const KEY = 'mwsp.returnTo';

function valid(path: string | null | undefined): path is string {
  return !!path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login');
}

export function rememberReturnTo(path: string): void {
  if (!valid(path) || path === '/') return;
  try {
    sessionStorage.setItem(KEY, path);
  } catch {
    // storage unavailable: the user simply lands on the home page
  }
}

export function peekReturnTo(): string {
  try {
    const v = sessionStorage.getItem(KEY);
    return valid(v) ? v : '/';
  } catch {
    return '/';
  }
}

export function clearReturnTo(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // ignored
  }
}
