/**
 * insertWorkers' two sources (registry.repo.ts): on PostgreSQL a batch is COPYed into a TEMP staging table and moved
 * by one INSERT … SELECT, on PGlite it travels as array parameters. Both must store exactly the given columns
 * (awkward text included), keep worker_ids and worker_counts in step, and leave row-level security checking every
 * inserted row.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, pgErrorMessage } from '../../db/client.js';
import { randomBytes } from '../../platform/crypto/index.js';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import * as repo from './registry.repo.js';

let t: TestPlatform;
let villages: string[];
let outside: string;

beforeAll(async () => {
  t = await startTestPlatform();
  villages = (
    await all<{ code: string }>(
      t.db.owner,
      sql`select code from regions where level = 5 and code like '530102%' order by code limit 5`,
    )
  ).map((r) => r.code);
  outside = (
    await all<{ code: string }>(
      t.db.owner,
      sql`select code from regions where level = 5 and code like '530103%' order by code limit 1`,
    )
  )[0].code;
});
afterAll(async () => t?.close());

// Text COPY must escape (tab, newline, backslash, quotes, braces, non-BMP) and NULLs that must stay NULL.
const AWKWARD = ['制表\t符', '换\n行', '反\\斜杠', '"引号"', '{花括号}', '𠈌·阿依古丽', '\\N', 'NULL'];

function worker(i: number, residence: string): repo.WorkerColumns {
  const odd = i % 2 === 1;
  return {
    name: AWKWARD[i % AWKWARD.length] + i,
    idBidx: randomBytes(32).toString('hex'),
    idEnc: 'v1.k1.' + randomBytes(40).toString('base64url'),
    idMasked: '530102********123X',
    sex: odd ? 'male' : 'female',
    birthDate: '1990-01-02',
    ethnicity: '01',
    education: 'junior',
    phoneEnc: odd ? null : 'v1.k1.' + randomBytes(30).toString('base64url'),
    phoneBidx: odd ? null : randomBytes(32).toString('hex'),
    phoneMasked: odd ? null : '138****1234',
    hukouRegionCode: '530102',
    residenceRegionCode: residence,
    migrantType: odd ? 'out' : 'local',
    crossProvince: i % 3 === 0,
    skills: [{ occupationCode: '6-29-01-01', certificate: AWKWARD[(i + 1) % AWKWARD.length], level: null }],
    bankCardEnc: null,
    bankCardMasked: null,
    bankName: odd ? AWKWARD[(i + 2) % AWKWARD.length] : null,
    bankCardLuhnOk: odd ? null : true,
    emergencyEnc: 'v1.k1.' + randomBytes(50).toString('base64url'),
    familyEnc: null,
    accompanyingChildrenCount: i % 3,
    leftBehindKinds: odd ? ['child', 'spouse'] : [],
  };
}

const stored = (ids: string[]) =>
  all<Record<string, unknown>>(
    t.db.owner,
    sql`select w.name, w.id_bidx as "idBidx", w.id_enc as "idEnc", w.id_masked as "idMasked", w.sex,
      to_char(w.birth_date, 'YYYY-MM-DD') as "birthDate", w.ethnicity, w.education, w.phone_enc as "phoneEnc",
      w.phone_bidx as "phoneBidx", w.phone_masked as "phoneMasked", w.hukou_region_code as "hukouRegionCode",
      w.residence_region_code as "residenceRegionCode", w.migrant_type as "migrantType",
      w.cross_province as "crossProvince", w.skills, w.bank_card_enc as "bankCardEnc",
      w.bank_card_masked as "bankCardMasked", w.bank_name as "bankName", w.bank_card_luhn_ok as "bankCardLuhnOk",
      w.emergency_enc as "emergencyEnc", w.family_enc as "familyEnc",
      w.accompanying_children_count as "accompanyingChildrenCount", w.left_behind_kinds as "leftBehindKinds",
      k.worker_id is not null as "keyed"
      from workers w left join worker_ids k on k.id_bidx = w.id_bidx and k.worker_id = w.id
      where w.id = any(${`{${ids.join(',')}}`}::uuid[]) order by w.id_bidx`,
  );

describe('insertWorkers (a batch large enough for the staging table on PostgreSQL)', () => {
  it('stores exactly the given columns, with their national look-up entries and counts', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => worker(i, villages[i % villages.length]));
    const before = await all<{ n: string }>(t.db.owner, sql`select coalesce(sum(n), 0) as n from worker_counts`);
    const ids = await t.db.scoped({ region: '530102' }, (tx) =>
      repo.insertWorkers(tx, rows, null, new Date(), null, repo.prepareWorkerInsert(rows, 'copy')),
    );
    expect(ids.size).toBe(150);
    const got = await stored([...ids.values()]);
    const want = rows.map((r) => ({ ...r, keyed: true })).sort((a, b) => (a.idBidx < b.idBidx ? -1 : 1));
    expect(got).toEqual(want);
    const after = await all<{ n: string }>(t.db.owner, sql`select coalesce(sum(n), 0) as n from worker_counts`);
    expect(Number(after[0].n) - Number(before[0].n)).toBe(150);
    // the staging table is left empty for the next batch of this connection
    const again = rows.map((r, i) => worker(i + 1000, r.residenceRegionCode));
    const ids2 = await t.db.scoped({ region: '530102' }, (tx) => repo.insertWorkers(tx, again, null, new Date()));
    expect((await stored([...ids2.values()])).length).toBe(150);
  });

  it('leaves row-level security checking every row: one row outside the scope fails the whole batch', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => worker(i + 2000, i === 57 ? outside : villages[0]));
    const err = await t.db
      .scoped({ region: '530102' }, (tx) =>
        repo.insertWorkers(tx, rows, null, new Date(), null, repo.prepareWorkerInsert(rows, 'copy')),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(pgErrorMessage(err)).toMatch(/row-level security/);
    const n = await all<{ n: string }>(
      t.db.owner,
      sql`select count(*) as n from workers where id_bidx = any(${`{${rows.map((r) => r.idBidx).join(',')}}`}::text[])`,
    );
    expect(Number(n[0].n)).toBe(0);
  });
});
