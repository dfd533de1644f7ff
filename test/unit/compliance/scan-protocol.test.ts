import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chunkRange, decodeChunk, encodeChunk, type ScanChunks,
} from '../../../electron/core/compliance/scan-protocol';
import { claimChunk, initialSignal } from '../../../electron/core/jobs/helper-thread';
import type { ScannedRecord } from '../../../electron/core/compliance/scan-record';

describe('sharing a full check\'s chunks between two threads', () => {
  it('gives every chunk to exactly one side, each side\'s in ascending order, whatever order their claims come in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.boolean(), { maxLength: 120 }), (count, turns) => {
        const chunks: ScanChunks = { firstId: 1, width: 10, count };
        const signal = initialSignal();
        const sides: [number[], number[]] = [[], []];
        for (const first of [...turns, ...Array<boolean>(count + 2).fill(true)]) {
          const k = claimChunk(signal, chunks.count);
          if (k !== null) sides[first ? 0 : 1].push(k);
        }
        for (const side of sides) expect(side).toEqual([...side].sort((a, b) => a - b));
        expect([...sides[0], ...sides[1]].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(claimChunk(signal, chunks.count)).toBeNull();
      }),
    );
  });

  it('cuts the id span into adjacent ranges', () => {
    const chunks: ScanChunks = { firstId: 101, width: 50, count: 3 };
    expect([0, 1, 2].map((k) => chunkRange(chunks, k))).toEqual([
      { afterId: 100, lastId: 150 },
      { afterId: 150, lastId: 200 },
      { afterId: 200, lastId: 250 },
    ]);
  });

  it('sends verdicts between threads without losing anything', () => {
    const records: ScannedRecord[] = [
      { id: 7, category: 'jobs', key: 'J-1', parentRef: null, candidateRef: null, keyMoved: false, excluded: false, sheetId: 3, storedHash: 'h', changed: null },
      {
        id: 2 ** 40, category: 'applications', key: 'A "1"', parentRef: 'J-1', candidateRef: 'C\u00e9', keyMoved: true, excluded: true,
        sheetId: null, storedHash: null,
        changed: { hash: 'x:1', issues: [{ rule: 'job-not-imported', field: 'atsJobPostingId', severity: 'warning', message: 'm', fix: { label: 'l', field: 'f', value: 1 } }] },
      },
      { id: 9, category: 'stages', key: null, parentRef: 'A "1"', candidateRef: null, keyMoved: false, excluded: false, sheetId: 4, storedHash: 'old', changed: { hash: 'new', issues: [] } },
    ];
    const decoded: ScannedRecord[] = [];
    decodeChunk(structuredClone(encodeChunk(records)), (r) => decoded.push({ ...r }));
    // Unchanged records travel without sheet and stored fingerprint: only written records need them.
    expect(decoded).toEqual([{ ...records[0], sheetId: null, storedHash: null }, records[1], records[2]]);
  });
});
