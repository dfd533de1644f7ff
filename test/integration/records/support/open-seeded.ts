import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../../electron/core/db/connection';
import { tempDir } from '../../../support/temp';
import { seedWorkspace, type FixtureSize } from './workspace-fixture';

/** A fresh workspace file in the temp dir with generated, checked records. */
export function openSeeded(size: FixtureSize): { db: Db; file: string } {
  const file = join(tempDir('rscw-records-'), 'workspace.rscw');
  const db = openWorkspaceDb(file);
  seedWorkspace(db, size);
  return { db, file };
}
