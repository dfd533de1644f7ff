import { describe, expect, it } from 'vitest';
import { batchCreateOutcomes, batchUpdateOutcomes, isRejection, taskResults } from '../../../electron/core/syncing/batch-results';
import type { SendItem } from '../../../electron/core/syncing/batch-planner';

function item(entityKey: string, id = 1): SendItem {
  return { recordId: id, payload: { ok: true, category: 'candidates', recordKey: `R${id}`, entityKey, element: {}, elementJson: '{}', hashText: '{}', hash: 'h' } };
}
const response = (body: unknown, status = 200) => ({ status, headers: {}, body: JSON.stringify(body) });

describe('per-entity results', () => {
  const key = '(atsCandidateId:C1,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A1)';

  it('read a 204 in results as success and an entry in errors as a rejection with LinkedIn’s message', () => {
    const outcomes = batchUpdateOutcomes([item(key, 1), item('(atsCandidateId:C2)', 2)], response({
      results: { [key]: { status: 204 } },
      errors: { '(atsCandidateId:C2)': { status: 422, message: 'ERROR :: /firstName :: missing' } },
    }));
    expect(outcomes[0]).toMatchObject({ kind: 'succeeded', status: 204 });
    expect(outcomes[1]).toMatchObject({ kind: 'failed', status: 422, message: 'ERROR :: /firstName :: missing', rejected: true });
  });

  it('pair results with records whatever order LinkedIn answers in', () => {
    const keys = ['(atsCandidateId:C1)', '(atsCandidateId:C2)', '(atsCandidateId:C3)', '(atsCandidateId:C4)'];
    const items = keys.map((k, i) => item(k, i + 1));
    const inOrder = batchUpdateOutcomes(items, response({ results: Object.fromEntries(keys.map((k, i) => [k, { status: 200 + i }])) }));
    expect(inOrder.map((o) => o.status)).toEqual([200, 201, 202, 203]);
    // Shuffled, with one record missing and one answered in errors in between.
    const outcomes = batchUpdateOutcomes(items, response({
      results: { [keys[2]]: { status: 202 }, [keys[0]]: { status: 200 }, [keys[3]]: { status: 203 } },
      errors: { [keys[1]]: { status: 422, message: 'bad' } },
    }));
    expect(outcomes.map((o) => [o.kind, o.status])).toEqual([['succeeded', 200], ['failed', 422], ['succeeded', 202], ['succeeded', 203]]);
    const partial = batchUpdateOutcomes(items, response({ results: { [keys[0]]: { status: 204 }, [keys[2]]: { status: 204 }, [keys[3]]: { status: 204 } } }));
    expect(partial.map((o) => o.kind)).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded']);
    expect(partial[1]).toMatchObject({ rejected: false, message: 'LinkedIn did not report a status for this record.' });
  });

  it('match keys LinkedIn echoes back decoded', () => {
    const decoded = decodeURIComponent(key);
    const [o] = batchUpdateOutcomes([item(key)], response({ results: { [decoded]: { status: 204 } }, errors: {} }));
    expect(o.kind).toBe('succeeded');
  });

  it('fail a record the response does not mention, without marking it rejected', () => {
    const [o] = batchUpdateOutcomes([item(key)], response({ results: {}, errors: {} }));
    expect(o).toMatchObject({ kind: 'failed', rejected: false });
  });

  it('pair batch_create elements with jobs by position', () => {
    const outcomes = batchCreateOutcomes([item('J1', 1), item('J2', 2)], response({
      elements: [
        { status: 202, id: 'urn:li:simpleJobPostingTask:1' },
        { status: 422, error: { status: 422, message: 'ERROR :: /title :: field is required' } },
      ],
    }));
    expect(outcomes[0]).toMatchObject({ kind: 'task', taskUrn: 'urn:li:simpleJobPostingTask:1' });
    expect(outcomes[1]).toMatchObject({ kind: 'failed', rejected: true, message: 'ERROR :: /title :: field is required' });
  });

  it('read task results keyed by encoded URNs', () => {
    const urn = 'urn:li:simpleJobPostingTask:1';
    const results = taskResults([urn], response({
      results: { [encodeURIComponent(urn)]: { status: 'SUCCEEDED', jobPosting: 'urn:li:jobPosting:9' } },
      errors: {},
    }));
    expect(results.get(urn)).toMatchObject({ status: 'SUCCEEDED', jobPosting: 'urn:li:jobPosting:9' });
  });

  it('treat validation statuses as rejections but not auth, missing parents or server errors', () => {
    expect([400, 409, 422].map(isRejection)).toEqual([true, true, true]);
    expect([401, 403, 404, 429, 500, null].map(isRejection)).toEqual([false, false, false, false, false, false]);
  });
});
