import type { CellValue, Category, FieldValues } from '../../../../shared/domain';
import type { AppliedValueMapping, ValueMappings } from '../../../../shared/contract/import';
import { fieldsOf, recordKey, KEY_FIELDS } from '../../../../shared/rsc/fields';
import { excelDateToEpochMs } from '../../../../shared/values/dates';
import { suggestEnumValue } from '../mapping/value-mappings';
import { rowCells, type SheetTable } from '../reading/sheet-table';
import { cellAsText, dateText } from '../reading/raw-cell-text';
import type { RawCell } from '../reading/parsed-sheet';

export interface BuiltRecord {
  key: string;
  row: number;
  values: FieldValues;
  /** The whole source row keyed by header as JSON, blank cells left out; unmapped columns included. */
  sourceJson: string;
}

export type BuildResult = { ok: true; record: BuiltRecord } | { ok: false; row: number; reason: string };

interface MappedColumn {
  column: number;
  field: string;
  epochMs: boolean;
  /** Source text → RSC value, for enum fields and fields with chosen value mappings. */
  values: Map<string, string | null> | undefined;
  /** Suggests a value for source text not in `values` (enum fields). */
  suggest: ((text: string) => string | null) | undefined;
  /** Source text → cells it changed, for the import's report of value mappings applied. */
  applied: Map<string, number>;
}

/**
 * Turns table rows into records of one category: mapped columns become field values (date
 * cells become epoch ms for epoch fields, enum values go through the value mappings), every
 * column is kept in the source row, and the record key comes from the key fields.
 */
export class RecordBuilder {
  private readonly columns: MappedColumn[];
  private readonly keyText: string;
  /** Column, source text, … of the value mappings that changed the row last built. */
  private readonly mappedInRow: (MappedColumn | string)[] = [];
  /** `"<header>":` per column, escaped once: source rows are written as JSON text directly. */
  private readonly jsonKeys: string[];

  constructor(
    private readonly category: Category,
    private readonly table: SheetTable,
    mapping: Map<number, string>,
    valueMappings: ValueMappings,
    private readonly timeZone: string,
  ) {
    const specs = new Map(fieldsOf(category).map((f) => [f.name, f]));
    this.columns = [...mapping].map(([column, field]) => {
      const chosen = valueMappings[field];
      const isEnum = specs.get(field)?.type === 'enum';
      return {
        column,
        field,
        epochMs: specs.get(field)?.type === 'epochMs',
        values: chosen || isEnum ? new Map(Object.entries(chosen ?? {})) : undefined,
        suggest: isEnum ? (text: string) => suggestEnumValue(category, field, text) : undefined,
        applied: new Map(),
      };
    });
    const keyColumns = KEY_FIELDS[category]
      .filter((f) => f !== 'stageId')
      .map((f) => {
        const m = this.columns.find((c) => c.field === f);
        return m ? `"${table.headers[m.column]}" (${f})` : f;
      });
    this.keyText = keyColumns.join(' and ');
    this.jsonKeys = table.headers.map((h) => `${JSON.stringify(h)}:`);
  }

  build(index: number): BuildResult {
    this.mappedInRow.length = 0;
    const cells = rowCells(this.table, index);
    const rowNumber = this.table.sheet.rows[index].row;
    const values: FieldValues = {};
    for (const m of this.columns) values[m.field] = this.fieldValue(cells[m.column], m);
    // With the time zone, a derived stage id is the one the compliance check derives (check_key).
    const key = recordKey(this.category, values, { timeZone: this.timeZone });
    if (key === null) return { ok: false, row: rowNumber, reason: `No value for the key ${this.keyText}` };
    // Built as text: an object with dozens of keys per row would cost more than the JSON itself.
    let sourceJson = '{';
    const keys = this.jsonKeys;
    const n = Math.min(keys.length, cells.length);
    for (let c = 0; c < n; c++) {
      const cell = cells[c];
      if (cell === null || cell === undefined) continue;
      if (sourceJson.length > 1) sourceJson += ',';
      sourceJson += keys[c] + JSON.stringify(cell instanceof Date ? dateText(cell) : cell);
    }
    sourceJson += '}';
    return { ok: true, record: { key, row: rowNumber, values, sourceJson } };
  }

  /** The value mappings applied so far (source → RSC value per field), to store with the sheet. */
  appliedValueMappings(): ValueMappings {
    const out: ValueMappings = {};
    for (const m of this.columns) {
      if (!m.values) continue;
      const map: Record<string, string> = {};
      for (const [source, target] of m.values) if (target !== null && target !== source) map[source] = target;
      if (Object.keys(map).length > 0) out[m.field] = map;
    }
    return out;
  }

  /** The row last built became a record: its value mappings count as applied. */
  stored(): void {
    const mapped = this.mappedInRow;
    for (let i = 0; i < mapped.length; i += 2) {
      const m = mapped[i] as MappedColumn;
      const text = mapped[i + 1] as string;
      m.applied.set(text, (m.applied.get(text) ?? 0) + 1);
    }
  }

  /** The value mappings that changed cells, with their counts, in column order. */
  valueMappingsApplied(): AppliedValueMapping[] {
    const out: AppliedValueMapping[] = [];
    for (const m of this.columns) {
      for (const [from, count] of m.applied) out.push({ field: m.field, from, to: m.values!.get(from)!, count });
    }
    return out;
  }

  private fieldValue(cell: RawCell | undefined, m: MappedColumn): CellValue {
    if (cell === null || cell === undefined) return null;
    if (m.values) {
      const text = cellAsText(cell);
      if (text !== null) {
        let target = m.values.get(text);
        if (target === undefined && m.suggest) {
          // Remembered per distinct value: a status column has a handful of values over 100k rows.
          target = m.suggest(text);
          m.values.set(text, target);
        }
        if (target !== undefined && target !== null) {
          if (target !== text) this.mappedInRow.push(m, text);
          return target;
        }
      }
    }
    if (cell instanceof Date) return m.epochMs ? excelDateToEpochMs(cell, this.timeZone) : dateText(cell);
    return cell;
  }
}
