import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeComplexKey, encodeList, encodeRestliPrimitive, idsQuery } from '../../../shared/payload/restli-keys';
import { parseRestli } from '../../support/fake-linkedin/restli-parse';

describe('Rest.li 2.0 key encoding', () => {
  it('URL-encodes URNs inside keys', () => {
    expect(encodeRestliPrimitive('urn:li:organization:123')).toBe('urn%3Ali%3Aorganization%3A123');
  });

  it('percent-encodes the delimiters that encodeURIComponent leaves alone', () => {
    expect(encodeRestliPrimitive("a(b)c'd")).toBe('a%28b%29c%27d');
    expect(encodeRestliPrimitive('x,y:z')).toBe('x%2Cy%3Az');
  });

  it("writes the empty string as ''", () => {
    expect(encodeRestliPrimitive('')).toBe("''");
  });

  it('lists compound key fields in name order whatever the input order', () => {
    const a = encodeComplexKey({ integrationContext: 'urn:li:organization:1', atsCandidateId: 'C1', dataProvider: 'ATS' });
    const b = encodeComplexKey({ dataProvider: 'ATS', atsCandidateId: 'C1', integrationContext: 'urn:li:organization:1' });
    expect(a).toBe('(atsCandidateId:C1,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A1)');
    expect(b).toBe(a);
  });

  it('builds ids=List(…) from encoded keys', () => {
    expect(idsQuery(['a', 'b'])).toBe('ids=List(a,b)');
    expect(encodeList([])).toBe('List()');
  });

  it('round-trips any key values through an independent Rest.li parser', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (id, org) => {
        const key = { atsCandidateId: id, dataProvider: 'ATS', integrationContext: org };
        expect(parseRestli(encodeComplexKey(key))).toEqual(key);
        expect(parseRestli(`List(${encodeRestliPrimitive(id)})`)).toEqual([id]);
      }),
    );
  });
});
