// Pure value transforms for fix-up editing: the same functions preview and apply a bulk change.
export * from './spec';
export { applyTransform, describeTransform, transformProblem } from './apply';
export { trim, collapseWhitespace, changeCase, titleCase, sentenceCase } from './text';
export { lowercaseEmails, splitEmails } from './emails';
export { parseDate, secondsToMillis } from './dates';
export { prefixUrn } from './urns';
export { countryToIso, countryCodeOf } from './countries';
export { cityState } from './city-state';
export { compileReplace, type ReplaceSpec, type Replacer } from './replace';
export { coerceCellInput } from './input';
