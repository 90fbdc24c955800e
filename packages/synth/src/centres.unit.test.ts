import { haversineKm } from '@mwsp/domain';
import { describe, expect, it } from 'vitest';
import { citySeat, regionCentre, townshipCentres } from './centres.js';

describe('synthetic town centres', () => {
  it('are deterministic and stay near their county seat and the city', () => {
    expect(regionCentre('530102001')).toEqual(regionCentre('530102001'));
    expect(regionCentre('530102001001')).toEqual(regionCentre('530102001')); // a village: its township
    const city = citySeat('5301');
    for (const county of ['530102', '530103', '530111', '530181']) {
      const seat = regionCentre(county);
      expect(haversineKm(city, seat)!).toBeLessThan(60);
      for (const t of ['001', '002', '003', '010'])
        expect(haversineKm(seat, regionCentre(county + t))!).toBeLessThan(20);
    }
    expect(regionCentre('530102001')).not.toEqual(regionCentre('530102002'));
  });

  it('places an undocumented city inside the mainland box', () => {
    const p = citySeat('4401');
    expect(p.lat).toBeGreaterThanOrEqual(20);
    expect(p.lat).toBeLessThan(40);
    expect(p.lon).toBeGreaterThanOrEqual(100);
    expect(p.lon).toBeLessThan(120);
  });

  it('lists the townships of a region list', () => {
    const m = townshipCentres([
      { code: '530102', name: '五华区', level: 3, parentCode: '5301' },
      { code: '530102002', name: '乙街道', level: 4, parentCode: '530102' },
      { code: '530102001', name: '甲街道', level: 4, parentCode: '530102' },
      { code: '530102001001', name: '某社区', level: 5, parentCode: '530102001' },
    ]);
    expect([...m.keys()]).toEqual(['530102001', '530102002']);
  });
});
