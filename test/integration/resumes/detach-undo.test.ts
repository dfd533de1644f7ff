import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../../../electron/core/backend';
import { tempDir } from '../../support/temp';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { checkAll } from '../../../electron/core/compliance/check-all';
import { PNG, mediaIssues, pdf, seedApplications, writeFiles } from './helpers';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));

describe('resumes through the contract: chosen files, and detach all undone', () => {
  let backend: Backend | null = null;
  afterEach(() => {
    backend?.close();
    backend = null;
  });

  function start() {
    const dir = tempDir('rscw-resumes-contract-');
    const file = join(dir, 'w.rscw');
    const db = openWorkspaceDb(file);
    seedApplications(db, 3);
    checkAll(db, {});
    db.close();
    // Files as the browser's upload leaves them: each in a folder of its own.
    const uploads = join(dir, 'uploads');
    const paths = ['a1', 'a2', 'a3'].map((d, i) => join(uploads, d, ['A000000.pdf', 'A000001.pdf', 'A000002.pdf'][i]));
    for (const [i, p] of paths.entries()) {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFiles(join(p, '..'), { [p.split('/').pop()!]: i === 2 ? PNG : pdf(`resume ${i}`) });
    }
    backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: RESOURCES, jobMode: 'inline', workspacePath: file });
    return { backend, file, paths };
  }

  it('attaches chosen files by their names, refusing by content as for a folder', async () => {
    const { backend, paths } = start();
    const report = await backend.invoke('resumes:attach', { files: paths });
    expect(report.matched.map((m) => m.applications)).toEqual([['A000000'], ['A000001']]);
    expect(report.rejected).toEqual([expect.objectContaining({ file: 'A000002.pdf', reason: expect.stringMatching(/Not a PDF/) })]);
    await expect(backend.invoke('resumes:attach', { folder: '/tmp', files: paths })).rejects.toThrow(/one of the two/);
  });

  it('detaches all, then puts every resume back as it was with Undo', async () => {
    const { backend, paths, file } = start();
    await backend.invoke('resumes:attach', { files: paths.slice(0, 2) });
    const before = await backend.invoke('resumes:list', {});
    const detached = await backend.invoke('resumes:detach', { all: true });
    expect(detached).toEqual({ detached: 2, undoable: true });
    expect((await backend.invoke('resumes:list', {})).total).toBe(0);

    expect(await backend.invoke('resumes:restore', {})).toEqual({ restored: 2 });
    const after = await backend.invoke('resumes:list', {});
    expect(after).toEqual(before);
    const db = openWorkspaceDb(file);
    try {
      // Judged again with their resumes: "attached but not uploaded" is back.
      expect(mediaIssues(db, 'A000000')).toEqual([{ rule: 'media-not-uploaded', severity: 'warning' }]);
    } finally {
      db.close();
    }
    // One undo per detach.
    expect(await backend.invoke('resumes:restore', {})).toEqual({ restored: 0 });
  });
});
