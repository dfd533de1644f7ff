import type { CellValue, Category, FieldValues, Fix, Issue } from '../domain';
import { isEmail, joinEmailList, repairEmails, splitEmailList } from '../values/emails';
import { isCountryCode, repairCountryCode } from '../values/countries';
import { formatEpochMs, readEpochMs } from '../values/dates';
import { normalizeId } from '../values/ids';
import { isBlank } from '../values/text';
import { isHttpUrl, repairUrl } from '../values/urls';
import { MEDIA_URN, ORGANIZATION_URN, PERSON_URN, repairOrganizationUrn, repairPersonUrn } from '../values/urns';
import type { CheckContext, NormalizationNote } from './context';
import { deriveStageId } from './keys';
import { fieldsOf, type FieldSpec } from './fields';
import { ruleSpec } from './rules';
import { messages } from './messages';
import { applyResumeRules } from './resume-check';

export interface RecordCheck {
  issues: Issue[];
  /** The values as they would be sent: unambiguous conversions applied, everything else as given. */
  normalized: FieldValues;
  notes: NormalizationNote[];
}

/** Fields whose values are identifiers: whole numbers print as plain digits ("10090", not "10090.0"). */
const ID_FIELDS: Record<Category, ReadonlySet<string>> = {
  jobs: new Set(['externalJobPostingId']),
  candidates: new Set(['atsCandidateId']),
  applications: new Set(['atsJobApplicationId', 'atsCandidateId', 'atsJobPostingId']),
  stages: new Set(['atsJobApplicationId', 'stageId']),
};

const YEAR_2000 = Date.UTC(2000, 0, 1);

/** Seed fields the current jobs API no longer reads (an info note, never a block). */
const UNSUPPORTED_JOB_FIELDS: ReadonlySet<string> = new Set(['state', 'countryCode', 'postalCode']);

/** Collects issues and notes for one record; `severity` comes from the rule table so it is defined once. */
class Findings {
  readonly issues: Issue[] = [];
  readonly notes: NormalizationNote[] = [];

  add(rule: string, field: string, message: string, fix?: Fix): void {
    const severity = ruleSpec(rule)?.severity ?? 'error';
    this.issues.push(fix ? { rule, field, severity, message, fix } : { rule, field, severity, message });
  }

  note(field: string, original: CellValue, normalized: CellValue, note: string): void {
    this.notes.push({ field, original, normalized, note });
  }
}

/**
 * Checks one record against the pack: normalizes what has one reading (noting it), then applies
 * every field and record rule of its category. Cross-record rules (unknown references, duplicate
 * keys) need other records and live in cross.ts.
 */
export function checkRecord(category: Category, values: FieldValues, ctx: CheckContext = {}): RecordCheck {
  return checkRecordInPlace(category, { ...values }, ctx);
}

/**
 * checkRecord for a values object the caller owns and no longer needs as it was (a freshly
 * parsed row): it becomes the normalized values, sparing a copy per record in a full check.
 */
export function checkRecordInPlace(category: Category, values: FieldValues, ctx: CheckContext = {}): RecordCheck {
  const found = new Findings();
  const now = ctx.now ?? Date.now();
  for (const plan of PLANS[category]) {
    const spec = plan.spec;
    const present = normalizeField(plan, values[spec.name] ?? null, values, found);
    if (present) {
      validateField(category, spec, values, found, now, ctx);
      if (plan.unsupportedIssue) found.issues.push(plan.unsupportedIssue);
    } else if (plan.missingIssue) {
      found.issues.push(plan.missingIssue);
    }
  }
  RECORD_RULES[category](values, found);
  if (category === 'applications' && ctx.resumes) applyResumeRules(values, found.issues, ctx.resumes);
  return { issues: found.issues, normalized: values, notes: found.notes };
}

/** A field's spec with the per-field decisions made once, not per record. */
interface FieldPlan {
  spec: FieldSpec;
  isId: boolean;
  /**
   * Issues whose message depends only on the field: built once and shared (frozen) by every
   * record that has them, so a full check neither rebuilds nor re-fingerprints them.
   */
  missingIssue: Issue | null;
  unsupportedIssue: Issue | null;
}

function sharedIssue(rule: string, field: string, message: string): Issue {
  return Object.freeze({ rule, field, severity: ruleSpec(rule)?.severity ?? 'error', message });
}

