import type { ExchangeRow } from '../../syncing/exchange-log';
import { CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import { DATE_FORMAT, INTEGER_FORMAT } from '../cell-styles';
import { linkedinMessage } from '../linkedin-message';
import { redactHeaders, redactText } from '../redact';
import { SheetWriter } from '../sheet-writer';
import type { AuditContext } from './audit-context';
import type { RecordScope } from '../record-scope';

type LogRow = Pick<
  ExchangeRow,
  'id' | 'run_id' | 'at' | 'category' | 'method' | 'url' | 'status' | 'duration_ms' | 'attempt' | 'record_keys' | 'error' | 'response_body'
>;

type BodyRow = Pick<
  ExchangeRow,
  'id' | 'at' | 'method' | 'url' | 'request_headers' | 'request_body' | 'status' | 'response_headers' | 'response_body'
>;

/**
 * Exchanges in scope: all of them, or (filtered view) those that carried a record in view.
 * Returns a condition on `exchanges x` and its parameters.
 */
export function exchangeScope(scope: RecordScope): { sql: string; params: unknown[] } {
  if (!scope.filtered) return { sql: '1', params: [] };
  return {
    sql: `EXISTS (SELECT 1 FROM json_each(x.record_keys) k
                    JOIN records r ON r.category = x.category AND r.key = k.value
                   WHERE (${scope.sql}))`,
    params: scope.params,
  };
}

/** Every exchange with LinkedIn, one line each; secrets redacted again, whatever the log holds. */
export async function writeSyncLogSheet(ctx: AuditContext): Promise<string> {
  const { db, book, clock } = ctx;
  const where = exchangeScope(ctx.scope);
  const name = ctx.names.take('Sync log');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    [
      { header: 'Exchange', width: 10 },
      { header: 'Run', width: 6 },
      { header: 'Time', width: 19 },
      { header: 'Time (epoch ms)', width: 15 },
      { header: 'Category', width: 18 },
      { header: 'Method', width: 8 },
      { header: 'Endpoint', width: 50 },
      { header: 'Status', width: 8 },
      { header: 'Duration (ms)', width: 13 },
      { header: 'Attempt', width: 8 },
      { header: 'Records', width: 8 },
      { header: 'Record keys', width: 40 },
      { header: "LinkedIn's message", width: 60 },
    ],
    book,
    { autoFilter: true },
  );
  const date = book.get({ numFmt: DATE_FORMAT });
  const epoch = book.get({ numFmt: INTEGER_FORMAT });
  const failed = book.get({ tone: 'error' });
  const rows = db
    .prepare(
      `SELECT x.id, x.run_id, x.at, x.category, x.method, x.url, x.status, x.duration_ms, x.attempt,
              x.record_keys, x.error, CASE WHEN x.error IS NULL THEN x.response_body END AS response_body
         FROM exchanges x WHERE (${where.sql}) ORDER BY x.id`,
    )
    .iterate(...where.params) as IterableIterator<LogRow>;
  for (const x of rows) {
    const keys = parseKeys(x.record_keys);
    const message = linkedinMessage(x.error, x.response_body);
    const bad = x.status === null || x.status >= 400;
    sheet.row(
      [
        x.id,
        x.run_id,
        clock.wallClockDate(x.at),
        x.at,
        x.category ? (CATEGORY_LABELS[x.category as Category] ?? x.category) : null,
        x.method,
        redactText(x.url),
        x.status ?? 'No response',
        x.duration_ms,
        x.attempt,
        keys.length,
        keys.join(', '),
        message || null,
      ],
      [
        undefined, undefined, date, epoch, undefined, undefined, undefined,
        bad ? failed : undefined, undefined, undefined, undefined, undefined, message ? failed : undefined,
      ],
    );
    await ctx.pacer.row('Writing the sync log', sheet);
  }
  sheet.commit();
  return name;
}

/** Full requests and responses, redacted, one exchange per row; kept apart so the log stays light. */
export async function writeSyncBodiesSheet(ctx: AuditContext): Promise<string> {
  const { db, book, clock } = ctx;
  const where = exchangeScope(ctx.scope);
  const name = ctx.names.take('Sync bodies');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    [
      { header: 'Exchange', width: 10 },
      { header: 'Time', width: 19 },
      { header: 'Method', width: 8 },
      { header: 'Endpoint', width: 40 },
      { header: 'Request headers', width: 40 },
      { header: 'Request body', width: 60 },
      { header: 'Status', width: 8 },
      { header: 'Response headers', width: 40 },
      { header: 'Response body', width: 60 },
    ],
    book,
    { autoFilter: true },
  );
  const date = book.get({ numFmt: DATE_FORMAT });
  const rows = db
    .prepare(
      `SELECT x.id, x.at, x.method, x.url, x.request_headers, x.request_body, x.status,
              x.response_headers, x.response_body
         FROM exchanges x WHERE (${where.sql}) ORDER BY x.id`,
    )
    .iterate(...where.params) as IterableIterator<BodyRow>;
  for (const x of rows) {
    sheet.row(
      [
        x.id,
        clock.wallClockDate(x.at),
        x.method,
        redactText(x.url),
        redactHeaders(x.request_headers),
        x.request_body === null ? null : redactText(x.request_body),
        x.status ?? 'No response',
        redactHeaders(x.response_headers),
        x.response_body === null ? null : redactText(x.response_body),
      ],
      [undefined, date],
    );
    await ctx.pacer.row('Writing the sync bodies', sheet);
  }
  sheet.commit();
  return name;
}

function parseKeys(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
