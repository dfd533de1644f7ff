import type { CellValue, Category, FieldValues } from '../../../../shared/domain';
import type { ValueMappings } from '../../../../shared/contract/import';
import { fieldsOf, recordKey, KEY_FIELDS } from '../../../../shared/rsc/fields';
import { excelDateToEpochMs } from '../../../../shared/values/dates';
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
  values: Record<string, string> | undefined;
}

/**
 * Turns table rows into records of one category: mapped columns become field values (date
 * cells become epoch ms for epoch fields, enum values go through the value mappings), every
 * column is kept in the source row, and the record key comes from the key fields.
 */
export class RecordBuilder {
  private readonly columns: MappedColumn[];
  private readonly keyText: string;
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
    this.columns = [...mapping].map(([column, field]) => ({
      column,
      field,
      epochMs: specs.get(field)?.type === 'epochMs',
      values: valueMappings[field],
    }));
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
    const cells = rowCells(this.table, index);
    const rowNumber = this.table.sheet.rows[index].row;
    const values: FieldValues = {};
    for (const m of this.columns) values[m.field] = this.fieldValue(cells[m.column], m);
    const key = recordKey(this.category, values);
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

  private fieldValue(cell: RawCell | undefined, m: MappedColumn): CellValue {
    if (cell === null || cell === undefined) return null;
    if (m.values) {
      const text = cellAsText(cell);
      if (text !== null && Object.prototype.hasOwnProperty.call(m.values, text)) return m.values[text];
    }
    if (cell instanceof Date) return m.epochMs ? excelDateToEpochMs(cell, this.timeZone) : dateText(cell);
    return cell;
  }
}