const PLANS = Object.fromEntries(
  (['jobs', 'candidates', 'applications', 'stages'] as const).map((category) => [
    category,
    fieldsOf(category).map((spec): FieldPlan => {
      const missingIssue =
        spec.requirement === 'required'
          ? sharedIssue('required-missing', spec.name, messages.requiredMissing(category, spec.name))
          : spec.requirement === 'ifAvailable'
            ? sharedIssue('available-missing', spec.name, messages.availableMissing(spec.name))
            : null;
      const unsupported = category === 'jobs' && UNSUPPORTED_JOB_FIELDS.has(spec.name);
      return {
        spec,
        isId: ID_FIELDS[category].has(spec.name),
        missingIssue,
        unsupportedIssue: unsupported ? sharedIssue('field-unsupported', spec.name, messages.unsupported(spec.name)) : null,
      };
    }),
  ]),
) as Record<Category, FieldPlan[]>;

/** Writes the field's normalized value into `out`; false when the field is blank. */
function normalizeField(plan: FieldPlan, value: CellValue, out: FieldValues, found: Findings): boolean {
  const spec = plan.spec;
  const field = spec.name;
  if (value === null || value === undefined) return false;
  let text: string;
  if (typeof value === 'string') {
    text = value.trim();
    if (text === '') {
      out[field] = null;
      return false;
    }
    if (spec.type === 'epochMs') return true; // read in validateField, which needs the reading's outcome
  } else {
    // A non-finite number is blank, as it is to the key (normalizeId), so a stage without one
    // gets its derived id.
    if (isBlank(value)) {
      out[field] = null;
      return false;
    }
    if (spec.type === 'epochMs') return true;
    text = String(value);
  }

  if (plan.isId) {
    const id = normalizeId(value) ?? text;
    if (id !== value) out[field] = id;
    if (typeof value === 'string' && id !== value) {
      found.note(field, value, id, id !== text ? `Read "${text}" as the id ${id}` : 'Removed surrounding spaces');
    }
    return true;
  }

  switch (spec.type) {
    case 'emailList': {
      if (text === value && !EMAIL_SEPARATOR.test(text)) return true; // one address, nothing to change
      const list = splitEmailList(text);
      if (list.length === 0) {
        // Only separators (";"): no address at all, so the field is blank (and a second check agrees).
        out[field] = null;
        found.note(field, value, null, 'No address in it');
        return false;
      }
      const joined = joinEmailList(list);
      out[field] = joined;
      if (joined !== value) {
        found.note(field, value, joined, list.length > 1 ? `Split into ${list.length} addresses` : 'Removed surrounding spaces');
      }
      return true;
    }
    case 'countryCode':
    case 'enum': {
      if (text === value && acceptsAsIs(spec, text)) return true;
      const upper = text.toUpperCase();
      const canonical = upper !== text && acceptsUppercase(spec, upper) ? upper : text;
      out[field] = canonical;
      if (canonical !== value) {
        found.note(field, value, canonical, canonical !== text ? `Changed "${text}" to ${canonical}` : 'Removed surrounding spaces');
      }
      return true;
    }
    default:
      if (text !== value) out[field] = text;
      if (typeof value === 'string' && text !== value) found.note(field, value, text, 'Removed surrounding spaces');
      return true;
  }
}

const EMAIL_SEPARATOR = /[;,\s]/;

function acceptsAsIs(spec: FieldSpec, text: string): boolean {
  if (spec.type === 'countryCode') return text.length === 2 && isCountryCode(text);
  return spec.enumValues?.includes(text) ?? false;
}

function acceptsUppercase(spec: FieldSpec, upper: string): boolean {
  if (spec.type === 'countryCode') return isCountryCode(upper);
  return spec.enumValues?.includes(upper) ?? false;
}

function validateField(
  category: Category, spec: FieldSpec, out: FieldValues, found: Findings, now: number, ctx: CheckContext,
): void {
  const field = spec.name;
  const value = out[field];
  switch (spec.type) {
    case 'epochMs':
      return validateDate(category, field, out, found, now, ctx);
    case 'urn': {
      const text = value as string;
      if (!ORGANIZATION_URN.test(text)) {
        const fixed = repairOrganizationUrn(text);
        found.add('organization-urn-format', field, messages.organizationUrn(text),
          fixed ? { label: fixLabelForOrganization(text), field, value: fixed } : undefined);
      }
      return;
    }
    case 'personUrn': {
      const text = value as string;
      if (!PERSON_URN.test(text)) {
        const fixed = repairPersonUrn(text);
        found.add('person-urn-format', field, messages.personUrn(text),
          fixed ? { label: /\s/.test(text) ? 'Remove spaces' : 'Prefix urn:li:person:', field, value: fixed } : undefined);
      }
      return;
    }
    case 'mediaUrn': {
      const text = value as string;
      if (!MEDIA_URN.test(text)) found.add('media-urn-format', field, messages.mediaUrn(text));
      return;
    }
    case 'url': {
      const text = value as string;
      if (!isHttpUrl(text)) {
        const fixed = repairUrl(text);
        found.add('url-format', field, messages.url(field, text),
          fixed ? { label: /\s/.test(text) ? 'Encode spaces as %20' : 'Add https://', field, value: fixed } : undefined);
      }
      return;
    }
    case 'email':
      return validateSingleEmail(field, value as string, found);
    case 'emailList':
      return validateEmailList(field, value as string, found);
    case 'enum': {
      const text = value as string;
      if (!spec.enumValues?.includes(text)) found.add('state-value', field, messages.enumValue(field, text, spec.enumValues ?? []));
      return;
    }
    case 'countryCode': {
      const text = value as string;
      if (!isCountryCode(text)) {
        const fixed = repairCountryCode(text);
        found.add('country-code-format', field, messages.countryCode(text),
          fixed ? { label: `Change to ${fixed}`, field, value: fixed } : undefined);
      }
      return;
    }
    case 'string':
      return validateText(category, spec, value as string, found);
  }
}

