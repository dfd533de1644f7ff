import { describe, expect, it } from 'vitest';
import { buildPayload, type BuiltPayload } from '../../../shared/payload/elements';
import {
  MAX_QUERY_LENGTH,
  entitiesBatchUpdate,
  jobsBatchCreate,
  stagesBatchUpdate,
  taskBatchGet,
  toWire,
} from '../../../shared/payload/requests';

const ORG = 'urn:li:organization:42';

function candidates(n: number): BuiltPayload[] {
  return Array.from({ length: n }, (_, i) => {
    const r = buildPayload(
      { category: 'candidates', key: `C${i}`, values: { atsCandidateId: `CANDIDATE-${i}`, firstName: 'A', atsCreatedAt: 1, atsLastModifiedAt: 1 } },
      { organizationUrn: ORG },
    );
    if (!r.ok) throw new Error(r.problem);
    return r;
  });
}

describe('batch requests', () => {
  it('use the same key strings in ids=List(…) and in the body', () => {
    const payloads = candidates(3);
    const req = entitiesBatchUpdate('candidates', payloads);
    expect(req.method).toBe('PUT');
    expect(req.restliMethod).toBe('batch_update');
    expect(req.query).toBe(`ids=List(${payloads.map((p) => p.entityKey).join(',')})`);
    expect(Object.keys((JSON.parse(req.body!) as { entities: object }).entities)).toEqual(payloads.map((p) => p.entityKey));
  });

  it('post jobs as batch_create elements in order', () => {
    const req = jobsBatchCreate([
      { ok: true, category: 'jobs', recordKey: 'J1', entityKey: 'J1', element: { externalJobPostingId: 'J1' }, elementJson: '{"externalJobPostingId":"J1"}', hashText: '', hash: 'h' },
    ]);
    expect(req).toMatchObject({ method: 'POST', restliMethod: 'batch_create', path: '/v2/simpleJobPostings', query: '' });
    expect(JSON.parse(req.body!)).toEqual({ elements: [{ externalJobPostingId: 'J1' }] });
  });

  it('address stages under their application', () => {
    const req = stagesBatchUpdate('(atsJobApplicationId:A1)', [
      { ok: true, category: 'stages', recordKey: 'A1/S1', entityKey: 'S1', element: { stage: 'New' }, elementJson: '{"stage":"New"}', hashText: '', hash: 'h' },
    ]);
    expect(req.path).toBe('/v2/atsApplications/(atsJobApplicationId:A1)/stages');
    expect(req.query).toBe('ids=List(S1)');
  });

  it('encode task URNs in a batch GET', () => {
    expect(taskBatchGet(['urn:li:simpleJobPostingTask:1']).query).toBe('ids=List(urn%3Ali%3AsimpleJobPostingTask%3A1)');
  });
});

describe('the wire form', () => {
  it('sends a short request as is, with the Rest.li 2.0 headers', () => {
    const wire = toWire(entitiesBatchUpdate('candidates', candidates(2)), () => 'b');
    expect(wire.tunnelled).toBe(false);
    expect(wire.method).toBe('PUT');
    expect(wire.headers).toMatchObject({
      'X-Restli-Protocol-Version': '2.0.0',
      'X-Restli-Method': 'batch_update',
      'Content-Type': 'application/json',
    });
  });

  it('tunnels a PUT whose query string passes 4 KB as multipart/mixed behind X-HTTP-Method-Override', () => {
    const req = entitiesBatchUpdate('candidates', candidates(100));
    expect(req.query.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    const wire = toWire(req, () => 'BOUNDARY');
    expect(wire).toMatchObject({ method: 'POST', query: '', tunnelled: true });
    expect(wire.headers['X-HTTP-Method-Override']).toBe('PUT');
    expect(wire.headers['Content-Type']).toBe('multipart/mixed; boundary=BOUNDARY');
    expect(wire.body).toBe(
      `--BOUNDARY\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n${req.query}\r\n` +
        `--BOUNDARY\r\nContent-Type: application/json\r\n\r\n${req.body}\r\n--BOUNDARY--`,
    );
  });

  it('tunnels a long GET as a form-encoded POST', () => {
    const urns = Array.from({ length: 80 }, (_, i) => `urn:li:simpleJobPostingTask:${'x'.repeat(30)}${i}`);
    const req = taskBatchGet(urns);
    const wire = toWire(req, () => 'b');
    expect(wire).toMatchObject({ method: 'POST', body: req.query, tunnelled: true });
    expect(wire.headers['X-HTTP-Method-Override']).toBe('GET');
    expect(wire.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
  });

  it('picks another boundary when the first one occurs in the body', () => {
    const boundaries = ['CANDIDATE-1', 'safe'];
    const wire = toWire(entitiesBatchUpdate('candidates', candidates(100)), () => boundaries.shift()!);
    expect(wire.headers['Content-Type']).toBe('multipart/mixed; boundary=safe');
  });
});
