import { describe, expect, it } from 'vitest';
import { exportFileName, fileNamePart, fileNameStamp } from '../../../shared/export-file-name';

const AT = Date.UTC(2026, 11, 7, 13, 30, 59, 999);

describe('export file names', () => {
  it('read "<workspace> audit <date> <hour-minute>", in the workspace time zone, with no millisecond prefix', () => {
    expect(exportFileName('Acme', 'audit', 'xlsx', AT, 'Europe/Paris')).toBe('Acme audit 2026-12-07 14-30.xlsx');
    expect(exportFileName('Acme', 'cleaned candidates', 'csv', AT, 'UTC')).toBe('Acme cleaned candidates 2026-12-07 13-30.csv');
    expect(fileNameStamp(Date.UTC(2026, 0, 1, 0, 5), 'America/New_York')).toBe('2025-12-31 19-05');
    expect(fileNameStamp(Date.UTC(2026, 0, 1, 0, 5), 'Not/AZone')).toMatch(/^\d{4}-\d\d-\d\d \d\d-\d\d$/);
  });

  it('keep non-ASCII letters as they are', () => {
    expect(fileNamePart('Zoë Société')).toBe('Zoë Société');
    expect(fileNamePart('株式会社テスト')).toBe('株式会社テスト');
    expect(fileNamePart('Ωmega — Ärzte')).toBe('Ωmega — Ärzte');
    // Composed as one character, whatever the name was typed with (macOS gives decomposed forms).
    expect(fileNamePart('Zoe\u0308')).toBe('Zo\u00eb');
  });

  it('are valid file names on Windows, macOS and Linux whatever the workspace is called', () => {
    const hostile = [
      'a/b\\c:d*e?f"g<h>i|j', '../../etc/passwd', 'C:\\Windows\\x', 'tab\there\nnewline', 'bidi\u202Egpj.exe',
      '...', '   ', '', 'CON', 'nul.txt', 'com1', 'name. ', '.hidden', 'x'.repeat(400), '日本'.repeat(200),
    ];
    for (const name of hostile) {
      const file = exportFileName(name, 'audit', 'xlsx', AT, 'UTC');
      expect(file, name).not.toMatch(/[\\/:*?"<>|\u202e]/u);
      expect([...file].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), name).toBe(false);
      expect(file, name).not.toMatch(/^[\s.]/u);
      expect(file, name).toMatch(/ audit 2026-12-07 13-30\.xlsx$/);
      expect(new TextEncoder().encode(file).length, name).toBeLessThanOrEqual(255);
      const stem = file.split(' audit ')[0];
      expect(file.split('.')[0].trim(), name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
      expect(stem, name).not.toMatch(/[\s.]$/u);
    }
    expect(fileNamePart('a/b\\c:d')).toBe('a b c d');
    expect(fileNamePart('')).toBe('workspace');
    expect(fileNamePart('CON')).toBe('CON workspace');
  });
});
