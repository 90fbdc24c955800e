import { describe, expect, it } from 'vitest';
import { distanceKmTag, haversineKm } from './geoDistance.js';
import { scoreMatch, type PostingFacts, type SeekerFacts } from './jobMatching.js';

describe('haversineKm', () => {
  it('measures known distances between town centres', () => {
    // 昆明 (25.04, 102.71) – 曲靖 (25.49, 103.80): about 120 km
    expect(haversineKm({ lat: 25.04, lon: 102.71 }, { lat: 25.49, lon: 103.8 })).toBeCloseTo(120, -1);
    expect(haversineKm({ lat: 25, lon: 102 }, { lat: 25, lon: 102 })).toBe(0);
    // a quarter of the equator
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 90 })).toBeCloseTo(10007.5, 0);
  });

  it('is symmetric and answers null for missing or invalid points', () => {
    const a = { lat: 24.9, lon: 102.6 };
    const b = { lat: 25.2, lon: 103.1 };
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a)!, 9);
    expect(haversineKm(null, b)).toBeNull();
    expect(haversineKm(a, undefined)).toBeNull();
    expect(haversineKm({ lat: Number.NaN, lon: 1 }, b)).toBeNull();
    expect(haversineKm({ lat: 91, lon: 1 }, b)).toBeNull();
    expect(haversineKm({ lat: 1, lon: Infinity }, b)).toBeNull();
  });

  it('says the distance in Chinese', () => {
    expect(distanceKmTag(12.4)).toBe('距户籍地 12 公里');
    expect(distanceKmTag(0.3)).toBe('距户籍地不到 1 公里');
    expect(distanceKmTag(1234.6, '居住地')).toBe('距居住地 1,235 公里');
  });
});

describe('the distance tag of a match', () => {
  const seeker: SeekerFacts = {
    occupations: ['6-18-02-04'],
    skills: [],
    regionCode: '530102001001',
    places: [],
    preference: 'any',
    minWageFen: 300_000,
  };
  const posting: PostingFacts = {
    occupationCode: '6-18-02-04',
    certificates: [],
    regionCode: '530102002',
    wageMinFen: 400_000,
    wageMaxFen: 500_000,
    benefits: { housing: false, meals: false, insurance: false },
    ageDays: 3,
  };
  const tagOf = (s: SeekerFacts, p: PostingFacts) => scoreMatch(s, p).features.find((f) => f.feature === 'distance')!;

  it('adds the kilometres between the town centres when both are known, the score unchanged', () => {
    const plain = tagOf(seeker, posting);
    expect(plain.tag).toBe('距居住地：同区县');
    const withKm = tagOf(
      { ...seeker, hukouCentre: { lat: 25.04, lon: 102.71 } },
      { ...posting, centre: { lat: 25.1, lon: 102.75 } },
    );
    expect(withKm.tag).toBe('距居住地：同区县，距户籍地 8 公里');
    expect(withKm.value).toBe(plain.value);
    expect(tagOf({ ...seeker, hukouCentre: null }, { ...posting, centre: { lat: 25, lon: 102 } }).tag).toBe(
      '距居住地：同区县',
    );
  });
});
