import { describe, expect, it } from 'vitest';
import { droppedItems, planDrop, startDrop, type DroppedItem } from '../../renderer/src/stores/window-drop';
import { useResumesStore } from '../../renderer/src/stores/resumes';
import { useAppStore } from '../../renderer/src/stores/app';
import { useImportStore } from '../../renderer/src/stores/importing';
import { setup } from './support/fake-backend';
import type { ResumeMatchReport } from '../../shared/contract/resumes';

const file = (name: string) => new File(['x'], name);
const item = (name: string, isDirectory = false): DroppedItem => ({ name, isDirectory, file: file(name) });

/** A drop's DataTransfer as Chromium gives it: folders are told apart by their entries only. */
function transfer(entries: { name: string; isDirectory?: boolean }[]): DataTransfer {
  const items = entries.map((e) => ({
    kind: 'file',
    getAsFile: () => file(e.name),
    webkitGetAsEntry: () => ({ name: e.name, isDirectory: e.isDirectory ?? false }),
  }));
  return { items, files: items.map((i) => i.getAsFile()) } as unknown as DataTransfer;
}

describe('dropping files on the window', () => {
  it('plans an import for spreadsheets and a resume attach for a folder or a .zip', () => {
    expect(planDrop([])).toBeNull();
    expect(planDrop([item('jobs.xlsx'), item('candidates.CSV')])).toMatchObject({ kind: 'import', files: [{ name: 'jobs.xlsx' }, { name: 'candidates.CSV' }] });
    expect(planDrop([item('resumes', true)])).toMatchObject({ kind: 'resumes', name: 'resumes' });
    expect(planDrop([item('jobs.xlsx'), item('Resumes 2025.zip')])).toMatchObject({ kind: 'resumes', name: 'Resumes 2025.zip' });
    expect(planDrop([item('notes.pdf'), item('photo.png')])).toEqual({ kind: 'unsupported', names: ['notes.pdf', 'photo.png'] });
    // A folder whose name looks like a spreadsheet is still a folder.
    expect(planDrop([item('export.csv', true)])).toMatchObject({ kind: 'resumes' });
  });

  it('reads folders out of the drop event', () => {
    expect(droppedItems(transfer([{ name: 'cvs', isDirectory: true }, { name: 'a.csv' }]))).toMatchObject([
      { name: 'cvs', isDirectory: true },
      { name: 'a.csv', isDirectory: false },
    ]);
    expect(droppedItems(null)).toEqual([]);
  });

  it('starts a resume attach with the dropped folder', async () => {
    const { client, platform } = setup();
    platform.pathsForFiles = async (files) => files.map((f) => `/home/ana/${f.name}`);
    // Only what the store reads of the report; the Resumes screen's own tests cover the rest.
    client.handle('resumes:attach', () => ({ folder: '/home/ana/cvs', files: 2, matched: [] }) as unknown as ResumeMatchReport);
    client.handle('resumes:list', () => ({ total: 0, rows: [] }));
    const went: string[] = [];
    await startDrop(planDrop(droppedItems(transfer([{ name: 'cvs', isDirectory: true }])))!, (p) => went.push(p));
    expect(went).toEqual(['/resumes']);
    expect(client.callsTo('resumes:attach')).toEqual([{ folder: '/home/ana/cvs' }]);
    expect(useResumesStore().folder).toBe('/home/ana/cvs');
  });

  it('starts the import wizard with a dropped spreadsheet', async () => {
    const { client, platform } = setup();
    platform.pathsForFiles = async (files) => files.map((f) => `/home/ana/${f.name}`);
    client.fail('import:inspect', 'UNREADABLE', 'Not a workbook.');
    const went: string[] = [];
    await startDrop(planDrop([item('jobs.xlsx'), item('notes.pdf')])!, (p) => went.push(p));
    expect(went).toEqual(['/import']);
    expect(client.callsTo('import:inspect')).toEqual([expect.objectContaining({ path: '/home/ana/jobs.xlsx' })]);
    expect(useImportStore().error).toBe('Not a workbook.');
  });

  it('says what it takes when the drop is neither', async () => {
    setup();
    const went: string[] = [];
    await startDrop(planDrop([item('notes.pdf')])!, (p) => went.push(p));
    expect(went).toEqual([]);
    expect(useAppStore().toast).toMatchObject({ kind: 'error', text: expect.stringContaining('notes.pdf: drop .xlsx or .csv files') });
  });
});
