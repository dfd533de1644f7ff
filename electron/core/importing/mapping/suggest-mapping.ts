import type { Category } from '../../../../shared/domain';
import type {
  DistinctValue,
  MappingPreset,
  MappingSuggestion,
  MatchVia,
  PresetInfo,
} from '../../../../shared/contract/import';
import { KEY_FIELDS } from '../../../../shared/rsc/fields';
import { detectCategory } from './detect-category';
import { matchColumns } from './match-columns';
import { findPreset, presetColumns } from './presets';
import { suggestValueMappings } from './value-mappings';

export interface SuggestInput {
  sheet: string;
  headers: string[];
  /** Distinct values of a column with counts; computed lazily by the caller (only enum candidates ask). */
  distinctValues?: (column: number) => DistinctValue[];
  /** Forced category (the consultant's choice or --category). */
  category?: Category;
  /** Presets to match automatically. */
  presets?: PresetInfo[];
  /** A preset chosen explicitly (--mapping): used whatever the headers. */
  preset?: MappingPreset;
  /** The consultant's choices, header → field ('' = keep unmapped); they override everything else. */
  manual?: Record<string, string>;
}

/** Category, column matches, missing key fields and value-mapping suggestions for one sheet. */
export function suggestMapping(input: SuggestInput): MappingSuggestion {
  const values = input.distinctValues ? (column: number) => input.distinctValues!(column).map((d) => d.value) : undefined;
  const detection = detectCategory(input.headers, input.sheet, values);
  const preset =
    (input.preset && (!input.category || input.preset.category === input.category) ? input.preset : null) ??
    findPreset(input.headers, input.presets ?? [], input.category);
  const category = input.category ?? preset?.category ?? detection.category;
  if (!category) {
    return {
      category: null,
      categoryScores: detection.scores,
      mapping: input.headers.map((header, column) => ({ column, header, field: null, confidence: 0, via: 'none' })),
      missingKeyFields: [],
      valueMappings: [],
      preset: null,
    };
  }
  const fixed = new Map<number, { field: string | null; via: MatchVia }>();
  if (preset && preset.category === category) {
    for (const [column, field] of presetColumns(preset, input.headers)) fixed.set(column, { field, via: 'preset' });
  }
  if (input.manual) {
    input.headers.forEach((h, column) => {
      if (h in input.manual!) fixed.set(column, { field: input.manual![h] || null, via: 'manual' });
    });
  }
  const mapping = matchColumns(category, input.headers, { distinctValues: values, fixed });
  const mapped = new Set(mapping.map((m) => m.field).filter(Boolean));
  // A stage id is derived when the export has none; every other key field must come from a column.
  const missingKeyFields = KEY_FIELDS[category].filter((f) => f !== 'stageId' && !mapped.has(f));
  const valueMappings = suggestValueMappings(category, mapping, (column) => input.distinctValues?.(column) ?? []);
  const presetValues = preset?.category === category ? preset.valueMappings ?? {} : {};
  for (const s of valueMappings) {
    const chosen = presetValues[s.field];
    if (!chosen) continue;
    for (const v of s.values) if (v.source in chosen) v.target = chosen[v.source];
  }
  return {
    category,
    categoryScores: detection.scores,
    mapping,
    missingKeyFields,
    valueMappings,
    preset: preset?.category === category ? preset.name : null,
  };
}

