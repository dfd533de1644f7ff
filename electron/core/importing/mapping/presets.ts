import type { Category } from '../../../../shared/domain';
import type { ColumnMatch, MappingPreset, PresetInfo, ValueMappings } from '../../../../shared/contract/import';
import { PRESET_FORMAT } from '../../../../shared/contract/import';
import { headerText } from './header-text';

/** A preset applies when the file has at least this share of the preset's headers… */
const MIN_PRESET_COVERAGE = 0.9;
/** …and the preset explains at least this share of the file's headers (a tiny preset must not claim a wide sheet). */
const MIN_SHEET_COVERAGE = 0.5;

function key(header: string): string {
  return headerText(header).squeezed;
}

/** The best preset for these headers (saved presets win ties over shipped ones), or null. */
export function findPreset(headers: string[], presets: PresetInfo[], category?: Category): MappingPreset | null {
  const have = new Set(headers.map(key).filter((k) => k !== ''));
  if (have.size === 0) return null;
  let best: { preset: MappingPreset; score: number } | null = null;
  for (const { preset, origin } of presets) {
    if (category && preset.category !== category) continue;
    const wanted = new Set(preset.headers.map(key).filter((k) => k !== ''));
    if (wanted.size === 0) continue;
    let shared = 0;
    for (const h of wanted) if (have.has(h)) shared++;
    const presetCoverage = shared / wanted.size;
    const sheetCoverage = shared / have.size;
    if (presetCoverage < MIN_PRESET_COVERAGE || sheetCoverage < MIN_SHEET_COVERAGE) continue;
    const score = presetCoverage + sheetCoverage + (origin === 'saved' ? 0.001 : 0);
    if (!best || score > best.score) best = { preset, score };
  }
  return best?.preset ?? null;
}

/** column → field (or null: deliberately unmapped) for every header the preset knows. */
export function presetColumns(preset: MappingPreset, headers: string[]): Map<number, string | null> {
  const known = new Set(preset.headers.map(key));
  const byKey = new Map(Object.entries(preset.mapping).map(([h, f]) => [key(h), f]));
  const out = new Map<number, string | null>();
  headers.forEach((h, column) => {
    const k = key(h);
    if (byKey.has(k)) out.set(column, byKey.get(k) || null);
    else if (known.has(k)) out.set(column, null);
  });
  return out;
}

/** A preset from a reviewed mapping, ready to save or share. */
export function presetFromMapping(
  name: string,
  category: Category,
  matches: ColumnMatch[],
  valueMappings: ValueMappings = {},
  description?: string,
): MappingPreset {
  const mapping: Record<string, string> = {};
  for (const m of matches) if (m.field) mapping[m.header] = m.field;
  return {
    format: PRESET_FORMAT,
    version: 1,
    name,
    category,
    ...(description ? { description } : {}),
    headers: matches.map((m) => m.header),
    mapping,
    ...(Object.keys(valueMappings).length > 0 ? { valueMappings } : {}),
  };
}
