import ExcelJS from 'exceljs';

/** Reads an exported workbook back with exceljs, as the tests' independent reader. */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet "${name}" in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

export function headers(ws: ExcelJS.Worksheet, row = 1): string[] {
  return (ws.getRow(row).values as unknown[]).slice(1).map((v) => String(v ?? ''));
}

/** The cell in the row whose column's header is `header`. */
export function cellAt(ws: ExcelJS.Worksheet, row: number, header: string): ExcelJS.Cell {
  const col = headers(ws).indexOf(header);
  if (col < 0) throw new Error(`no column "${header}" in ${ws.name}`);
  return ws.getRow(row).getCell(col + 1);
}

/** The data row (2-based) whose first cell is `key`. */
export function rowOf(ws: ExcelJS.Worksheet, key: string, column = 1): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === key) return r;
  throw new Error(`no row "${key}" in ${ws.name}`);
}

/** Every row's values from row 1, without exceljs's leading hole. */
export function table(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
  return rows;
}

export function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.fgColor?.argb;
}

export function noteOf(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as string | { texts: { text: string }[] } | undefined;
  if (note === undefined) return undefined;
  return typeof note === 'string' ? note : note.texts.map((t) => t.text).join('');
}

/** Every string value in every sheet, for "this never appears anywhere" checks. */
export function allText(wb: ExcelJS.Workbook): string {
  const parts: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        parts.push(String(cell.value ?? ''));
        const note = noteOf(cell);
        if (note) parts.push(note);
      }),
    );
  }
  return parts.join('\n');
}
