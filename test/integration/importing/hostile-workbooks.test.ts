// Workbooks made to exhaust memory: refused by what they declare before they are parsed, and a read that still needs
// too much ends a bounded thread, not the process, with one line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { openZip } from '../../../electron/core/importing/reading/zip-archive';
import { parseWorkbookParts, WorkbookTooLarge, type WorkbookPartReaders } from '../../../electron/core/importing/reading/xlsx-parts';
import { MAX_SHARED_STRINGS } from '../../../electron/core/importing/limits';
import { tempDir } from '../../support/temp';
import { buildZip, type ZipEntrySpec } from '../../support/zip-writer';
import { JOB_HEADERS, jobRow, testWorkspace, writeWorkbook } from './support';

/** The command's exit code and its failure: the last line on stderr (progress lines come before it). */
async function cli(argv: string[]) {
  let stderr = '';
  const code = await runCli(argv, { stdout: () => {}, stderr: (t) => (stderr += t) });
  expect(stderr).not.toMatch(/^\s+at /m);
  return { code, failure: stderr.trim().split('\n').at(-1) };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A real workbook of jobs, rebuilt with its parts changed by `change` (name → entry, or null to keep it). */
async function alteredWorkbook(path: string, change: (name: string, data: Buffer) => ZipEntrySpec | null): Promise<string> {
  await writeWorkbook(path, (wb) => {
    const ws = wb.addWorksheet('Jobs');
    ws.addRow(JOB_HEADERS);
    for (let i = 1; i <= 5; i++) ws.addRow(jobRow(i));
  });
  const zip = await openZip(path);
  const entries: ZipEntrySpec[] = [];
  try {
    for (const name of zip.names()) {
      const data = await bytesOf(await zip.open(name));
      entries.push(change(name, data) ?? { name, data });
    }
  } finally {
    zip.close();
  }
  writeFileSync(path, buildZip(entries));
  return path;
}

describe('hostile workbooks', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = tempDir('rscw-hostile-xlsx-');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses shared strings that would inflate to gigabytes by their declared size, before inflating any', async () => {
    const path = await alteredWorkbook(join(dir, 'bomb.xlsx'), (name) =>
      // 2.8 GB declared over data that is not even deflate: any attempt to inflate it would fail differently.
      name === 'xl/sharedStrings.xml' ? { name, deflated: randomBytes(8192), declaredSize: 2.8 * 1024 ** 3 } : null,
    );
    const r = await cli(['import', path, '--db', join(dir, 'w.rscw')]);
    expect(r.code).toBe(1);
    expect(r.failure).toBe(
      'rscw: bomb.xlsx holds 2.8 GB of shared strings (the text of its cells) once unpacked; an import reads at most 256 MB: ' +
        'split it into smaller workbooks, or save it as .csv',
    );
  });

  it('refuses a shared-string count past the ceiling, read from the part before it is parsed', async () => {
    const path = await alteredWorkbook(join(dir, 'many.xlsx'), (name, data) =>
      name === 'xl/sharedStrings.xml'
        ? { name, data: Buffer.from(data.toString('utf8').replace(/uniqueCount="\d+"/, 'uniqueCount="50000000"')) }
        : null,
    );
    const r = await cli(['import', path, '--db', join(dir, 'w.rscw')]);
    expect(r.code).toBe(1);
    expect(r.failure).toBe(
      'rscw: many.xlsx holds 50,000,000 shared strings (distinct cell texts); an import reads at most 4,000,000: ' +
        'split it into smaller workbooks, or save it as .csv',
    );
  });

  it('stops reading shared strings once more are cached than the ceiling, whatever the part declared', async () => {
    // A part that declares no count, and strings enough for several chunks of the unzip.
    const strings = Array.from({ length: 20_000 }, (_, i) => `<si><t>distinct text number ${i}</t></si>`).join('');
    const path = await alteredWorkbook(join(dir, 'undeclared.xlsx'), (name) =>
      name === 'xl/sharedStrings.xml'
        ? { name, data: Buffer.from(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`) }
        : null,
    );
    let chunks = 0;
    const drain = async (stream: Readable) => {
      for await (const chunk of stream) void chunk;
    };
    // Stands in for exceljs's reader: its cache has passed the ceiling once the first chunk is parsed.
    const reader: WorkbookPartReaders = {
      _parseRels: drain,
      _parseWorkbook: drain,
      _parseStyles: drain,
      async *_parseSharedStrings(stream) {
        for await (const chunk of stream) {
          void chunk;
          chunks++;
          reader.sharedStrings = new Array<unknown>(MAX_SHARED_STRINGS + 1);
        }
        yield* [];
      },
      _parseHyperlinks: () => [],
      _parseWorksheet: () => [],
    };
    const zip = await openZip(path);
    try {
      const events = parseWorkbookParts(reader, zip);
      await expect(events.next()).rejects.toThrow(WorkbookTooLarge);
      expect(chunks).toBe(1);
    } finally {
      zip.close();
    }
  });

  it('fails in one line when a read needs more memory than its thread may use, never reading on the import\'s own thread', async () => {
    const path = await alteredWorkbook(join(dir, 'jobs.xlsx'), () => null);
    const tiny = { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 };
    const w = testWorkspace();
    try {
      await expect(importIntoWorkspace(w.db, { path }, { readingThreadLimits: tiny, secondReadLimits: tiny })).rejects.toMatchObject({
        code: 'FILE_TOO_LARGE',
        message: 'jobs.xlsx needs more memory to read than an import may use (2 MB): split it into smaller files, or save it as .csv',
      });
      expect(w.db.inTransaction).toBe(false);
    } finally {
      w.db.close();
    }
  });
});
