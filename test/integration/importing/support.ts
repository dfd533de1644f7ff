import ExcelJS from 'exceljs';
import { afterEach } from 'vitest';
import { forgetInspected } from '../../../electron/core/importing/reading/parsed-file-cache';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';
import type { CellValue, FieldValues } from '../../../shared/domain';

export interface TestWorkspace {
  dir: string;
  path: string;
  db: Db;
}

export function testWorkspace(prefix = 'rscw-import-'): TestWorkspace {
  const dir = tempDir(prefix);
  const path = join(dir, 'w.rscw');
  return { dir, path, db: openWorkspaceDb(path) };
}

/** Workspaces opened by a test file's tests, each closed (and the wizard's kept read dropped) after each test. */
export function workspacesPerTest(prefix: string): () => TestWorkspace {
  const open: TestWorkspace[] = [];
  afterEach(() => {
    forgetInspected();
    for (const w of open.splice(0)) w.db.close();
  });
  return () => {
    const w = testWorkspace(prefix);
    open.push(w);
    return w;
  };
}

/** Everything an import could have written, for "the workspace is unchanged" checks. */
export function snapshot(db: Db): string {
  const tables = ['records', 'record_issues', 'source_files', 'source_sheets', 'operations', 'edits'];
  return JSON.stringify(Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])));
}

export interface StoredRecord {
  key: string;
  values: FieldValues;
  original: FieldValues;
  source: FieldValues;
  missing: boolean;
  sourceRow: number | null;
}

export function records(db: Db, category: string): StoredRecord[] {
  const rows = db
    .prepare('SELECT key, values_json, original_json, source_json, missing_from_source, source_row FROM records_wide WHERE category = ? ORDER BY id')
    .all(category) as { key: string; values_json: string; original_json: string; source_json: string; missing_from_source: number; source_row: number | null }[];
  return rows.map((r) => ({
    key: r.key,
    values: JSON.parse(r.values_json) as FieldValues,
    original: JSON.parse(r.original_json) as FieldValues,
    source: JSON.parse(r.source_json) as FieldValues,
    missing: r.missing_from_source === 1,
    sourceRow: r.source_row,
  }));
}

export function record(db: Db, category: string, key: string): StoredRecord {
  const found = records(db, category).find((r) => r.key === key);
  if (!found) throw new Error(`no ${category} record ${key}`);
  return found;
}

/** What the records screen does when a consultant fixes a cell: values_json changes, an operation with its edit is logged. */
export function editField(db: Db, category: string, key: string, field: string, value: CellValue): void {
  db.transaction(() => {
    const row = db.prepare('SELECT id, values_json FROM records_wide WHERE category = ? AND key = ?').get(category, key) as { id: number; values_json: string };
    const values = JSON.parse(row.values_json) as Record<string, CellValue>;
    const before = values[field] ?? null;
    values[field] = value;
    db.prepare('UPDATE record_values SET values_json = ? WHERE record_id = ?').run(JSON.stringify(values), row.id);
    const op = db.prepare("INSERT INTO operations (kind, description, created_at, record_count) VALUES ('edit', ?, ?, 1)").run(`Edit ${field}`, Date.now());
    db.prepare('INSERT INTO edits (operation_id, record_id, field, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      op.lastInsertRowid, row.id, field, JSON.stringify(before), JSON.stringify(value), Date.now(),
    );
  })();
}

/** Writes a workbook with exceljs's regular writer; `build` adds each sheet's content. */
export async function writeWorkbook(path: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

export async function writeSheets(path: string, sheets: Record<string, unknown[][]>): Promise<string> {
  return writeWorkbook(path, (wb) => {
    for (const [name, rows] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name);
      for (const r of rows) ws.addRow(r);
    }
  });
}

export const JOB_HEADERS = ['Job ID', 'Job Title', 'Job Description', 'Location', 'Status', 'Apply URL', 'Posted Date'];

export function jobRow(i: number, overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    'Job ID': `J-${i}`,
    'Job Title': `Engineer ${i}`,
    'Job Description': `Build things ${i}. `.repeat(10),
    Location: 'Berlin, Germany',
    Status: 'Open',
    'Apply URL': `https://careers.example.com/jobs/${i}`,
    'Posted Date': new Date(Date.UTC(2025, 0, 1 + i)),
    ...overrides,
  };
  return JOB_HEADERS.map((h) => base[h]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal zip (stored, no compression) holding the given files: for archives that are not workbooks. */
export function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The start of a Compound File Binary (OLE2) container, as old .xls and encrypted .xlsx files are. */
export function cfbFile(withEncryptionInfo: boolean): Buffer {
  const header = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  const name = Buffer.from(withEncryptionInfo ? 'EncryptionInfo' : 'Workbook', 'utf16le');
  name.copy(header, 1024);
  return header;
}
