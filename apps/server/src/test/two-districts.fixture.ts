import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

/**
 * The database layer's scope fixture: 昆明市 with two districts (五华区 530102, 盘龙区 530103) and one account in
 * each, `<prefix>_wuhua` and `<prefix>_panlong` — a read scoped to one district must see its account only.
 */
export async function seedTwoDistricts(db: Database, prefix: string): Promise<void> {
  await db.owner.execute(sql`insert into regions (code, name, level, parent_code, full_name)
    values ('5301', '昆明市', 2, null, '昆明市'), ('530102', '五华区', 3, null, '五华区'),
      ('530103', '盘龙区', 3, null, '盘龙区') on conflict (code) do nothing`);
  await db.owner.execute(sql`insert into users (username, display_name, region_code, password_hash)
    values (${`${prefix}_wuhua`}, '五华', '530102', 'x'), (${`${prefix}_panlong`}, '盘龙', '530103', 'x')`);
}
