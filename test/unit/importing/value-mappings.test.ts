import { describe, expect, it } from 'vitest';
import { suggestEnumValue, suggestValueMappings, valueMappingsFrom } from '../../../electron/core/importing/mapping/value-mappings';

describe('value mappings for the job state', () => {
  it.each(['Open', 'Active', 'LIVE', 'Published', 'listed'])('suggests LISTED for %s', (v) => {
    expect(suggestEnumValue('jobs', 'state', v)).toBe('LISTED');
  });

  it.each(['Closed', 'Filled', 'Cancelled', 'archived'])('suggests CLOSED for %s', (v) => {
    expect(suggestEnumValue('jobs', 'state', v)).toBe('CLOSED');
  });

  it.each(['Draft', 'On hold', 'Pending approval'])('makes no guess for %s', (v) => {
    expect(suggestEnumValue('jobs', 'state', v)).toBeNull();
  });

  it('suggests from the distinct values of the mapped column and turns them into mappings', () => {
    const suggestions = suggestValueMappings(
      'jobs',
      [{ column: 0, header: 'Status', field: 'state', confidence: 0.9, via: 'synonym' }],
      () => [
        { value: 'Open', count: 10 },
        { value: 'Filled', count: 3 },
        { value: 'Draft', count: 1 },
        { value: 'LISTED', count: 1 },
      ],
    );
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0].allowed).toEqual(['LISTED', 'CLOSED']);
    expect(suggestions[0].values.map((v) => v.target)).toEqual(['LISTED', 'CLOSED', null, 'LISTED']);
    expect(valueMappingsFrom(suggestions)).toEqual({ state: { Open: 'LISTED', Filled: 'CLOSED' } });
  });
});
