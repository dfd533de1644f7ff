// The records grid as data: which columns it shows and how a cell reads, so the grid component
// only lays them out and the clipboard, the tests and the record panel read cells the same way.
import type { CellValue, Severity } from '../../../shared/domain';
import type { ColumnInfo, GridColumns, GridRow, RowIssue } from '../../../shared/contract/records';
import { readEpochMs } from '../../../shared/values/dates';
import { shortDateTime } from './ui/format';

export type ColumnKind = 'row' | 'status' | 'issues' | 'sync' | 'field' | 'extras-toggle' | 'extra';

export interface GridColumn {
  /** Unique within the grid: '$row', '$status', a field name, or 'extra:<header>'. */
  id: string;
  kind: ColumnKind;
  label: string;
  width: number;
  /** What records:page sorts by; null: not sortable. */
  sortKey: string | null;
  /** The RSC field a field column shows (also what an edit writes). */
  field: string | null;
  /** The source header an unmapped column shows. */
  source: string | null;
  editable: boolean;
  info: ColumnInfo | null;
  /** Left offset when the column stays put while the grid scrolls sideways. */
  sticky: number | null;
  /** Header tooltip: the field's description and format. */
  title: string;
}

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 30;

function fieldWidth(info: ColumnInfo): number {
  if (info.name === 'description') return 280;
  switch (info.type) {
    case 'epochMs': return 130;
    case 'url': case 'emailList': case 'email': return 220;
    case 'urn': case 'personUrn': case 'mediaUrn': return 200;
    case 'countryCode': return 90;
    case 'enum': return 100;
    default: return info.key ? 120 : 150;
  }
}

function fieldTitle(info: ColumnInfo): string {
  if (!info.inSpec) return `${info.name}: not an RSC field of this category (kept from the import)`;
  const need = info.requirement === 'required' ? 'Required' : info.requirement === 'conditional' ? 'Conditionally required'
    : info.requirement === 'ifAvailable' ? 'Required if the ATS has it' : 'Optional';
  return [`${info.name} — ${need}`, info.description, info.format ? `Format: ${info.format}` : ''].filter(Boolean).join('\n');
}

/** Room for a header label with its sort arrow and requirement mark (13px semibold system font). */
function labelWidth(label: string): number {
  return Math.ceil(label.length * 8.2 + 40);
}

/**
 * The grid's columns in order: the row number and the record key fields stay at the left while the
 * grid scrolls sideways; then status and issue counts; then every other field; the sync state; and
 * the unmapped source columns, folded into one toggle column until opened.
 */
export function buildColumns(cols: GridColumns, showExtras: boolean): GridColumn[] {
  const out: GridColumn[] = [];
  let left = 0;
  const push = (c: Omit<GridColumn, 'sticky'>, sticky = false) => {
    out.push({ ...c, sticky: sticky ? left : null });
    if (sticky) left += c.width;
  };
  const meta = (id: string, kind: ColumnKind, label: string, width: number, sortKey: string | null, title: string, sticky = false) =>
    push({ id, kind, label, width, sortKey, field: null, source: null, editable: false, info: null, title }, sticky);
  const field = (info: ColumnInfo, sticky = false) =>
    push(
      {
        id: info.name, kind: 'field', label: info.name, width: Math.max(fieldWidth(info), labelWidth(info.name)),
        sortKey: info.name, field: info.name,
        source: null, editable: true, info, title: fieldTitle(info),
      },
      sticky,
    );

  meta('$row', 'row', '#', 64, '$row', 'Row in the source sheet — click to select the record, double-click to open it', true);
  const keys = cols.fields.filter((f) => f.key);
  for (const k of keys) field(k, true);
  meta('$status', 'status', 'Status', 104, '$status', 'Check status (excluded records are kept from the sync)');
  meta('$issues', 'issues', 'Issues', 76, '$issues', 'Errors and warnings on the record');
  for (const f of cols.fields) if (!f.key) field(f);
  meta('$sync', 'sync', 'Sync', 96, '$sync', 'Last sync with LinkedIn');
  if (cols.extras.length > 0) {
    const n = cols.extras.length;
    push({
      id: '$extras', kind: 'extras-toggle', label: showExtras ? '◂' : `▸ ${n} source column${n === 1 ? '' : 's'}`,
      width: showExtras ? 32 : 150, sortKey: null, field: null, source: null, editable: false, info: null,
      title: showExtras ? 'Hide the unmapped source columns' : 'Show the source columns not mapped to an RSC field',
    });
    if (showExtras) {
      for (const h of cols.extras) {
        push({
          id: `extra:${h}`, kind: 'extra', label: h, width: 150, sortKey: null, field: null, source: h, editable: false, info: null,
          title: `${h}: source column not mapped to an RSC field (read-only; use "Fill from another column" to copy it into a field)`,
        });
      }
    }
  }
  return out;
}

export function columnLefts(columns: readonly GridColumn[]): number[] {
  const lefts: number[] = [];
  let x = 0;
  for (const c of columns) {
    lefts.push(x);
    x += c.width;
  }
  lefts.push(x);
  return lefts;
}

export function displayValue(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}

