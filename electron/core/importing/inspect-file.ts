import type { FileInspection, PresetInfo, SheetInspection, TextEncoding, Delimiter } from '../../../shared/contract/import';
import { CATEGORIES, type Category } from '../../../shared/domain';
import { cancelled } from '../jobs/errors';
import { readSpreadsheet } from './reading/read-file';
import { fileSha256 } from './reading/file-hash';
import { keepInspected, MAX_KEPT_FILE_BYTES } from './reading/parsed-file-cache';
import { detectFileFormat } from './reading/file-format';
import { inspectTextFile } from './inspect-text-file';
import { buildTable, distinctValues } from './reading/sheet-table';
import { cellName, type ParsedSheet } from './reading/parsed-sheet';
import { sourceValue } from './reading/raw-cell-text';
import { suggestMapping } from './mapping/suggest-mapping';
import { PREVIEW_ROWS } from './limits';

export interface InspectHooks {
  presets?: PresetInfo[];
  onProgress?(done: number, total: number, message: string): void;
  isCancelled?(): boolean;
}

const MAX_ISSUES = 200;

/**
 * Reads a file and describes each sheet for the import wizard: data row count, a preview of
 * the first rows, the detected header row, the detected category and the suggested mapping.
 */
export async function inspectFile(
  path: string,
  options: { encoding?: TextEncoding; delimiter?: Delimiter } = {},
  hooks: InspectHooks = {},
): Promise<FileInspection> {
  if (isLargeTextFile(path)) {
    // Too large to keep for the import: described in one pass, never held (its import streams too).
    return inspectTextFile(path, options, {
      ...hooks,
      throwIfCancelled: () => {
        if (hooks.isCancelled?.()) throw cancelled();
      },
    });
  }
  // Hashed beside the read, so the import that follows can tell the file is unchanged and use this read.
  const sha256 = fileSha256(path);
  sha256.catch(() => {}); // reading reports a missing or unreadable file first
  const file = await readSpreadsheet(path, {
    ...options,
    throwIfCancelled: () => {
      if (hooks.isCancelled?.()) throw cancelled();
    },
    onRows: (sheet, rows, expected) =>
      hooks.onProgress?.(expected ? Math.min(rows, expected) : rows, expected ?? rows * 2, `Reading ${sheet}: ${rows.toLocaleString('en-US')} rows`),
  });
  keepInspected(path, options, file, sha256);
  return {
    path: file.path,
    name: file.name,
    size: file.size,
    kind: file.kind,
    text: file.text,
    sheets: file.sheets.map((s) => inspectSheet(s, hooks.presets ?? [])),
  };
}

function inspectSheet(sheet: ParsedSheet, presets: PresetInfo[]): SheetInspection {
  const preview = sheet.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cells: r.cells.map(sourceValue) }));
  const issues = sheet.issues.slice(0, MAX_ISSUES).map((i) => ({
    sheet: sheet.name,
    row: i.row,
    cell: cellName(sheet, i.row, i.column),
    message: `${cellName(sheet, i.row, i.column)} ${i.message}`,
  }));
  if (sheet.rows.length === 0) {
    return {
      sheet: sheet.name, rows: 0, headerRow: 1, headers: [], headerNotes: [], preview, distinctValues: [],
      category: null, categoryScores: zeroScores(), mapping: [], missingKeyFields: [], valueMappings: [], preset: null,
      issues, issueCount: sheet.issues.length,
    };
  }
  const table = buildTable(sheet);
  const distinct = distinctValues(table);
  const suggestion = suggestMapping({ sheet: sheet.name, headers: table.headers, distinctValues: (c) => distinct[c] ?? [], presets });
  return {
    sheet: sheet.name,
    rows: table.end - table.start,
    headerRow: table.headerRow,
    headers: table.headers,
    headerNotes: table.headerNotes,
    preview,
    distinctValues: distinct,
    category: suggestion.category,
    categoryScores: suggestion.categoryScores,
    mapping: suggestion.mapping,
    missingKeyFields: suggestion.missingKeyFields,
    valueMappings: suggestion.valueMappings,
    preset: suggestion.preset,
    issues,
    issueCount: sheet.issues.length,
  };
}

function isLargeTextFile(path: string): boolean {
  try {
    const format = detectFileFormat(path);
    return format.kind === 'text' && format.size > MAX_KEPT_FILE_BYTES;
  } catch {
    return false; // the read says what is wrong with the file
  }
}

function zeroScores(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}
