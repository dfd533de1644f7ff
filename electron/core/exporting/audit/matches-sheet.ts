import { MATCH_HELP_FIELDS, type DriftField } from '../../../../shared/contract/reconcile';
import { CATEGORY_LABELS, type Category, type FieldValues } from '../../../../shared/domain';
import { DATE_FORMAT } from '../cell-styles';
import { SheetWriter } from '../sheet-writer';
import type { AuditContext } from './audit-context';

const MATCH_LABEL: Record<string, string> = { matched: 'Matched', unmatched: 'No member', notFound: 'Not at LinkedIn' };
const ERASURE_LABEL: Record<string, string> = {
  erased: 'Erased at LinkedIn',
  marked: 'Marked for erasure',
  failed: 'Erasure refused by LinkedIn',
};

interface Row {
  category: string;
  key: string;
  values_json: string | null;
  status: string | null;
  members_json: string | null;
  manual_member: string | null;
  read_at: number | null;
  unrecognized: string | null;
  drift_json: string | null;
  erasure: string | null;
  reason: string | null;
  erased_at: number | null;
  erase_message: string | null;
}

function shown(value: unknown): string {
  return value === undefined ? '(left out)' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * "Matches": what LinkedIn answered when synced candidates were read back (its member matches,
 * what an unmatched candidate lacks, the fields it holds otherwise than sent), and every record
 * erased at LinkedIn or marked for it. Added to `sheets` only when there is something to list, so
 * a workspace that never reconciled gets the workbook it always had.
 */
export async function addMatchesSheet(ctx: AuditContext, sheets: string[]): Promise<void> {
  const { db, book, clock, scope } = ctx;
  const params = scope.params;
  const any = db
    .prepare(
      `SELECT 1 FROM records r WHERE (${scope.sql}) AND (EXISTS (SELECT 1 FROM linkedin_matches m WHERE m.record_id = r.id)
         OR EXISTS (SELECT 1 FROM linkedin_erasures e WHERE e.record_id = r.id)) LIMIT 1`,
    )
    .get(...params);
  if (!any) return;
  const name = ctx.names.take('Matches');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    [
      { header: 'Category', width: 14 },
      { header: 'Record', width: 18 },
      { header: 'LinkedIn', width: 18 },
      { header: 'Members matched', width: 34 },
      { header: 'Manual match', width: 28 },
      { header: 'Read / erased at', width: 19 },
      { header: 'Lacks (helps matching)', width: 40 },
      { header: 'Held otherwise at LinkedIn', width: 60 },
      { header: 'Note', width: 40 },
    ],
    book,
    { autoFilter: true, frozenColumns: 2 },
  );
  const date = book.get({ numFmt: DATE_FORMAT });
  const rows = db
    .prepare(
      `SELECT r.category, r.key, v.values_json, m.status, m.members_json, m.manual_member, m.read_at, m.unrecognized, m.drift_json,
              e.status AS erasure, e.reason, e.erased_at, e.message AS erase_message
         FROM records r
         LEFT JOIN linkedin_matches m ON m.record_id = r.id
         LEFT JOIN linkedin_erasures e ON e.record_id = r.id
         LEFT JOIN record_values v ON v.record_id = r.id
        WHERE (${scope.sql}) AND (m.record_id IS NOT NULL OR e.record_id IS NOT NULL)
        ORDER BY r.category, r.id`,
    )
    .iterate(...params) as IterableIterator<Row>;
  for (const r of rows) {
    const values = r.values_json ? (JSON.parse(r.values_json) as FieldValues) : {};
    const blank = (f: string) => values[f] === null || values[f] === undefined || String(values[f]).trim() === '';
    const lacks = r.status && r.status !== 'matched' ? MATCH_HELP_FIELDS.filter(blank).join(', ') : null;
    const drift = r.drift_json
      ? (JSON.parse(r.drift_json) as DriftField[]).map((d) => `${d.field}: sent ${shown(d.sent)}, LinkedIn ${shown(d.linkedin)}`).join('; ')
      : null;
    const erased = r.erasure ? ERASURE_LABEL[r.erasure] ?? r.erasure : null;
    const note = [
      erased && r.reason === 'missing' ? 'Missing from the latest import' : null,
      erased && r.reason === 'marked' ? 'Marked by the consultant' : null,
      r.erase_message,
      r.unrecognized ? `Answer not understood: ${r.unrecognized}` : null,
    ].filter(Boolean).join('. ');
    const at = r.erasure === 'erased' ? r.erased_at : r.read_at;
    sheet.row(
      [
        CATEGORY_LABELS[r.category as Category] ?? r.category,
        r.key,
        erased ?? (r.status ? MATCH_LABEL[r.status] ?? r.status : null),
        r.members_json ? (JSON.parse(r.members_json) as string[]).join(', ') || null : null,
        r.manual_member,
        at === null ? null : clock.wallClockDate(at),
        lacks || null,
        drift,
        note || null,
      ],
      [undefined, undefined, undefined, undefined, undefined, date],
    );
    await ctx.pacer.row('Writing LinkedIn matches', sheet);
  }
  sheet.commit();
  sheets.push(name);
}
