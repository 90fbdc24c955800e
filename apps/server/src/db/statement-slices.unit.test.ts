import { describe, expect, it } from 'vitest';
import { rowsPerStatement, statementSlices } from './client.js';

describe('multi-row INSERTs stay under the wire protocol’s 65,535 parameters', () => {
  it('slices rows so that no statement carries more than 30,000 parameters, and loses none', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => i);
    const slices = [...statementSlices(rows, 8)];
    expect(slices.every((s) => s.length * 8 <= 30_000)).toBe(true);
    expect(slices.flat()).toEqual(rows);
    expect(slices.map((s) => s.length)).toEqual([3750, 3750, 2501]);
  });

  it('puts one row per statement when a row alone is over the budget, and nothing for no rows', () => {
    expect(rowsPerStatement(40_000)).toBe(1);
    expect([...statementSlices([], 8)]).toEqual([]);
  });
});
