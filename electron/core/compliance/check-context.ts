import type { Db } from '../db/connection';
import { getSetting, setSetting, deleteSetting } from '../db/settings-table';
import type { Category } from '../../../shared/domain';
import { isCategory } from '../../../shared/domain';
import type { CheckContext } from '../../../shared/rsc/context';
import { isValidTimeZone, type ColumnFormats } from '../../../shared/values/dates';
import { resumeCheckInfo } from '../resumes/check-info';

/** Settings key of the workspace time zone (written by workspace:setTimeZone). */
export const TIME_ZONE_SETTING = 'workspace.timeZone';
/** Settings key of workspace-wide date formats: {"<category>": {"<field>": "<luxon format>"}}. */
export const DATE_FORMATS_SETTING = 'compliance.dateFormats';

type FormatsByCategory = Partial<Record<Category, Record<string, string>>>;

export interface ContextOverrides {
  timeZone?: string;
  now?: number;
}

/**
 * The check context of each record: the workspace time zone, and the date formats chosen for
 * its columns. Formats come from the workspace setting (per category and field) and, overriding
 * them, from its source sheet's options_json.dateFormats ({"<field>": "<format>"}), since two
 * exports of one category can write dates differently.
 */
export class CheckContexts {
  readonly timeZone: string;
  readonly now: number;
  private readonly workspaceFormats: FormatsByCategory;
  private readonly cache = new Map<string, CheckContext>();
  private readonly sheetOptions: (sheetId: number) => { options_json: string } | undefined;
  /** Attached resumes, for the media rules; undefined when none are attached. */
  private readonly resumes: CheckContext['resumes'];

  constructor(db: Db, overrides: ContextOverrides = {}) {
    const zone = overrides.timeZone ?? getSetting(db, TIME_ZONE_SETTING) ?? 'UTC';
    this.timeZone = isValidTimeZone(zone) ? zone : 'UTC';
    this.now = overrides.now ?? Date.now();
    this.workspaceFormats = readWorkspaceFormats(db);
    const stmt = db.prepare('SELECT options_json FROM source_sheets WHERE id = ?');
    this.sheetOptions = (id) => stmt.get(id) as { options_json: string } | undefined;
    this.resumes = resumeCheckInfo(db, this.now);
  }

  private last: { category: Category; sheetId: number | null; ctx: CheckContext } | null = null;

  for(category: Category, sheetId: number | null): CheckContext {
    // Records come in runs of one sheet and category: answer those without building a cache key.
    const last = this.last;
    if (last && last.category === category && last.sheetId === sheetId) return last.ctx;
    const ctx = this.lookup(category, sheetId);
    this.last = { category, sheetId, ctx };
    return ctx;
  }

  private lookup(category: Category, sheetId: number | null): CheckContext {
    const cacheKey = `${category}:${sheetId ?? ''}`;
    let ctx = this.cache.get(cacheKey);
    if (!ctx) {
      const formats: Record<string, string> = { ...(this.workspaceFormats[category] ?? {}) };
      if (sheetId !== null) Object.assign(formats, this.sheetFormats(sheetId));
      ctx = { timeZone: this.timeZone, now: this.now, columnFormats: formats as ColumnFormats };
      if (this.resumes) ctx.resumes = this.resumes;
      this.cache.set(cacheKey, ctx);
    }
    return ctx;
  }

  private sheetFormats(sheetId: number): Record<string, string> {
    const row = this.sheetOptions(sheetId);
    if (!row) return {};
    const options = parseObject(row.options_json);
    return stringRecord(options?.dateFormats);
  }
}

function readWorkspaceFormats(db: Db): FormatsByCategory {
  const parsed = parseObject(getSetting(db, DATE_FORMATS_SETTING));
  const out: FormatsByCategory = {};
  for (const [category, formats] of Object.entries(parsed ?? {})) {
    if (isCategory(category)) out[category] = stringRecord(formats);
  }
  return out;
}

/** The workspace-wide date formats (for the UI's "choose the column format"). */
export function columnFormats(db: Db): FormatsByCategory {
  return readWorkspaceFormats(db);
}

/**
 * Chooses (or, with null, clears) the date format of one field for a whole category. The caller
 * then runs a full check, which re-reads the column with it.
 */
export function setColumnFormat(db: Db, category: Category, field: string, format: string | null): void {
  const all = readWorkspaceFormats(db);
  const forCategory = { ...(all[category] ?? {}) };
  if (format === null) delete forCategory[field];
  else forCategory[field] = format;
  all[category] = forCategory;
  const empty = Object.values(all).every((f) => Object.keys(f ?? {}).length === 0);
  if (empty) deleteSetting(db, DATE_FORMATS_SETTING);
  else setSetting(db, DATE_FORMATS_SETTING, JSON.stringify(all));
}

function parseObject(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  return out;
}
