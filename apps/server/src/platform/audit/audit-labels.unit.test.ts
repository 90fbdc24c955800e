/**
 * Every audit action the server records has a Chinese name in the one label table
 * (packages/domain auditLabels.ts) that the console's audit page uses; so do the object types.
 * Scans the server sources: `action: '…'` in audit entries, `changed(tx, p, …, '…')` of the wages
 * services (their actions are audited), and the two template actions, expanded by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_OBJECT_LABELS, auditActionLabel, auditDetailPairs } from '@mwsp/domain';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'harness.ts' ? [p] : [];
  });
}

/** Template actions (`warning.${action}`, `deposit.${input.kind}`) and what they expand to. */
const TEMPLATES: Record<string, string[]> = {
  'warning.${action}': ['warning.assigned', 'warning.acted', 'warning.closed'],
  'deposit.${input.kind}': ['deposit.drawdown', 'deposit.topup', 'deposit.return'],
};

function recordedActions(): { actions: Set<string>; objectTypes: Set<string>; templates: string[] } {
  const actions = new Set<string>();
  const objectTypes = new Set<string>();
  const templates: string[] = [];
  for (const file of sources(srcDir)) {
    // One line per file: a formatter may spread an `action:` expression over several lines.
    const text = readFileSync(file, 'utf8').replace(/\s+/g, ' ');
    for (const m of text.matchAll(/\baction: ([^,}]*)/g)) {
      for (const lit of m[1].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(lit[1]);
    }
    for (const m of text.matchAll(/changed\( ?tx, [^,]+, [^;]*?, '([a-z_]+\.[a-z_]+)'/g)) actions.add(m[1]);
    for (const m of text.matchAll(/(?:\baction: |changed\( ?tx, [^,]+, [^,]+, )`([^`]+)`/g)) templates.push(m[1]);
    for (const m of text.matchAll(/objectType: '([a-z_]+)'/g)) objectTypes.add(m[1]);
  }
  return { actions, objectTypes, templates };
}

describe('audit labels', () => {
  const found = recordedActions();

  it('finds the actions in the sources (the scan itself works)', () => {
    expect(found.actions.size).toBeGreaterThan(60);
    for (const a of [
      'auth.login',
      'access.denied',
      'access.not_found',
      'user.disable',
      'user.enable',
      'worker.export',
      'project.registered',
      'arrears.ordered',
      'defaulter.listed',
    ]) {
      expect(found.actions, a).toContain(a);
    }
  });

  it('names every recorded action in Chinese', () => {
    const all = [
      ...found.actions,
      ...found.templates.flatMap((t) => {
        expect(TEMPLATES[t], `template action ${t}: add its expansions to TEMPLATES`).toBeDefined();
        return TEMPLATES[t] ?? [];
      }),
    ];
    const missing = all.filter((a) => !AUDIT_ACTION_LABELS[a]);
    expect(missing).toEqual([]);
    for (const a of all) expect(AUDIT_ACTION_LABELS[a]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names every object type', () => {
    expect([...found.objectTypes].filter((t) => !AUDIT_OBJECT_LABELS[t])).toEqual([]);
  });

  it('shows details as Chinese key/value pairs', () => {
    expect(auditActionLabel('worker.export')).toBe('导出务工人员');
    expect(auditActionLabel('worker.something_new')).toBe('务工人员：worker.something_new');
    expect(
      auditDetailPairs({ rows: 1200, unmasked: true, purpose: '工资核对', filters: ['regionCode', 'sort'] }),
    ).toEqual([
      ['行数', '1,200'],
      ['含明文', '是'],
      ['用途', '工资核对'],
      ['筛选条件', '行政区划、排序'],
    ]);
    expect(auditDetailPairs({ reason: 'bad_password', failures: 2 })).toEqual([
      ['原因', '密码错误'],
      ['连续失败次数', '2'],
    ]);
    expect(auditDetailPairs({ fields: ['idNumber', 'phone'], purpose: '核查' })[0]).toEqual([
      '涉及字段',
      '身份证号、手机号码',
    ]);
    expect(auditDetailPairs(null)).toEqual([]);
  });
});
