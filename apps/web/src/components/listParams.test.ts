import { describe, expect, it } from 'vitest';
import { pagingFromParams, paramsFromQuery } from './listParams';

describe('list state in the URL', () => {
  it('reads page and page size, falling back to 1 and 20 on anything odd', () => {
    expect(pagingFromParams(new URLSearchParams('page=3&pageSize=50'))).toEqual({ page: 3, pageSize: 50 });
    expect(pagingFromParams(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 20 });
    for (const odd of ['page=0', 'page=-2', 'page=1.5', 'page=abc', 'pageSize=7', 'pageSize=1000', 'pageSize=']) {
      const paging = pagingFromParams(new URLSearchParams(odd));
      expect([paging.page, paging.pageSize], odd).toEqual([1, 20]);
    }
  });

  it('writes only what differs from the defaults, leaving out empty filters', () => {
    expect(
      paramsFromQuery({
        page: 1,
        pageSize: 20,
        q: '',
        status: undefined,
        level: null,
        overdue: true,
        regionCode: '530111',
      }),
    ).toEqual({ overdue: 'true', regionCode: '530111' });
    expect(paramsFromQuery({ page: 2, pageSize: 100 })).toEqual({ page: '2', pageSize: '100' });
  });

  it('round-trips a list state through a shareable URL', () => {
    const state = { page: 4, pageSize: 50, q: '张三' };
    const url = new URLSearchParams(paramsFromQuery(state));
    expect(url.toString()).toBe('page=4&pageSize=50&q=%E5%BC%A0%E4%B8%89');
    expect({ ...pagingFromParams(url), q: url.get('q') }).toEqual(state);
  });
});
