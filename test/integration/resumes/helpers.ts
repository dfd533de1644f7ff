import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../../../electron/core/db/connection';
import type { FieldValues } from '../../../shared/domain';
import { application, candidate, insertRecords, job } from '../syncing/helpers';
import { recordInserter } from '../../support/record-rows';

/** A small but real PDF header and body: enough for the content check, which reads the magic bytes. */
export function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

export function writeFiles(folder: string, files: Record<string, Buffer | string>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Jobs, candidates and `n` applications that pass the compliance check (A000000 … with candidates C000000 …). */
export function seedApplications(db: Db, n: number, extra: (i: number) => { values?: FieldValues; source?: Record<string, unknown> } = () => ({})): void {
  insertRecords(db, 'jobs', [job(0), job(1), job(2)]);
  insertRecords(db, 'candidates', Array.from({ length: n }, (_, i) => candidate(i)));
  const insert = recordInserter(db, ['key', 'original_json', 'values_json', 'source_json'], { category: 'applications', status: 'compliant' });
  for (let i = 0; i < n; i++) {
    const base = application(i);
    const more = extra(i);
    const values = JSON.stringify({ ...base.values, dispositionReason: 'Hired elsewhere', ...more.values });
    insert(base.key, values, values, JSON.stringify(more.source ?? {}));
  }
}

export function resumeRows(db: Db) {
  return db
    .prepare(
      `SELECT r.key, s.file_name, s.content_type, s.matched_by, s.size, s.sha256, s.media_urn, s.obtained_at, s.expires_at
       FROM resumes s JOIN records r ON r.id = s.record_id ORDER BY r.key`,
    )
    .all() as {
    key: string;
    file_name: string;
    content_type: string;
    matched_by: string;
    size: number;
    sha256: string;
    media_urn: string | null;
    obtained_at: number | null;
    expires_at: number | null;
  }[];
}

export function mediaIssues(db: Db, key: string): { rule: string; severity: string }[] {
  return db
    .prepare(
      `SELECT i.rule, i.severity FROM record_issues i JOIN records r ON r.id = i.record_id
       WHERE r.category = 'applications' AND r.key = ? AND i.field = 'media' ORDER BY i.rule`,
    )
    .all(key) as { rule: string; severity: string }[];
}