function fixLabelForOrganization(text: string): string {
  if (/^\s*\d+\s*$/.test(text)) return 'Prefix urn:li:organization:';
  if (/company/i.test(text)) return 'Use urn:li:organization:';
  return 'Remove spaces';
}

function validateText(category: Category, spec: FieldSpec, text: string, found: Findings): void {
  const field = spec.name;
  if (category === 'jobs') {
    if (field === 'title' && spec.maxLength && text.length > spec.maxLength) {
      found.add('title-too-long', field, messages.titleTooLong(text.length, spec.maxLength), {
        label: `Shorten to ${spec.maxLength} characters`, field, value: text.slice(0, spec.maxLength).trimEnd(),
      });
    } else if (field === 'externalJobPostingId' && spec.maxLength && text.length > spec.maxLength) {
      found.add('job-id-too-long', field, messages.jobIdTooLong(text.length, spec.maxLength));
    } else if (field === 'description' && (text.length < 100 || text.length > (spec.maxLength ?? 25_000))) {
      found.add('description-length', field, messages.descriptionLength(text.length));
    } else if (field === 'location') {
      validateLocation(text, found);
    }
    return;
  }
  if (category === 'stages' && field === 'stage' && text.length === 13 && text.toLowerCase() === 'not available') {
    found.add('stage-not-available', field, messages.stageNotAvailable());
  }
}

const LOCATION = /^[^,]*[^,\s],\s?[^,\s][^,]*$/;

function validateLocation(text: string, found: Findings): void {
  if (LOCATION.test(text)) return;
  const parts = text.split(',').map((p) => p.trim());
  const tidy = parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? `${parts[0]}, ${parts[1]}` : null;
  found.add('location-format', 'location', messages.location(text),
    tidy ? { label: 'Tidy the spaces around the comma', field: 'location', value: tidy } : undefined);
}

function validateSingleEmail(field: string, text: string, found: Findings): void {
  if (isEmail(text)) return;
  const list = splitEmailList(text);
  if (list.length > 1 && list.every(isEmail)) {
    found.add('email-single', field, messages.emailSingle(list.length), { label: `Keep ${list[0]}`, field, value: list[0] });
    return;
  }
  const repaired = repairEmails(text);
  if (repaired && repaired.length === 1) {
    found.add('email-format', field, messages.email(field, text), { label: `Use ${repaired[0]}`, field, value: repaired[0] });
  } else if (repaired) {
    found.add('email-single', field, messages.emailSingle(repaired.length), { label: `Keep ${repaired[0]}`, field, value: repaired[0] });
  } else {
    found.add('email-format', field, messages.email(field, text));
  }
}

function validateEmailList(field: string, joined: string, found: Findings): void {
  const list = splitEmailList(joined);
  const bad = list.filter((a) => !isEmail(a));
  if (bad.length === 0) return;
  const fixedList: string[] = [];
  let repairable = true;
  for (const address of list) {
    if (isEmail(address)) fixedList.push(address);
    else {
      const repaired = repairEmails(address);
      if (!repaired) repairable = false;
      else for (const r of repaired) if (!fixedList.includes(r)) fixedList.push(r);
    }
  }
  const fix: Fix | undefined = repairable
    ? { label: fixedList.length > 1 ? `Split into ${fixedList.length} addresses` : `Use ${fixedList[0]}`, field, value: joinEmailList(fixedList) }
    : undefined;
  found.add('email-format', field, messages.emailList(bad), fix);
}

