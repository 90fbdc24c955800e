/**
 * Child process of the import bench (tools/bench/import.ts): generates the city's workers and writes them as the
 * worker import CSV to a file, so that the importing process's memory (its peak RSS is one of the import's aims) is
 * its own and not the generator's. Arguments: file, rows, city; sends the sampled ID numbers and name prefixes back
 * over IPC and exits.
 */
import fs from 'node:fs';
import { generateCity, type SynthWorker } from '@mwsp/synth';
import { readRegions } from '../../apps/server/src/platform/org/regions.source.js';
import { writeWorkersCsv } from './workers-csv.js';

export interface CsvSamples {
  ids: string[];
  names: { q: string; county: string }[];
}

async function main(): Promise<void> {
  const [file, rowsArg, city] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const regions: { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null }[] = [];
  for await (const b of readRegions(city)) regions.push(...b);
  const samples: CsvSamples = { ids: [], names: [] };
  let n = 0;
  function* workers(): Generator<SynthWorker> {
    for (const r of generateCity({ cityCode: city, workers: rows, seed: 7, regions })) {
      if (r.kind !== 'worker') continue;
      if (n++ % Math.max(1, Math.floor(rows / 500)) === 0) {
        samples.ids.push(r.idNumber);
        samples.names.push({ q: [...r.name].slice(0, 2).join(''), county: r.residenceRegionCode.slice(0, 6) });
      }
      yield r;
    }
  }
  const out = fs.createWriteStream(file);
  await writeWorkersCsv(workers(), out, { encoding: 'utf8', bom: true });
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  process.send!(samples, () => process.exit(0));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
