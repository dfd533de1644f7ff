import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planBatches, type SendItem } from '../../../electron/core/syncing/batch-planner';
import { buildPayload } from '../../../shared/payload/elements';
import { MAX_QUERY_LENGTH } from '../../../shared/payload/requests';
import type { Category, FieldValues } from '../../../shared/domain';

const ORG = 'urn:li:organization:42';

function item(category: Category, id: number, key: string): SendItem {
  const values: FieldValues =
    category === 'stages'
      ? { atsJobApplicationId: key.split('/')[0], stageId: key.split('/')[1], stage: 'New', atsCreatedAt: 1 }
      : category === 'jobs'
        ? { externalJobPostingId: key }
        : { atsCandidateId: key, atsJobApplicationId: key };
  const built = buildPayload({ category, key, values }, { organizationUrn: ORG });
  if (!built.ok) throw new Error(built.problem);
  return { recordId: id, payload: built };
}

describe('the batch planner', () => {
  it('keeps every request at or under the batch size and loses no record', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 450 }), fc.integer({ min: 1, max: 100 }), (n, size) => {
        const items = Array.from({ length: n }, (_, i) => item('candidates', i, `C${i}`));
        const batches = planBatches('candidates', items, { batchSize: size, oversize: 'tunnel' });
        expect(batches.every((b) => b.items.length <= size)).toBe(true);
        expect(batches.flatMap((b) => b.items.map((i) => i.recordId))).toEqual(items.map((i) => i.recordId));
      }),
      { numRuns: 40 },
    );
  });

  it('never puts two elements for one job id in a request, and keeps their order', () => {
    const items = [item('jobs', 1, 'J1'), item('jobs', 2, 'J2'), item('jobs', 3, 'J1'), item('jobs', 4, 'J3')];
    const batches = planBatches('jobs', items, { batchSize: 100, oversize: 'tunnel' });
    expect(batches.map((b) => b.items.map((i) => i.recordId))).toEqual([[1, 2], [3, 4]]);
  });

  it('sends each application’s stages in requests of their own', () => {
    const items = [item('stages', 1, 'A1/S1'), item('stages', 2, 'A2/S1'), item('stages', 3, 'A1/S2')];
    const batches = planBatches('stages', items, { batchSize: 100, oversize: 'tunnel' });
    expect(batches.map((b) => b.items.map((i) => i.recordId))).toEqual([[1, 3], [2]]);
    expect(batches[0].request.path).toContain('atsJobApplicationId:A1');
  });

  it('with the split strategy, packs keys only while the query string stays under the limit', () => {
    const items = Array.from({ length: 100 }, (_, i) => item('candidates', i, `CANDIDATE-WITH-A-LONG-ID-${i}`));
    const tunnelled = planBatches('candidates', items, { batchSize: 100, oversize: 'tunnel' });
    expect(tunnelled).toHaveLength(1);
    expect(tunnelled[0].request.query.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    const split = planBatches('candidates', items, { batchSize: 100, oversize: 'split' });
    expect(split.length).toBeGreaterThan(1);
    expect(split.every((b) => b.request.query.length <= MAX_QUERY_LENGTH)).toBe(true);
    expect(split.reduce((n, b) => n + b.items.length, 0)).toBe(100);
  });
});
