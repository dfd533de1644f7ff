import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPreset, presetColumns, presetFromMapping } from '../../../electron/core/importing/mapping/presets';
import { readPresetFile, validatePreset, listPresets, savePreset, deletePreset } from '../../../electron/core/importing/preset-store';
import { suggestMapping } from '../../../electron/core/importing/mapping/suggest-mapping';
import type { MappingPreset, PresetInfo } from '../../../shared/contract/import';
import { tempDir } from '../../support/temp';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));

const preset: MappingPreset = {
  format: 'rsc-workbench/mapping-preset',
  version: 1,
  name: 'Acme jobs',
  category: 'jobs',
  headers: ['Req', 'Name', 'Open?', 'Notes'],
  mapping: { Req: 'externalJobPostingId', Name: 'title', 'Open?': 'state' },
  valueMappings: { state: { Y: 'LISTED', N: 'CLOSED' } },
};

describe('mapping presets', () => {
  it('apply when a file has the preset\'s headers, written any way', () => {
    const found = findPreset(['req', 'NAME', 'Open?', 'notes'], [{ preset, origin: 'saved' }]);
    expect(found?.name).toBe('Acme jobs');
  });

  it('do not apply when the file lacks some of their headers', () => {
    expect(findPreset(['Req', 'Name'], [{ preset, origin: 'saved' }])).toBeNull();
  });

  it('map their headers and leave the ones they ignore unmapped', () => {
    const cols = presetColumns(preset, ['Notes', 'Req', 'Other']);
    expect([...cols]).toEqual([
      [0, null],
      [1, 'externalJobPostingId'],
    ]);
  });

  it('drive the suggested mapping, its value mappings and the category', () => {
    const s = suggestMapping({
      sheet: 'Export',
      headers: ['Req', 'Name', 'Open?', 'Notes'],
      distinctValues: (c) => (c === 2 ? [{ value: 'Y', count: 2 }, { value: 'N', count: 1 }] : []),
      presets: [{ preset, origin: 'saved' }],
    });
    expect(s.category).toBe('jobs');
    expect(s.preset).toBe('Acme jobs');
    expect(s.mapping.map((m) => [m.field, m.via])).toEqual([
      ['externalJobPostingId', 'preset'],
      ['title', 'preset'],
      ['state', 'preset'],
      [null, 'preset'],
    ]);
    expect(s.valueMappings[0].values.map((v) => v.target)).toEqual(['LISTED', 'CLOSED']);
  });

  it('are made from a reviewed mapping and round-trip through a file', () => {
    const made = presetFromMapping('Mine', 'jobs', [
      { column: 0, header: 'Req', field: 'externalJobPostingId', confidence: 1, via: 'manual' },
      { column: 1, header: 'X', field: null, confidence: 0, via: 'none' },
    ]);
    expect(made.mapping).toEqual({ Req: 'externalJobPostingId' });
    const dir = tempDir();
    const saved = savePreset(dir, made);
    expect(saved.origin).toBe('saved');
    expect(listPresets(join(dir, 'none'), dir).map((p) => p.preset.name)).toEqual(['Mine']);
    expect(readPresetFile(join(dir, 'presets', 'mine.json'))).toEqual(made);
    expect(deletePreset(dir, 'Mine')).toBe(true);
    expect(listPresets(join(dir, 'none'), dir)).toEqual([]);
  });

  it('are rejected when they map to a field the category does not have', () => {
    expect(() => validatePreset({ ...preset, mapping: { Req: 'firstName' } }, 'x.json')).toThrow(/not a field of jobs/);
    expect(() => validatePreset({ name: 'x' }, 'x.json')).toThrow(/is not valid/);
  });
});

describe('shipped presets', () => {
  const files = readdirSync(join(RESOURCES, 'presets')).filter((f) => f.endsWith('.json'));
  const shipped: PresetInfo[] = listPresets(RESOURCES, tempDir());

  it('are all valid', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(() => readPresetFile(join(RESOURCES, 'presets', f))).not.toThrow();
    expect(shipped).toHaveLength(files.length);
  });

  it.each(files)('%s is applied to a file with its headers and maps its key field', (f) => {
    const p = readPresetFile(join(RESOURCES, 'presets', f));
    const s = suggestMapping({ sheet: 'Export', headers: p.headers, presets: shipped });
    expect(s.preset).toBe(p.name);
    expect(s.category).toBe(p.category);
    expect(s.missingKeyFields).toEqual([]);
  });
});
