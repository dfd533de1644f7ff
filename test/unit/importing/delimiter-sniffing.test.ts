import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../electron/core/importing/reading/delimiter-sniffing';

const rows = (d: string) =>
  [
    ['Job ID', 'Job Title', 'Location', 'Status'],
    ['1', 'Engineer', 'Berlin', 'Open'],
    ['2', 'Designer', 'Paris', 'Closed'],
    ['3', 'Analyst', 'Austin', 'Open'],
  ]
    .map((r) => r.join(d))
    .join('\n');

describe('delimiter sniffing', () => {
  it.each([',', ';', '\t', '|'] as const)('finds %j as the delimiter', (d) => {
    expect(sniffDelimiter(rows(d))).toBe(d);
  });

  it('ignores commas inside quotes when the delimiter is a semicolon', () => {
    const text = 'Title;Location\n"Engineer, Senior";"Berlin, Germany"\n"Designer, Lead";"Paris, France"\n';
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('is not misled by a title line above the header', () => {
    const text = `Jobs export, all offices\n${rows('\t')}`;
    expect(sniffDelimiter(text)).toBe('\t');
  });

  it('defaults to a comma for a single column', () => {
    expect(sniffDelimiter('Job ID\n1\n2\n')).toBe(',');
  });
});
