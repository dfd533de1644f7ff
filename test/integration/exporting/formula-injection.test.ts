import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { writeCleanExport } from '../../../electron/core/exporting/clean/write-clean';
import { buildExportWorkspace, INJECTION_NAME, INJECTION_SUM, type ExportWorkspace } from './export-workspace';
import { cellAt, readWorkbook, rowOf, sheet } from './read-workbook';
import { zipEntries } from './zip-entries';

// exceljs's ValueType.String
const STRING_CELL = 3;

let ws: ExportWorkspace;
beforeAll(() => {
  ws = buildExportWorkspace();
});
afterAll(() => ws.db.close());

function xmlEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** No worksheet has a formula element, and each payload is a plain string cell's value. */
function expectNoFormulaInXml(path: string, payloads: string[]): void {
  const sheets = [...zipEntries(path)].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  expect(sheets.length).toBeGreaterThan(0);
  for (const [name, xml] of sheets) expect(xml, name).not.toMatch(/<f[\s>]/);
  const all = sheets.map(([, xml]) => xml).join('');
  for (const payload of payloads) {
    expect(all).toMatch(new RegExp(`<c r="[A-Z]+\\d+" s="\\d+" t="str"><v>${escapeRegExp(xmlEscaped(payload))}</v></c>`));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('formula injection', () => {
  it('writes formula-like names in the audit as text cells in the Text format, never as formulas', async () => {
    const path = join(ws.dir, 'audit.xlsx');
    await writeAuditWorkbook(ws.db, ws.path, { path });
    const candidates = sheet(await readWorkbook(path), 'Candidates');
    const row = rowOf(candidates, 'C-1');
    for (const [field, payload] of [['firstName', INJECTION_NAME], ['lastName', INJECTION_SUM]]) {
      const cell = cellAt(candidates, row, field);
      expect(cell.value).toBe(payload);
      expect(cell.type).toBe(STRING_CELL);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
    expectNoFormulaInXml(path, [INJECTION_NAME, INJECTION_SUM]);
  });

  it('writes them in a cleaned workbook as text, with their value unchanged', async () => {
    const path = join(ws.dir, 'clean.xlsx');
    await writeCleanExport(ws.db, ws.path, { path, format: 'xlsx' });
    const candidates = sheet(await readWorkbook(path), 'Candidates');
    const row = rowOf(candidates, 'C-1');
    expect(cellAt(candidates, row, 'First').value).toBe(INJECTION_NAME);
    expect(cellAt(candidates, row, 'First').numFmt).toBe('@');
    expect(cellAt(candidates, row, 'Last').value).toBe(INJECTION_SUM);
    expect(cellAt(candidates, row, 'Notes').value).toBe('-2+3');
    expectNoFormulaInXml(path, [INJECTION_NAME, INJECTION_SUM, '-2+3']);
  });

  it('prefixes them with an apostrophe in CSV, quoting as CSV requires', async () => {
    const path = join(ws.dir, 'candidates.csv');
    await writeCleanExport(ws.db, ws.path, { path, category: 'candidates' });
    const text = readFileSync(path, 'utf8');
    const c1 = text.split('\r\n').find((line) => line.startsWith('C-1'))!;
    expect(c1).toBe(`C-1;"'=HYPERLINK(""http://x"",""y"")";"'@SUM(1+1)*cmd|"" /C calc""!A0";x@example.com;1735689600000;1735689600000;'-2+3`);
  });
});