function validateDate(
  category: Category, field: string, out: FieldValues, found: Findings, now: number, ctx: CheckContext,
): void {
  const value = out[field];
  // Plain epoch ms is by far the common case (the importer stores Excel dates that way): skip the reader.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e10) {
    checkDateRange(category, field, value, found, now, ctx);
    return;
  }
  const zone = ctx.timeZone ?? 'UTC';
  const reading = readEpochMs(value, { timeZone: zone, format: ctx.columnFormats?.[field] });
  const shown = typeof value === 'string' ? value.trim() : String(value);
  switch (reading.kind) {
    case 'ok':
      if (reading.ms !== value) {
        found.note(field, value, reading.ms, reading.note ?? `Read "${shown}" as ${formatEpochMs(reading.ms, zone)}`);
      }
      out[field] = reading.ms;
      checkDateRange(category, field, reading.ms, found, now, ctx);
      return;
    case 'seconds':
      found.add('date-seconds', field, messages.dateSeconds(shown, reading.ms, zone), {
        label: 'Convert seconds to milliseconds', field, value: reading.ms,
      });
      return;
    case 'fraction':
      found.add('date-fraction', field, messages.dateFraction(shown), { label: 'Round to whole milliseconds', field, value: reading.ms });
      return;
    case 'ambiguous':
      found.add('date-ambiguous', field, messages.dateAmbiguous(field, shown, reading.reason, reading.formats));
      return;
    case 'formatMismatch':
      found.add('date-format-mismatch', field, messages.dateFormatMismatch(shown, reading.format));
      return;
    case 'invalid':
      found.add('date-invalid', field, messages.dateInvalid(field, shown));
      return;
  }
}

function checkDateRange(category: Category, field: string, ms: number, found: Findings, now: number, ctx: CheckContext): void {
  const zone = ctx.timeZone ?? 'UTC';
  if (ms <= 0) {
    found.add('date-not-positive', field, messages.dateNotPositive(field, ms));
    return;
  }
  if (category === 'jobs' && field === 'listedAt' && ms > now) {
    found.add('listed-at-future', field, messages.listedAtFuture(formatEpochMs(ms, zone)));
    return;
  }
  if (ms < YEAR_2000 || ms >= endOfNextYear(now)) {
    found.add('date-out-of-range', field, messages.dateOutOfRange(field, formatEpochMs(ms, zone)));
  }
}

let cachedNowYear = { now: NaN, end: 0 };
function endOfNextYear(now: number): number {
  // Called once per date field; the year boundary only changes when "now" does.
  if (cachedNowYear.now !== now) {
    cachedNowYear = { now, end: Date.UTC(new Date(now).getUTCFullYear() + 2, 0, 1) };
  }
  return cachedNowYear.end;
}

type RecordRule = (values: FieldValues, found: Findings) => void;

/** Rules over several fields of one record. They read normalized values (dates as epoch ms). */
const RECORD_RULES: Record<Category, RecordRule> = {
  jobs(values, found) {
    if (values.location == null && (values.countryCode == null || values.postalCode == null)) {
      found.add('location-required', 'location', messages.locationRequired(values.countryCode != null, values.postalCode != null));
    }
  },
  candidates(values, found) {
    if (values.emailAddresses == null && values.manualMatchedMember == null) {
      found.add('email-or-person-required', 'emailAddresses', messages.emailOrPersonRequired());
    }
    modifiedNotBeforeCreated(values, found);
  },
  applications(values, found) {
    modifiedNotBeforeCreated(values, found);
  },
  stages(values, found) {
    // A missing stage id is derived, so the stage keeps one key across re-syncs.
    if (values.stageId == null && values.atsJobApplicationId != null) {
      const derived = deriveStageId(values.atsJobApplicationId, values.stage ?? null, values.atsCreatedAt ?? null);
      values.stageId = derived;
      found.note('stageId', null, derived, 'Derived a stable stage id from the application id, stage and atsCreatedAt');
    }
  },
};

function modifiedNotBeforeCreated(values: FieldValues, found: Findings): void {
  const created = values.atsCreatedAt;
  const modified = values.atsLastModifiedAt;
  if (typeof created !== 'number' || typeof modified !== 'number' || modified >= created) return;
  // Only compare dates that were read cleanly (a seconds value is not comparable with ms).
  if (found.issues.some((i) => i.severity === 'error' && (i.field === 'atsCreatedAt' || i.field === 'atsLastModifiedAt'))) return;
  found.add('modified-before-created', 'atsLastModifiedAt', messages.modifiedBeforeCreated(), {
    label: 'Set to atsCreatedAt', field: 'atsLastModifiedAt', value: created,
  });
}
