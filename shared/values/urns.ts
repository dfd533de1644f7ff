/** LinkedIn URNs the rule pack checks, and the repairs that are certain. */

export const ORGANIZATION_URN = /^urn:li:organization:\d+$/;
export const PERSON_URN = /^urn:li:person:[A-Za-z0-9_-]+$/;
/** The resume upload returns a media URN; digitalmediaAsset is the other spelling LinkedIn uses for uploads. */
export const MEDIA_URN = /^urn:li:(?:media|digitalmediaAsset):[^\s]+$/;

export function organizationUrn(id: string | number): string {
  return `urn:li:organization:${id}`;
}

/** "1234" → urn:li:organization:1234; "urn:li:company:1234" → organization; spaces removed. */
export function repairOrganizationUrn(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (/^\d+$/.test(compact)) return organizationUrn(compact);
  const company = /^urn:li:(?:company|organization):(\d+)$/i.exec(compact);
  if (company) return organizationUrn(company[1]);
  return null;
}

/** A bare member id gets its prefix; spaces inside a URN are removed. */
export function repairPersonUrn(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (PERSON_URN.test(compact)) return compact;
  if (/^urn:li:person:/i.test(compact)) {
    const fixed = `urn:li:person:${compact.slice('urn:li:person:'.length)}`;
    return PERSON_URN.test(fixed) ? fixed : null;
  }
  if (/^[A-Za-z0-9_-]{6,}$/.test(compact) && /[A-Za-z]/.test(compact)) return `urn:li:person:${compact}`;
  return null;
}
