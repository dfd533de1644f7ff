import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { attachFolder } from '../../../electron/core/resumes/attach-resumes';
import { checkAll } from '../../../electron/core/compliance/check-all';
import { tempWorkspace } from '../syncing/helpers';
import { PNG, mediaIssues, pdf, resumeRows, seedApplications, writeFiles } from './helpers';

describe('attaching a folder of resumes', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let folder: string;
  beforeEach(() => {
    ws = tempWorkspace();
    folder = join(ws.dir, 'resumes');
    mkdirSync(folder);
  });
  afterEach(() => ws.cleanup());

  it('matches files to applications by a pattern with the application id, and lists the rest', () => {
    seedApplications(ws.db, 4);
    writeFiles(folder, {
      'A000000_cv.pdf': pdf('zero'),
      'A000001.pdf': pdf('one'),
      'nested/A000002 resume.pdf': pdf('two'),
      'notes.pdf': pdf('nobody'),
      'A000003.docx.bak': 'not matched by *.pdf',
    });
    const report = attachFolder(ws.db, { folder, pattern: '{applicationId}*.pdf' }, 1_000);

    expect(report.files).toBe(5);
    expect(report.matched.map((m) => [m.file, m.applications, m.matchedBy]).sort()).toEqual([
      ['A000000_cv.pdf', ['A000000'], 'applicationId'],
      ['A000001.pdf', ['A000001'], 'applicationId'],
      ['nested/A000002 resume.pdf', ['A000002'], 'applicationId'],
    ]);
    expect(report.unmatched.sort()).toEqual(['A000003.docx.bak', 'notes.pdf']);
    expect(report.withoutFile).toEqual({ count: 1, listed: [{ application: 'A000003', reason: 'No file matches it.' }] });
    expect(report.attached).toBe(3);
    const rows = resumeRows(ws.db);
    expect(rows.map((r) => [r.key, r.file_name, r.content_type])).toEqual([
      ['A000000', 'A000000_cv.pdf', 'application/pdf'],
      ['A000001', 'A000001.pdf', 'application/pdf'],
      ['A000002', 'A000002 resume.pdf', 'application/pdf'],
    ]);
    expect(rows[1].sha256).toBe(createHash('sha256').update(pdf('one')).digest('hex'));
    expect(rows[1].media_urn).toBeNull();
  });

  it("attaches a candidate's resume to each of that candidate's applications", () => {
    seedApplications(ws.db, 3, (i) => ({ values: { atsCandidateId: i === 2 ? 'C000000' : `C00000${i}` } }));
    writeFiles(folder, { 'resume_C000000.txt': 'Jane Doe\nEngineer, 10 years.\n', 'resume_C000009.pdf': pdf('x') });
    const report = attachFolder(ws.db, { folder, pattern: 'resume_{candidateId}.*' }, 1_000);

    expect(report.matched).toEqual([
      { file: 'resume_C000000.txt', applications: ['A000000', 'A000002'], matchedBy: 'candidateId', contentType: 'text/plain', size: 29 },
    ]);
    expect(report.unmatched).toEqual(['resume_C000009.pdf']);
    expect(resumeRows(ws.db).map((r) => r.key)).toEqual(['A000000', 'A000002']);
  });

  it('matches by a source column holding a file name or a path, and says why an application has none', () => {
    seedApplications(ws.db, 4, (i) => ({
      source: { 'Resume File': ['C:\\exports\\cvs\\first.pdf', 'second.PDF', 'missing.pdf', ''][i] },
    }));
    writeFiles(folder, { 'first.pdf': pdf('1'), 'second.pdf': pdf('2'), 'other.pdf': pdf('3') });
    const report = attachFolder(ws.db, { folder, column: 'Resume File' }, 1_000);

    expect(report.matched.map((m) => [m.file, m.applications, m.matchedBy])).toEqual([
      ['first.pdf', ['A000000'], 'column'],
      ['second.pdf', ['A000001'], 'column'],
    ]);
    expect(report.unmatched).toEqual(['other.pdf']);
    expect(report.withoutFile.listed).toEqual([
      { application: 'A000002', reason: '"missing.pdf" is not in the folder.' },
      { application: 'A000003', reason: 'No file matches it.' },
    ]);
  });

  it('matches by an applications field too', () => {
    seedApplications(ws.db, 2, (i) => ({ values: { resumePath: i === 0 ? 'cv-a.pdf' : null } }));
    writeFiles(folder, { 'cv-a.pdf': pdf('a') });
    const report = attachFolder(ws.db, { folder, column: 'resumePath' }, 1_000);
    expect(report.matched.map((m) => m.applications)).toEqual([['A000000']]);
  });

  it('attaches nothing for a file two records claim, or for an application two files match', () => {
    seedApplications(ws.db, 4, (i) => ({ source: { CV: ['shared.pdf', 'shared.pdf', 'own.pdf', ''][i] } }));
    writeFiles(folder, { 'shared.pdf': pdf('s'), 'own.pdf': pdf('o') });
    const byColumn = attachFolder(ws.db, { folder, column: 'CV' }, 1_000);
    expect(byColumn.ambiguous).toEqual([{ file: 'shared.pdf', applications: ['A000000', 'A000001'], reason: 'The file matches 2 records.' }]);
    expect(byColumn.matched.map((m) => m.file)).toEqual(['own.pdf']);

    const second = join(ws.dir, 'second');
    mkdirSync(second);
    writeFiles(second, { 'A000003.pdf': pdf('3a'), 'A000003_v2.pdf': pdf('3b') });
    const byPattern = attachFolder(ws.db, { folder: second, pattern: '{applicationId}*.pdf' }, 1_000);
    expect(byPattern.matched).toEqual([]);
    expect(byPattern.ambiguous.map((a) => [a.file, a.applications]).sort()).toEqual([
      ['A000003.pdf', ['A000003']],
      ['A000003_v2.pdf', ['A000003']],
    ]);
    expect(resumeRows(ws.db).map((r) => r.key)).toEqual(['A000002']);
  });

  it('rejects a file that is not a PDF although named .pdf, and one over 10 MB', () => {
    seedApplications(ws.db, 4);
    const big = Buffer.concat([pdf('big'), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    writeFiles(folder, {
      'A000000.pdf': PNG,
      'A000001.pdf': big,
      'A000002.pdf': pdf('fine'),
      'A000003.pdf': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, ...Buffer.from('word/document.xml')]),
    });
    const report = attachFolder(ws.db, { folder, pattern: '{applicationId}.pdf' }, 1_000);

    expect(report.rejected).toEqual([
      { file: 'A000000.pdf', applications: ['A000000'], reason: 'Not a PDF, DOC, DOCX or text file (binary content).' },
      { file: 'A000001.pdf', applications: ['A000001'], reason: "11.0 MB is over LinkedIn's 10 MB limit." },
    ]);
    expect(report.matched.map((m) => [m.file, m.contentType])).toEqual([
      ['A000002.pdf', 'application/pdf'],
      ['A000003.pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    expect(report.withoutFile.listed.map((l) => l.application).sort()).toEqual(['A000000', 'A000001']);
    expect(resumeRows(ws.db).map((r) => r.key)).toEqual(['A000002', 'A000003']);
  });

  it('warns about a resume not uploaded yet and leaves applications without a resume alone', () => {
    seedApplications(ws.db, 2);
    checkAll(ws.db);
    // Before any resume is attached, whether one is available is unknown: the generic warning.
    expect(mediaIssues(ws.db, 'A000001')).toEqual([{ rule: 'available-missing', severity: 'warning' }]);
    writeFiles(folder, { 'A000000.pdf': pdf('0') });
    attachFolder(ws.db, { folder, pattern: '{applicationId}.pdf' }, 1_000);

    expect(mediaIssues(ws.db, 'A000000')).toEqual([{ rule: 'media-not-uploaded', severity: 'warning' }]);
    expect(mediaIssues(ws.db, 'A000001')).toEqual([]);
    const status = ws.db.prepare("SELECT key, status FROM records WHERE category = 'applications' ORDER BY key").all();
    expect(status).toEqual([{ key: 'A000000', status: 'warning' }, { key: 'A000001', status: 'compliant' }]);
  });

  it('keeps the upload of a file attached again unchanged, and forgets it when the file changed', () => {
    seedApplications(ws.db, 1);
    writeFiles(folder, { 'A000000.pdf': pdf('v1') });
    attachFolder(ws.db, { folder, pattern: '{applicationId}.pdf' }, 1_000);
    ws.db.prepare("UPDATE resumes SET media_urn = 'urn:li:media:x', media_sha256 = sha256, obtained_at = 1000, expires_at = 9e15").run();

    const again = attachFolder(ws.db, { folder, pattern: '{applicationId}.pdf' }, 2_000);
    expect([again.attached, again.unchanged]).toEqual([0, 1]);
    const listed = ws.db.prepare('SELECT media_urn, media_sha256 = sha256 AS valid FROM resumes').get();
    expect(listed).toEqual({ media_urn: 'urn:li:media:x', valid: 1 });

    writeFiles(folder, { 'A000000.pdf': pdf('v2') });
    const changed = attachFolder(ws.db, { folder, pattern: '{applicationId}.pdf' }, 3_000);
    expect([changed.attached, changed.unchanged]).toEqual([1, 0]);
    expect(ws.db.prepare('SELECT media_sha256 = sha256 AS valid FROM resumes').get()).toEqual({ valid: 0 });
  });
});
