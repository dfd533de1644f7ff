import { CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import { parseStoredValue } from '../cell-text';
import { DATE_FORMAT, INTEGER_FORMAT } from '../cell-styles';
import { SheetWriter } from '../sheet-writer';
import type { AuditContext } from './audit-context';

interface EditRow {
  op_id: number;
  kind: string;
  description: string;
  created_at: number;
  undone: number;
  field: string | null;
  before_json: string | null;
  after_json: string | null;
  at: number | null;
  category: string | null;
  key: string | null;
}

const EXCLUSION_FIELD = '$excluded';

/** Every operation and every cell it changed, oldest first: who changed what, from what, to what. */
export async function writeEditsSheet(ctx: AuditContext): Promise<string> {
  const { db, scope, book, clock } = ctx;
  // Unfiltered, operations without a changed cell still appear; filtered, only changes to records in view.
  const sql = scope.filtered
    ? `SELECT o.id AS op_id, o.kind, o.description, o.created_at, o.undone,
              e.field, e.before_json, e.after_json, e.at, r.category, r.key
         FROM edits e JOIN operations o ON o.id = e.operation_id JOIN records r ON r.id = e.record_id
        WHERE (${scope.sql}) ORDER BY o.id, e.id`
    : `SELECT o.id AS op_id, o.kind, o.description, o.created_at, o.undone,
              e.field, e.before_json, e.after_json, e.at, r.category, r.key
         FROM operations o LEFT JOIN edits e ON e.operation_id = o.id LEFT JOIN records r ON r.id = e.record_id
        ORDER BY o.id, e.id`;
  const name = ctx.names.take('Edits');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    [
      { header: 'Operation', width: 10 },
      { header: 'Kind', width: 14 },
      { header: 'Description', width: 40 },
      { header: 'Undone', width: 8 },
      { header: 'Category', width: 18 },
      { header: 'Record', width: 18 },
      { header: 'Field', width: 22 },
      { header: 'Before', width: 30 },
      { header: 'After', width: 30 },
      { header: 'When', width: 19 },
      { header: 'When (epoch ms)', width: 15 },
    ],
    book,
    { autoFilter: true },
  );
  const date = book.get({ numFmt: DATE_FORMAT });
  const epoch = book.get({ numFmt: INTEGER_FORMAT });
  const styles = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, date, epoch];
  for (const e of db.prepare(sql).iterate(...(scope.filtered ? scope.params : [])) as IterableIterator<EditRow>) {
    const when = e.at ?? e.created_at;
    sheet.row(
      [
        e.op_id,
        e.kind,
        e.description,
        e.undone ? 'Yes' : null,
        e.category ? (CATEGORY_LABELS[e.category as Category] ?? e.category) : null,
        e.key,
        e.field === EXCLUSION_FIELD ? '(excluded from sync)' : e.field,
        e.field === null ? null : parseStoredValue(e.before_json),
        e.field === null ? null : parseStoredValue(e.after_json),
        clock.wallClockDate(when),
        when,
      ],
      styles,
    );
    await ctx.pacer.row('Writing edits', sheet);
  }
  sheet.commit();
  return name;
}
