import { CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import type { SkippedRow } from '../../../../shared/contract/import';
import { DATE_FORMAT, INTEGER_FORMAT } from '../cell-styles';
import { SheetWriter } from '../sheet-writer';
import type { AuditContext } from './audit-context';

interface StoredSkip {
  imported_at: number;
  file: string;
  sheet: string;
  category: string;
  skip: string;
}

function shown(value: unknown): string {
  return value === null || value === undefined || value === '' ? 'empty' : JSON.stringify(value);
}

/**
 * Every row an import did not turn into a record (a repeated or missing key, a total row), as
 * kept with the imported sheet: imports of the categories in scope, oldest first.
 */
export async function writeSkippedRowsSheet(ctx: AuditContext): Promise<string> {
  const { db, scope, book, clock } = ctx;
  const name = ctx.names.take('Skipped rows');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    [
      { header: 'Imported at', width: 19 },
      { header: 'File', width: 28 },
      { header: 'Sheet', width: 18 },
      { header: 'Category', width: 16 },
      { header: 'Row', width: 8 },
      { header: 'Key', width: 18 },
      { header: 'Reason', width: 50 },
      { header: 'How it differs from the row kept', width: 60 },
    ],
    book,
    { autoFilter: true },
  );
  const date = book.get({ numFmt: DATE_FORMAT });
  const integer = book.get({ numFmt: INTEGER_FORMAT });
  const rows = db
    .prepare(
      `SELECT f.imported_at, f.name AS file, s.name AS sheet, s.category, j.value AS skip
         FROM source_sheets s JOIN source_files f ON f.id = s.file_id,
              json_each(s.options_json, '$.skippedRows') j
        WHERE s.category IN (SELECT value FROM json_each(?)) AND json_valid(s.options_json)
        ORDER BY s.id, j.key`,
    )
    .iterate(JSON.stringify(scope.categories)) as IterableIterator<StoredSkip>;
  for (const r of rows) {
    const skip = JSON.parse(r.skip) as SkippedRow;
    const differences = skip.differences?.map((d) => `${d.column}: kept ${shown(d.kept)}, skipped ${shown(d.skipped)}`).join('; ');
    sheet.row(
      [
        clock.wallClockDate(r.imported_at),
        r.file,
        r.sheet,
        CATEGORY_LABELS[r.category as Category] ?? r.category,
        skip.row,
        skip.key ?? null,
        skip.reason,
        differences ?? (skip.reason.startsWith('Duplicate key') ? 'identical' : null),
      ],
      [date, undefined, undefined, undefined, integer],
    );
    await ctx.pacer.row('Writing skipped rows', sheet);
  }
  sheet.commit();
  return name;
}
