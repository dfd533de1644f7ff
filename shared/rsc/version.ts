/**
 * The rule pack's version, stored with every check (records.pack_version) so an audit can say
 * which rules a record passed. Bump the suffix whenever a rule, field or message changes meaning.
 */
export const RULE_PACK_VERSION = 'rsc-2026.11-2';
