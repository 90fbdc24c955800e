/**
 * Administrative connections of the tools (test set-ups, clusters, benchmarks): one connection per call, opened,
 * used and closed. `pg` is imported lazily so that modules importing this one stay cheap where no server is used.
 */
type Pg = typeof import('pg').default;
export type AdminClient = InstanceType<Pg['Client']>;

/** Runs fn on a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string, fn: (c: AdminClient) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The statements one after the other on a connection of their own. */
export async function runStatements(url: string, statements: string[]): Promise<void> {
  await withClient(url, async (c) => {
    for (const s of statements) await c.query(s);
  });
}

/** The rows of one statement on a connection of its own (the tools' tests' admin queries). */
export async function queryRows<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  return withClient(url, async (c) => (await c.query(text)).rows as T[]);
}

/** The same server's URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
