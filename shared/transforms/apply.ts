import type { CellValue } from '../domain';
import { TRANSFORM_LABELS, type TransformOutcome, type TransformSpec } from './spec';
import { changeCase, collapseWhitespace, trim } from './text';
import { lowercaseEmails, splitEmails } from './emails';
import { dateSpecProblem, parseDate, secondsToMillis } from './dates';
import { prefixUrn, urnPrefixProblem } from './urns';
import { countryToIso } from './countries';
import { cityState } from './city-state';

/** Why a transform's options cannot run (bad zone, bad prefix), or null. Checked before anything changes. */
export function transformProblem(spec: TransformSpec): string | null {
  if (spec.name === 'parseDate') return dateSpecProblem(spec.format, spec.zone);
  if (spec.name === 'prefixUrn') return urnPrefixProblem(spec.prefix);
  return null;
}

export function applyTransform(spec: TransformSpec, value: CellValue): TransformOutcome {
  switch (spec.name) {
    case 'trim':
      return trim(value);
    case 'collapseWhitespace':
      return collapseWhitespace(value);
    case 'changeCase':
      return changeCase(value, spec.mode);
    case 'lowercaseEmails':
      return lowercaseEmails(value);
    case 'splitEmails':
      return splitEmails(value);
    case 'parseDate':
      return parseDate(value, spec.format, spec.zone);
    case 'secondsToMillis':
      return secondsToMillis(value);
    case 'prefixUrn':
      return prefixUrn(value, spec.prefix);
    case 'countryToIso':
      return countryToIso(value);
    case 'cityState':
      return cityState(value);
  }
}

/** A human line for the history panel, e.g. "Parse dates (dd/MM/yyyy, Europe/Paris)". */
export function describeTransform(spec: TransformSpec): string {
  switch (spec.name) {
    case 'changeCase':
      return `Change case to ${spec.mode}`;
    case 'parseDate':
      return `Parse dates (${spec.format}, ${spec.zone})`;
    case 'prefixUrn':
      return `Prefix ${spec.prefix}`;
    default:
      return TRANSFORM_LABELS[spec.name];
  }
}