/** How a date field's cell reads: as a date and time in the workspace's zone, or as typed when it cannot be read. */
export interface DateCell {
  text: string;
  /** The epoch milliseconds LinkedIn gets; null when the value is empty or cannot be read as one date. */
  ms: number | null;
  /** A value that is not read as a date (shown as typed, flagged). */
  unreadable: boolean;
}

export interface DateContext {
  timeZone: string;
  /** The date format chosen for this column, if any (Settings → Date columns). */
  format?: string;
}

/**
 * Whatever the source held (an xlsx date, ISO text, epoch ms, an Excel serial), a date field
 * reads as its moment in the workspace's zone; a value with no one reading (day/month order,
 * seconds, a typo) shows as typed and is flagged.
 */
export function dateCell(v: CellValue | undefined, ctx: DateContext): DateCell {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { text: '', ms: null, unreadable: false };
  const reading = readEpochMs(v, { timeZone: ctx.timeZone, ...(ctx.format ? { format: ctx.format } : {}) });
  if (reading.kind === 'ok') return { text: shortDateTime(reading.ms, ctx.timeZone), ms: reading.ms, unreadable: false };
  return { text: displayValue(v), ms: null, unreadable: true };
}

export function isDateColumn(col: Pick<GridColumn, 'info'>): boolean {
  return col.info?.type === 'epochMs';
}

export interface SeverityLook {
  icon: string;
  word: string;
}

/** Severity is shown by colour AND symbol AND (for screen readers) a word. */
export const SEVERITY_LOOK: Record<Severity, SeverityLook> = {
  error: { icon: '✕', word: 'Error' },
  warning: { icon: '▲', word: 'Warning' },
  info: { icon: 'i', word: 'Info' },
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function worstSeverity(issues: readonly RowIssue[]): Severity | null {
  let worst: Severity | null = null;
  for (const i of issues) if (worst === null || RANK[i.severity] < RANK[worst]) worst = i.severity;
  return worst;
}

export function issuesOn(row: GridRow, field: string): RowIssue[] {
  return row.issues.filter((i) => i.field === field);
}

export interface StatusLook {
  cls: 'ok' | 'warning' | 'error' | 'neutral' | 'info';
  icon: string;
  text: string;
}

export function statusLook(row: Pick<GridRow, 'status' | 'excluded'>): StatusLook {
  if (row.excluded) return { cls: 'neutral', icon: '⊘', text: 'Excluded' };
  switch (row.status) {
    case 'compliant': return { cls: 'ok', icon: '✓', text: 'Compliant' };
    case 'warning': return { cls: 'warning', icon: '▲', text: 'Warning' };
    case 'error': return { cls: 'error', icon: '✕', text: 'Error' };
    default: return { cls: 'neutral', icon: '…', text: 'Unchecked' };
  }
}

export function syncLook(status: string | null): StatusLook | null {
  switch (status) {
    case 'succeeded': return { cls: 'ok', icon: '⇅', text: 'Synced' };
    case 'failed': return { cls: 'error', icon: '!', text: 'Failed' };
    case 'pending': return { cls: 'info', icon: '…', text: 'Pending' };
    case null: case '': return null;
    default: return { cls: 'neutral', icon: '·', text: status };
  }
}

/** What a cell holds as text, for copying and for the screen reader. */
export function cellText(row: GridRow, col: GridColumn): string {
  switch (col.kind) {
    case 'row': return String(row.sourceRow ?? '');
    case 'status': return statusLook(row).text;
    case 'issues': return issueSummary(row);
    case 'sync': return syncLook(row.syncStatus)?.text ?? '';
    case 'field': return displayValue(row.values[col.field!]);
    case 'extra': return displayValue(row.extras[col.source!]);
    default: return '';
  }
}

export function issueSummary(row: Pick<GridRow, 'errorCount' | 'warningCount'>): string {
  const parts: string[] = [];
  if (row.errorCount) parts.push(`${row.errorCount} error${row.errorCount === 1 ? '' : 's'}`);
  if (row.warningCount) parts.push(`${row.warningCount} warning${row.warningCount === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** What typing into a cell sends: empty text clears the cell; the backend turns date text into numbers. */
export function typedValue(text: string): CellValue {
  return text.trim() === '' ? null : text;
}

/** The hover text of a field cell: its issues, whether it was changed since the import, and a date's reading. */
export function fieldCellTitle(row: GridRow, col: GridColumn, dateText: (ms: number) => string, date?: DateContext): string {
  const field = col.field!;
  const lines: string[] = [];
  for (const i of issuesOn(row, field)) lines.push(`${SEVERITY_LOOK[i.severity].word}: ${i.message}${i.fix ? ` (fix: ${i.fix.label})` : ''}`);
  if (field in row.originals) {
    const o = row.originals[field];
    lines.push(`Changed since the import; imported as: ${o === null || o === '' ? '(empty)' : displayValue(o)}`);
  }
  const v = row.values[field];
  if (isDateColumn(col) && date) {
    const d = dateCell(v, date);
    if (d.ms !== null) lines.push(`${dateText(d.ms)}; LinkedIn gets ${d.ms}`);
    else if (d.unreadable) lines.push(`Not read as a date: shown as typed${typeof v === 'string' ? '' : ` (${displayValue(v)})`}`);
  } else if (isDateColumn(col) && typeof v === 'number' && Number.isFinite(v) && v > 1e11) lines.push(dateText(v));
  return lines.join('\n');
}
