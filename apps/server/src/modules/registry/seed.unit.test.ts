import { generateCity, type SynthWorker } from '@mwsp/synth';
import { describe, expect, it } from 'vitest';
import { FieldCipher, KeyRing, randomBytes } from '../../platform/crypto/index.js';
import { readRegions } from '../../platform/org/regions.source.js';
import { CTX } from './registry.common.js';
import { inputOf } from './seed.service.js';
import { checkAndSeal, sealWorker } from './workerSeal.js';

const cipher = new FieldCipher(new KeyRing(randomBytes(32).toString('base64')));

describe('bulk load of a generated city', () => {
  it("seals generated workers through the registry's rules exactly as stored from the generator", async () => {
    const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
    for await (const b of readRegions('5301')) regions.push(...b);
    const workers = [...generateCity({ cityCode: '5301', workers: 3000, seed: 7, regions, asOf: '2026-11-20' })].filter(
      (r): r is SynthWorker => r.kind === 'worker',
    );
    expect(workers.length).toBe(3000);
    const today = new Date('2026-12-06T00:00:00Z');
    const enc = ['idEnc', 'phoneEnc', 'bankCardEnc', 'emergencyEnc', 'familyEnc'] as const;
    const ctx = {
      idEnc: CTX.id,
      phoneEnc: CTX.phone,
      bankCardEnc: CTX.bank,
      emergencyEnc: CTX.emergency,
      familyEnc: CTX.family,
    };
    for (const w of workers) {
      const sealed = checkAndSeal(cipher, inputOf(w), today);
      if (!sealed.ok) throw new Error(`refused: ${JSON.stringify(sealed.errors)}`);
      const direct = sealWorker(cipher, w);
      const plain = (c: typeof direct) =>
        Object.fromEntries(
          Object.entries(c).map(([k, v]) =>
            enc.includes(k as (typeof enc)[number]) && v
              ? [k, cipher.decrypt(v as string, ctx[k as keyof typeof ctx])]
              : [k, v],
          ),
        );
      expect(plain(sealed.cols)).toEqual(plain(direct));
    }
  }, 60_000); // ~3 s alone; the unit project's 10 s is too short when the suite loads both cores
});
