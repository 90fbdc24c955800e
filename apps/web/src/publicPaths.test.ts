import { describe, expect, it } from 'vitest';
import { isPublicPath } from './publicPaths';
import { APP_ROUTES, PUBLIC_ROUTES } from './routes';

describe('public paths', () => {
  it('cover every public route, so the session provider never asks who is signed in there', () => {
    for (const { path } of PUBLIC_ROUTES) expect(isPublicPath(path), path).toBe(true);
  });

  it('cover no signed-in page', () => {
    for (const { path } of APP_ROUTES) expect(isPublicPath(path), path).toBe(false);
    expect(isPublicPath('/publications')).toBe(false);
  });
});
