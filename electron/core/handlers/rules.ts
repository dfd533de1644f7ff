import { rulesMethods, type CheckRunResult } from '../../../shared/contract/rules';
import { ContractFailure } from '../../../shared/contract/define';
import { FIELDS, KEY_FIELDS, fieldSpec } from '../../../shared/rsc/fields';
import { RULES } from '../../../shared/rsc/rules';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { DateTime } from 'luxon';
import { readEpochMs } from '../../../shared/values/dates';
import { checkReport, columnFormats, complianceSummary } from '../compliance';
import { chooseDateFormat } from '../editing';
import type { BackendContext } from '../context';
import { defineHandlers } from './define';

function runCheck(ctx: BackendContext): Promise<CheckRunResult> {
  return ctx.jobs.run<CheckRunResult>('check', {}, { title: 'Checking compliance', workspacePath: ctx.workspace().path });
}

/**
 * A date format must read back a date it wrote, to the day: a typo or a format without day,
 * month and year is refused before a full re-read.
 */
function assertDateFormat(format: string): void {
  const sample = DateTime.fromObject({ year: 2025, month: 3, day: 24, hour: 13, minute: 5, second: 6 }, { zone: 'UTC' });
  let ok = false;
  try {
    const reading = readEpochMs(sample.toFormat(format, { locale: 'en-US' }), { format });
    ok = reading.kind === 'ok' && DateTime.fromMillis(reading.ms, { zone: 'UTC' }).toISODate() === sample.toISODate();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new ContractFailure(
      'BAD_DATE_FORMAT',
      `"${format}" is not a date format: use day, month and year tokens such as dd/MM/yyyy, MM/dd/yyyy or d MMM yyyy.`,
    );
  }
}

export const rulesHandlers = defineHandlers(rulesMethods, {
  'rules:pack': () => ({
    version: RULE_PACK_VERSION,
    fields: FIELDS.map((f) => ({ ...f })),
    rules: RULES.map((r) => ({ ...r, appliesTo: r.appliesTo.map((a) => ({ ...a })) })),
    keyFields: KEY_FIELDS,
  }),
  'rules:check': async (_input, ctx) => {
    const result = await runCheck(ctx);
    ctx.emit('data:changed', { categories: ['jobs', 'candidates', 'applications', 'stages'], reason: 'check' });
    return result;
  },
  'rules:summary': (_input, ctx) => complianceSummary(ctx.workspace().db),
  'rules:report': (_input, ctx) => checkReport(ctx.workspace().db),
  'rules:columnFormats': (_input, ctx) => columnFormats(ctx.workspace().db),
  'rules:setColumnFormat': async ({ category, field, format }, ctx) => {
    if (fieldSpec(category, field)?.type !== 'epochMs') {
      throw new ContractFailure('NOT_A_DATE_FIELD', `${field} is not a date field of ${category}: only dates have a column format.`);
    }
    if (format !== null) assertDateFormat(format);
    const db = ctx.workspace().db;
    // An operation of the history: undoable, and listed in the audit's Edits sheet.
    chooseDateFormat(db, category, field, format);
    const check = await runCheck(ctx);
    ctx.emit('data:changed', { categories: [category], reason: 'column format' });
    return { formats: columnFormats(db), check };
  },
});
