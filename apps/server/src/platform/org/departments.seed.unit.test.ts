import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_SEEDS,
  departmentNames,
  departmentOfUnit,
  MERGED_UNITS,
  MODULES,
  POLICY_MEASURES,
  REFORMS,
} from './departments.seed.js';

const moduleCodes = new Set<string>(MODULES.map((m) => m.code));
const byCode = new Map(DEPARTMENT_SEEDS.map((d) => [d.code, d]));

describe('department seeds', () => {
  it('has the nine modules with Chinese names', () => {
    expect(MODULES.map((m) => m.code)).toEqual([
      'registry',
      'employment',
      'training',
      'wages',
      'cases',
      'services',
      'care',
      'stats',
      'supervision',
    ]);
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
    // 21 measures + 6 organisational guarantees
    expect(POLICY_MEASURES.filter((m) => m.city === '5301')).toHaveLength(27);
    expect(POLICY_MEASURES.filter((m) => m.city === '6543')).toHaveLength(25);
    for (const m of POLICY_MEASURES) {
      expect(m.lead.length, m.ref).toBeGreaterThan(0);
      for (const code of [...m.lead, ...m.responsible]) {
        // A unit merged since maps to its successor: the measure still has a department that exists.
        const dept = departmentOfUnit(code);
        expect(byCode.has(dept), `${m.city} ${m.ref}: ${code} → ${dept}`).toBe(true);
        expect(byCode.get(dept)!.cities, `${m.city} ${m.ref}: ${code}`).toContain(m.city);
        for (const mod of m.modules) expect(byCode.get(dept)!.modules, `${m.ref}: ${dept}`).toContain(mod);
      }
      for (const mod of m.modules) expect(moduleCodes.has(mod)).toBe(true);
    }
  });

  it('every department is named by some measure of each of its cities', () => {
    for (const d of DEPARTMENT_SEEDS) {
      for (const city of d.cities) {
        expect(
          POLICY_MEASURES.some(
            (m) => m.city === city && [...m.lead, ...m.responsible].some((u) => departmentOfUnit(u) === d.code),
          ),
          `${city} ${d.code}`,
        ).toBe(true);
      }
    }
  });

  it('contains the key departments under each document’s name (current name, or kept as 原名)', () => {
    const kunming = [
      '市人力资源社会保障局',
      '市发展和改革委员会',
      '市教育局',
      '市科学技术局',
      '市财政局',
      '市住房和城乡建设局',
      '市农业局',
      '市安全生产监督管理局',
      '市统计局',
      '市人民政府扶贫开发办公室',
      '市总工会',
      '共青团昆明市委',
      '市妇女联合会',
      '市公安局',
      '市民政局',
      '市卫生和计划生育委员会',
      '市中级人民法院',
      '市司法局',
      '市工商行政管理局',
      '市商务局',
      '人民银行昆明中心支行',
      '市地方税务局',
      '市国土资源局',
      '市林业局',
      '市委宣传部',
      '国家统计局昆明调查总队',
      '市交通运输局',
      '市工业和信息化委员会',
    ];
    const altay = [
      '地区人力资源和社会保障局',
      '地区发展改革委',
      '地区教育局',
      '地区建设局',
      '地区卫生局',
      '地区人口计生委',
      '地区团委',
      '地区妇联',
      '地区工会',
      '地区中级人民法院',
      '地区文化体育广播影视局',
      '人民银行阿勒泰地区中心支行',
      '地区统筹城乡就业和培训领导小组办公室',
    ];
    const namesIn = (city: '5301' | '6543') =>
      DEPARTMENT_SEEDS.filter((d) => d.cities.includes(city)).flatMap((d) => [
        departmentNames(d, city).name,
        ...departmentNames(d, city).formerNames,
      ]);
    expect(namesIn('5301')).toEqual(expect.arrayContaining(kunming));
    expect(namesIn('6543')).toEqual(expect.arrayContaining(altay));
    expect(departmentNames(byCode.get('youth')!, '6543')).toEqual({
      name: '地区团委',
      shortName: '团委',
      formerNames: [],
    });
    expect(departmentNames(byCode.get('youth')!, '9999')).toEqual({
      name: '共青团昆明市委',
      shortName: '团市委',
      formerNames: [],
    });
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
    expect(byCode.get('forestry')!.cities).toEqual(['5301']);
    expect(byCode.get('hrss')!.cities).toEqual(['5301', '6543']);
    expect(byCode.get('transport')!.nameByCity).toBeUndefined();
  });

  it('seeds the 2018 reform successors under their current names, the documents’ names kept as 原名', () => {
    const current = (code: string, city: '5301' | '6543') => departmentNames(byCode.get(code)!, city);
    const cases: [code: string, city: '5301' | '6543', now: string, was: string[]][] = [
      ['tax', '5301', '国家税务总局昆明市税务局', ['市地方税务局']],
      ['tax', '6543', '国家税务总局阿勒泰地区税务局', ['地区地税局']],
      ['aic', '5301', '市市场监督管理局', ['市工商行政管理局']],
      ['safety', '5301', '市应急管理局', ['市安全生产监督管理局']],
      ['safety', '6543', '地区应急管理局', ['地区安全生产监督管理局']],
      ['poverty', '5301', '市乡村振兴局', ['市人民政府扶贫开发办公室']],
      ['land', '5301', '市自然资源和规划局', ['市国土资源局']],
      ['land', '6543', '地区自然资源局', ['地区国土资源局']],
      ['agri', '5301', '市农业农村局', ['市农业局']],
      ['health', '5301', '市卫生健康委员会', ['市卫生和计划生育委员会']],
      ['health', '6543', '地区卫生健康委员会', ['地区卫生局', '地区人口计生委']], // 人口和计划生育 merged in
      ['culture', '5301', '市文化和旅游局', ['市文化广播电视体育局', '市旅游发展委员会']],
      ['justice', '5301', '市司法局', ['市人民政府法制办公室']],
      ['industry', '5301', '市工业和信息化局', ['市工业和信息化委员会']],
      ['forestry', '5301', '市林业和草原局', ['市林业局']],
    ];
    for (const [code, city, now, was] of cases) {
      expect(current(code, city).name, `${code} ${city}`).toBe(now);
      expect(current(code, city).formerNames, `${code} ${city}`).toEqual(was);
    }
    // Merged units are no departments of their own; their measures go to the successor.
    for (const code of ['family_planning', 'tourism', 'legal_affairs']) expect(byCode.has(code), code).toBe(false);
    expect(departmentOfUnit('family_planning')).toBe('health');
    expect(departmentOfUnit('tourism')).toBe('culture');
    expect(departmentOfUnit('legal_affairs')).toBe('justice');
    expect(departmentOfUnit('hrss')).toBe('hrss');
    expect(byCode.get('health')!.cities).toEqual(['5301', '6543']);
    expect(byCode.get('health')!.modules).toContain('services'); // Altay (十四) 计划生育 measure, via family_planning
    expect(MERGED_UNITS.map((m) => m.code).sort()).toEqual(['family_planning', 'legal_affairs', 'tourism']);
    // No seeded department still carries a pre-reform name as its current name.
    const stale =
      /地方税务局|地税局|工商行政管理局|工商局|安全生产监督管理局|扶贫开发办公室|国土资源局|食品药品监督管理局|卫生和计划生育委员会|人口计生委|环境保护局|^市农业局$|^地区农业局$/;
    for (const d of DEPARTMENT_SEEDS)
      for (const city of d.cities) expect(departmentNames(d, city).name, `${d.code} ${city}`).not.toMatch(stale);
    for (const code of Object.keys(REFORMS))
      if (!REFORMS[code].into) expect(byCode.get(code)!.note, code).toMatch(/改革|改为/);
  });
});
