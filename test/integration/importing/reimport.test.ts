import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { editField, JOB_HEADERS, jobRow, record, records, testWorkspace, writeSheets } from './support';

describe('re-importing a newer export', () => {
  it('adds, updates, leaves unchanged, flags missing records, keeps fixes and reports conflicts', async () => {
    const w = testWorkspace();
    const v1 = await writeSheets(join(w.dir, 'jobs-march.xlsx'), {
      Jobs: [JOB_HEADERS, jobRow(1, { 'Job Title': 'Enginer' }), jobRow(2, { Location: 'Berlin' }), jobRow(3), jobRow(4), jobRow(5)],
    });
    const first = await importIntoWorkspace(w.db, { path: v1 });
    expect(first.sheets[0]).toMatchObject({ added: 5, updated: 0, unchanged: 0, missing: 0 });

    // The consultant fixes a typo, a location format and a short description, and fills a field the export lacks.
    editField(w.db, 'jobs', 'J-1', 'title', 'Engineer');
    editField(w.db, 'jobs', 'J-2', 'location', 'Berlin, Germany');
    editField(w.db, 'jobs', 'J-3', 'description', 'A much better description. '.repeat(5));
    editField(w.db, 'jobs', 'J-4', 'integrationContext', 'urn:li:organization:42');
    const editsBefore = w.db.prepare('SELECT * FROM edits ORDER BY id').all();

    // The customer's next export: J-2's location changed at the source too, J-3 closed, J-5 gone, J-6 new.
    const v2 = await writeSheets(join(w.dir, 'jobs-april.xlsx'), {
      Jobs: [
        JOB_HEADERS,
        jobRow(1, { 'Job Title': 'Enginer' }),
        jobRow(2, { Location: 'Munich' }),
        jobRow(3, { Status: 'Closed' }),
        jobRow(4),
        jobRow(6),
      ],
    });
    const second = await importIntoWorkspace(w.db, { path: v2 });
    const s = second.sheets[0];
    expect(s).toMatchObject({ rows: 5, added: 1, updated: 2, unchanged: 2, missing: 1, skipped: 0, keptEdits: 3, conflictCount: 1 });
    expect(s.conflicts).toEqual([{ key: 'J-2', field: 'location', edited: 'Berlin, Germany', previousSource: 'Berlin', newSource: 'Munich' }]);

    // The fix survives where the source did not change…
    expect(record(w.db, 'jobs', 'J-1').values.title).toBe('Engineer');
    expect(record(w.db, 'jobs', 'J-1').original.title).toBe('Enginer');
    // …and the new source value wins where it did.
    expect(record(w.db, 'jobs', 'J-2').values.location).toBe('Munich');
    expect(record(w.db, 'jobs', 'J-2').original.location).toBe('Munich');
    // An updated record keeps the fixes of its other fields.
    const j3 = record(w.db, 'jobs', 'J-3');
    expect(j3.values.state).toBe('CLOSED');
    expect(j3.values.description).toBe('A much better description. '.repeat(5));
    expect(record(w.db, 'jobs', 'J-4').values.integrationContext).toBe('urn:li:organization:42');
    // Missing records are flagged, not deleted.
    expect(records(w.db, 'jobs').map((r) => [r.key, r.missing])).toEqual([
      ['J-1', false], ['J-2', false], ['J-3', false], ['J-4', false], ['J-5', true], ['J-6', false],
    ]);
    // The consultant's edit history is untouched.
    expect(w.db.prepare('SELECT * FROM edits ORDER BY id').all()).toEqual(editsBefore);
    // Updated records are re-checked.
    expect(second.checked).toBe(true);
    expect(w.db.prepare("SELECT count(*) AS n FROM records WHERE status = 'unchecked'").get()).toEqual({ n: 0 });
  });

  it('brings a missing record back when a later export has it again', async () => {
    const w = testWorkspace();
    const full = await writeSheets(join(w.dir, 'full.xlsx'), { Jobs: [JOB_HEADERS, jobRow(1), jobRow(2)] });
    const part = await writeSheets(join(w.dir, 'part.xlsx'), { Jobs: [JOB_HEADERS, jobRow(1)] });
    await importIntoWorkspace(w.db, { path: full });
    expect((await importIntoWorkspace(w.db, { path: part })).sheets[0]).toMatchObject({ unchanged: 1, missing: 1 });
    expect(record(w.db, 'jobs', 'J-2').missing).toBe(true);
    expect((await importIntoWorkspace(w.db, { path: full })).sheets[0]).toMatchObject({ unchanged: 2, missing: 0 });
    expect(record(w.db, 'jobs', 'J-2').missing).toBe(false);
  });

  it('sees a re-export with reordered columns as unchanged', async () => {
    const w = testWorkspace();
    await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'a.xlsx'), { Jobs: [JOB_HEADERS, jobRow(1), jobRow(2)] }) });
    const reversed = [[...JOB_HEADERS].reverse(), [...jobRow(1)].reverse(), [...jobRow(2)].reverse()];
    const again = await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'b.xlsx'), { Jobs: reversed }) });
    expect(again.sheets[0]).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
  });

  it('counts a changed unmapped column as an update of the source row', async () => {
    const w = testWorkspace();
    const headers = [...JOB_HEADERS, 'Cost Center'];
    await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'a.xlsx'), { Jobs: [headers, [...jobRow(1), 'CC-1']] }) });
    const again = await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'b.xlsx'), { Jobs: [headers, [...jobRow(1), 'CC-2']] }) });
    expect(again.sheets[0]).toMatchObject({ updated: 1, conflictCount: 0 });
    expect(record(w.db, 'jobs', 'J-1').source['Cost Center']).toBe('CC-2');
  });

  it('leaves a field alone when the newer export no longer has its column', async () => {
    const w = testWorkspace();
    await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'a.xlsx'), { Jobs: [JOB_HEADERS, jobRow(1, { Location: 'Berlin' })] }) });
    editField(w.db, 'jobs', 'J-1', 'location', 'Berlin, Germany');
    const narrower = JOB_HEADERS.filter((h) => h !== 'Location');
    const row = jobRow(1, { 'Job Title': 'Engineer II' }).filter((_, i) => JOB_HEADERS[i] !== 'Location');
    const again = await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'b.xlsx'), { Jobs: [narrower, row] }) });
    expect(again.sheets[0]).toMatchObject({ updated: 1, conflictCount: 0, keptEdits: 1 });
    const r = record(w.db, 'jobs', 'J-1');
    expect(r.values).toMatchObject({ title: 'Engineer II', location: 'Berlin, Germany' });
    expect(r.original).toMatchObject({ title: 'Engineer II', location: 'Berlin' });
  });
});
