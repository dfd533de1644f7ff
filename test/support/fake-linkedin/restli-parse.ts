/**
 * The fake's own Rest.li 2.0 parser, written independently of shared/payload's encoder so that a
 * bug in the client's encoding shows up as a 400 here instead of being mirrored.
 * Grammar: value := '(' [field ':' value {',' field ':' value}] ')' | 'List(' [value {',' value}] ')' | primitive
 * Primitives are percent-encoded and never contain the structural characters `(`, `)`, `,`, `:`.
 */
export type RestliValue = string | RestliValue[] | { [field: string]: RestliValue };

export class RestliParseError extends Error {}

export function parseRestli(text: string): RestliValue {
  const parser = new Parser(text);
  const value = parser.value();
  if (!parser.done()) throw new RestliParseError(`Unexpected "${text.slice(parser.pos)}" in ${text}`);
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos === this.text.length;
  }

  value(): RestliValue {
    if (this.text.startsWith('List(', this.pos)) {
      this.pos += 5;
      const items: RestliValue[] = [];
      if (this.peek() === ')') {
        this.pos++;
        return items;
      }
      for (;;) {
        items.push(this.value());
        const c = this.next();
        if (c === ')') return items;
        if (c !== ',') throw new RestliParseError(`Expected , or ) in list at ${this.pos}`);
      }
    }
    if (this.peek() === '(') {
      this.pos++;
      const obj: { [field: string]: RestliValue } = {};
      if (this.peek() === ')') {
        this.pos++;
        return obj;
      }
      for (;;) {
        const field = this.primitive();
        if (this.next() !== ':') throw new RestliParseError(`Expected : after field "${field}"`);
        obj[field] = this.value();
        const c = this.next();
        if (c === ')') return obj;
        if (c !== ',') throw new RestliParseError(`Expected , or ) in object at ${this.pos}`);
      }
    }
    return this.primitive();
  }

  private primitive(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !'(),:'.includes(this.text[this.pos])) this.pos++;
    const raw = this.text.slice(start, this.pos);
    if (raw === "''") return '';
    if (raw === '') throw new RestliParseError(`Empty value at ${start}`);
    if (/[^A-Za-z0-9\-_.~!*'%]/.test(raw)) throw new RestliParseError(`Unencoded character in "${raw}"`);
    try {
      return decodeURIComponent(raw);
    } catch {
      throw new RestliParseError(`Bad percent-encoding in "${raw}"`);
    }
  }

  private peek(): string {
    return this.text[this.pos] ?? '';
  }

  private next(): string {
    return this.text[this.pos++] ?? '';
  }
}

/** The `ids` parameter of a raw query string: `ids=List(…)` → the raw (still encoded) items and their parsed values. */
export function parseIdsParam(query: string): { raw: string[]; values: RestliValue[] } {
  const param = query.split('&').find((p) => p.startsWith('ids='));
  if (!param) throw new RestliParseError('No ids parameter');
  const text = param.slice(4);
  if (!text.startsWith('List(') || !text.endsWith(')')) throw new RestliParseError('ids is not a List(…)');
  // Split the raw items at top-level commas so results can be keyed by the exact strings received.
  const inner = text.slice(5, -1);
  const raw: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      raw.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  if (inner.length > 0) raw.push(inner.slice(start));
  const values = parseRestli(text) as RestliValue[];
  return { raw, values };
}

/** Canonical text of a parsed key, so two encodings of one key compare equal. */
export function canonicalKey(value: RestliValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalKey(value[k])}`)
    .join(',')}}`;
}
