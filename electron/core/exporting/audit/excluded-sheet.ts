import { CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import { DATE_FORMAT } from '../cell-styles';
import { SheetWriter } from '../sheet-writer';
import type { AuditContext } from './audit-context';
import { STATUS_LABEL, SYNC_LABEL } from './labels';

interface ExcludedRow {
  category: string;
  key: string;
  status: string;
  exclude_reason: string | null;
  excluded_at: number | null;
  sync_status: string | null;
}

/** Records kept from the sync, and the reason the consultant gave. Written after the category sheets, which collect them. */
export async function writeExcludedSheet(ctx: AuditContext): Promise<string> {
  const { db, book, clock } = ctx;
  const name = ctx.names.take('Excluded');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    [
      { header: 'Category', width: 18 },
      { header: 'Record', width: 20 },
      { header: 'Status', width: 12 },
      { header: 'Reason', width: 50 },
      { header: 'Excluded at', width: 19 },
      { header: 'Sync status', width: 12 },
    ],
    book,
    { autoFilter: true },
  );
  const date = book.get({ numFmt: DATE_FORMAT });
  const rows = db
    .prepare(
      `SELECT r.category, r.key, r.status, r.exclude_reason, r.sync_status,
              (SELECT max(e.at) FROM edits e WHERE e.record_id = r.id AND e.field = '$excluded') AS excluded_at
         FROM json_each(?) j JOIN records r ON r.id = j.value
        ORDER BY j.key`,
    )
    .iterate(JSON.stringify(ctx.excludedIds)) as IterableIterator<ExcludedRow>;
  for (const r of rows) {
    sheet.row(
      [
        CATEGORY_LABELS[r.category as Category] ?? r.category,
        r.key,
        STATUS_LABEL[r.status] ?? r.status,
        r.exclude_reason ?? '(no reason given)',
        r.excluded_at === null ? null : clock.wallClockDate(r.excluded_at),
        r.sync_status ? (SYNC_LABEL[r.sync_status] ?? r.sync_status) : null,
      ],
      [undefined, undefined, undefined, undefined, date],
    );
    await ctx.pacer.row('Writing exclusions', sheet);
  }
  sheet.commit();
  return name;
}
