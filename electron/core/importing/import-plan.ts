import type { Category } from '../../../shared/domain';
import type { ColumnMatch, MappingPreset, PresetInfo, SheetPlan, ValueMappings } from '../../../shared/contract/import';
import { importFailure } from './import-failure';
import type { ParsedFile } from './reading/read-file';
import { buildTable, lazyDistinct, type SheetTable } from './reading/sheet-table';
import { suggestMapping } from './mapping/suggest-mapping';
import { fieldSpec } from '../../../shared/rsc/fields';
import { CATEGORIES } from '../../../shared/domain';

export const DISTINCT_SAMPLE_ROWS = 2_000;

export interface SheetImportPlan {
  table: SheetTable;
  category: Category;
  mapping: ColumnMatch[];
  /** Chosen value mappings (the consultant's, a preset's); other enum values get the suggested mapping as they are stored. */
  valueMappings: ValueMappings;
  preset: string | null;
}

export interface PlanRequest {
  sheets?: SheetPlan[];
  category?: Category;
  preset?: MappingPreset;
}

/**
 * Decides what to import from each sheet: the chosen sheets with the consultant's choices, or
 * (none chosen) every sheet whose category is detected. Fails before anything is written when
 * a chosen sheet is missing, a category cannot be told, or a key field has no column.
 */
export function planImport(
  file: ParsedFile,
  request: PlanRequest,
  presets: PresetInfo[],
): { plans: SheetImportPlan[]; ignored: { sheet: string; reason: string }[] } {
  const ignored: { sheet: string; reason: string }[] = [];
  const plans: SheetImportPlan[] = [];
  const byName = new Map(file.sheets.map((s) => [s.name, s]));
  const chosen: SheetPlan[] = request.sheets ?? file.sheets.map((s) => ({ sheet: s.name }));
  const explicit = request.sheets !== undefined;
  const nonEmpty = file.sheets.filter((s) => s.rows.length > 0);
  for (const choice of chosen) {
    const sheet = byName.get(choice.sheet);
    if (!sheet) {
      throw importFailure(
        'SHEET_NOT_FOUND',
        `${file.name} has no sheet named "${choice.sheet}" (it has ${file.sheets.map((s) => `"${s.name}"`).join(', ')})`,
        'check the sheet name',
      );
    }
    if (sheet.rows.length === 0) {
      if (explicit) throw importFailure('NO_DATA', `Sheet "${sheet.name}" is empty`, 'choose another sheet');
      ignored.push({ sheet: sheet.name, reason: 'empty' });
      continue;
    }
    const table = buildTable(sheet, choice.headerRow);
    checkManualMapping(sheet.name, table.headers, choice);
    // A sample is enough to tell a status column from a US-state column; values are mapped one by one when stored.
    const distinct = lazyDistinct(table, DISTINCT_SAMPLE_ROWS);
    // A forced category applies to every explicitly chosen sheet, and to a file's only sheet.
    const forced = choice.category ?? (explicit || nonEmpty.length === 1 ? request.category : undefined);
    const suggestion = suggestMapping({
      sheet: sheet.name,
      headers: table.headers,
      distinctValues: distinct,
      category: forced,
      presets,
      preset: request.preset,
      manual: choice.mapping,
    });
    const category = suggestion.category;
    if (!category || (!explicit && request.category && !forced && category !== request.category)) {
      if (explicit) {
        throw importFailure(
          'NO_CATEGORY',
          `Cannot tell whether sheet "${sheet.name}" holds jobs, candidates, applications or stages`,
          'choose its category (--category jobs|candidates|applications|stages)',
        );
      }
      ignored.push({ sheet: sheet.name, reason: category ? `holds ${category}` : 'category not detected' });
      continue;
    }
    if (suggestion.missingKeyFields.length > 0) {
      throw importFailure(
        'KEY_NOT_MAPPED',
        `Sheet "${sheet.name}" (${category}) has no column mapped to the key field ${suggestion.missingKeyFields.join(' and ')}, so its records cannot be told apart`,
        'map the column that holds it (or save a mapping preset with it)',
      );
    }
    const preset = [request.preset, ...presets.map((p) => p.preset)].find((p) => p && p.name === suggestion.preset && p.category === category);
    const valueMappings: ValueMappings = {};
    for (const source of [preset?.valueMappings ?? {}, choice.valueMappings ?? {}]) {
      for (const [field, map] of Object.entries(source)) valueMappings[field] = { ...valueMappings[field], ...map };
    }
    plans.push({ table, category, mapping: suggestion.mapping, valueMappings, preset: suggestion.preset });
  }
  if (plans.length === 0) {
    throw importFailure(
      'NO_CATEGORY',
      `Cannot tell which kind of records ${file.name} holds${request.category ? ` (no sheet of ${request.category})` : ''}`,
      'choose the sheet and its category (--sheet <name> --category jobs|candidates|applications|stages)',
    );
  }
  return { plans, ignored };
}

function checkManualMapping(sheet: string, headers: string[], choice: SheetPlan): void {
  for (const [header, field] of Object.entries(choice.mapping ?? {})) {
    if (!headers.includes(header)) {
      throw importFailure('BAD_MAPPING', `Sheet "${sheet}" has no column "${header}"`, `map one of its columns: ${headers.slice(0, 12).join(', ')}${headers.length > 12 ? ', …' : ''}`);
    }
    if (field === '') continue;
    const categories = choice.category ? [choice.category] : CATEGORIES;
    if (!categories.some((c) => fieldSpec(c, field))) {
      throw importFailure('BAD_MAPPING', `"${field}" (mapped from "${header}") is not an RSC field${choice.category ? ` of ${choice.category}` : ''}`, 'choose a field from the Rules page');
    }
  }
}
