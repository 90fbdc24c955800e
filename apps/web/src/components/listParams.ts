/** List pages keep their filters and paging in the URL (shareable links such as /warnings?overdue=true). */
export const PAGE_SIZES = [10, 20, 50, 100];

/** page and pageSize read from the URL, falling back to 1 and 20 on anything odd. */
export function pagingFromParams(params: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(params.get('page') ?? '1');
  const pageSize = Number(params.get('pageSize') ?? '20');
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** The query as URL parameters, leaving out empty values and the defaults. */
export function paramsFromQuery(q: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if ((k === 'page' && v === 1) || (k === 'pageSize' && v === 20)) continue;
    out[k] = String(v);
  }
  return out;
}
