import { describe, expect, it } from 'vitest';
import { DEPARTMENT_SEEDS, departmentNames, MODULES, POLICY_MEASURES } from './departments.seed.js';

const moduleCodes = new Set<string>(MODULES.map((m) => m.code));
const byCode = new Map(DEPARTMENT_SEEDS.map((d) => [d.code, d]));

describe('department seeds', () => {
  it('has the nine modules with Chinese names', () => {
    expect(MODULES.map((m) => m.code)).toEqual(['registry', 'employment', 'training', 'wages', 'cases', 'services', 'care', 'stats', 'supervision']);
    expect(MODULES.find((m) => m.code === 'wages')!.name).toBe('工资支付保障');
  });

  it('codes are unique ASCII, sorts unique, modules valid', () => {
    expect(byCode.size).toBe(DEPARTMENT_SEEDS.length);
    expect(new Set(DEPARTMENT_SEEDS.map((d) => d.sort)).size).toBe(DEPARTMENT_SEEDS.length);
    for (const d of DEPARTMENT_SEEDS) {
      expect(d.code).toMatch(/^[a-z][a-z_]*$/);
      expect(d.modules.length).toBeGreaterThan(0);
      for (const m of d.modules) expect(moduleCodes.has(m), `${d.code}: ${m}`).toBe(true);
      expect(['government', 'court', 'mass_org', 'other']).toContain(d.kind);
      expect(d.cities.length).toBeGreaterThan(0);
      expect(d.name.length).toBeGreaterThan(1);
    }
  });

  it('every measure names known units and valid modules', () => {
    expect(POLICY_MEASURES.filter((m) => m.city === '5301')).toHaveLength(27); // 21 measures + 6 organisational guarantees
    expect(POLICY_MEASURES.filter((m) => m.city === '6543')).toHaveLength(25);
    for (const m of POLICY_MEASURES) {
      expect(m.lead.length, m.ref).toBeGreaterThan(0);
      for (const code of [...m.lead, ...m.responsible]) {
        expect(byCode.has(code), `${m.city} ${m.ref}: ${code}`).toBe(true);
        expect(byCode.get(code)!.cities, `${m.city} ${m.ref}: ${code}`).toContain(m.city);
      }
      for (const mod of m.modules) expect(moduleCodes.has(mod)).toBe(true);
    }
  });

  it('every department is named by some measure of each of its cities', () => {
    for (const d of DEPARTMENT_SEEDS) {
      for (const city of d.cities) {
        expect(POLICY_MEASURES.some((m) => m.city === city && [...m.lead, ...m.responsible].includes(d.code)), `${city} ${d.code}`).toBe(true);
      }
    }
  });

  it('contains the key departments under each document’s name', () => {
    const kunming = [
      '市人力资源社会保障局', '市发展和改革委员会', '市教育局', '市科学技术局', '市财政局', '市住房和城乡建设局', '市农业局',
      '市安全生产监督管理局', '市统计局', '市人民政府扶贫开发办公室', '市总工会', '共青团昆明市委', '市妇女联合会', '市公安局',
      '市民政局', '市卫生和计划生育委员会', '市中级人民法院', '市司法局', '市工商行政管理局', '市商务局', '人民银行昆明中心支行',
      '市地方税务局', '市国土资源局', '市林业局', '市委宣传部', '国家统计局昆明调查总队', '市交通运输局', '市工业和信息化委员会',
    ];
    const altay = [
      '地区人力资源和社会保障局', '地区发展改革委', '地区教育局', '地区建设局', '地区卫生局', '地区人口计生委', '地区团委', '地区妇联',
      '地区工会', '地区中级人民法院', '地区文化体育广播影视局', '人民银行阿勒泰地区中心支行', '地区统筹城乡就业和培训领导小组办公室',
    ];
    const namesIn = (city: '5301' | '6543') =>
      DEPARTMENT_SEEDS.filter((d) => d.cities.includes(city)).map((d) => departmentNames(d, city).name);
    expect(namesIn('5301')).toEqual(expect.arrayContaining(kunming));
    expect(namesIn('6543')).toEqual(expect.arrayContaining(altay));
    expect(departmentNames(byCode.get('youth')!, '6543')).toEqual({ name: '地区团委', shortName: '团委' });
    expect(departmentNames(byCode.get('youth')!, '9999')).toEqual({ name: '共青团昆明市委', shortName: '团市委' });
  });

  it('maps departments to the modules of the measures naming them', () => {
    expect(byCode.get('hrss')!.modules).toEqual(MODULES.map((m) => m.code)); // leads in every area
    expect(byCode.get('court')!.kind).toBe('court');
    expect(byCode.get('court')!.modules).toEqual(expect.arrayContaining(['wages', 'cases']));
    expect(byCode.get('justice')!.modules).toContain('cases');
    expect(byCode.get('police')!.modules).toEqual(expect.arrayContaining(['wages', 'cases', 'services']));
    expect(byCode.get('edu')!.modules).toEqual(expect.arrayContaining(['training', 'services', 'care']));
    expect(byCode.get('stats')!.modules).toContain('stats');
    expect(byCode.get('youth')!.modules).toContain('care');
    expect(byCode.get('women')!.kind).toBe('mass_org');
    for (const d of DEPARTMENT_SEEDS) expect(d.modules).toContain('supervision');
  });

  it('knows which city names which unit', () => {
    expect(byCode.get('rural_office')!.cities).toEqual(['5301']);
    expect(byCode.get('family_planning')!.cities).toEqual(['6543']);
    expect(byCode.get('hrss')!.cities).toEqual(['5301', '6543']);
    expect(byCode.get('family_planning')!.name).toBe('地区人口计生委');
    expect(byCode.get('transport')!.nameByCity).toBeUndefined();
  });
});
