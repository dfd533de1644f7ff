import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ResumeMatchReport, ResumePage } from '../../../shared/contract/resumes';
import { client, platform } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';

const PAGE = 50;

/** LinkedIn's resume limit; the desktop app's attach refuses larger files with the same words. */
export const MAX_RESUME_BYTES = 10 * 1024 * 1024;
export const RESUME_EXTENSIONS = ['pdf', 'doc', 'docx', 'txt'];

type Source = { folder: string } | { files: string[] };

/** Resume files matched to applications: attach a folder, a .zip or chosen files, list what is attached, detach. */
export const useResumesStore = defineStore('resumes', () => {
  const folder = ref('');
  const pattern = ref('');
  const column = ref('');
  const report = ref<ResumeMatchReport | null>(null);
  const page = ref<ResumePage | null>(null);
  const offset = ref(0);
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** How many the last detach removed, while it can still be undone. */
  const undoable = ref<number | null>(null);

  async function guard(work: () => Promise<void>) {
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      busy.value = false;
    }
  }

  async function chooseFolder() {
    const picked = await platform().pickFolder({ title: 'Folder of resume files' });
    if (picked) folder.value = picked;
  }

  const load = (at = offset.value) =>
    guard(async () => {
      page.value = await client().call('resumes:list', { limit: PAGE, offset: at });
      offset.value = at;
    });

  async function attachFrom(source: Source, tooLarge: ResumeMatchReport['rejected'] = []) {
    report.value = await client().call('resumes:attach', {
      ...source,
      ...(pattern.value.trim() ? { pattern: pattern.value.trim() } : {}),
      ...(column.value.trim() ? { column: column.value.trim() } : {}),
    });
    // Files refused before their upload are listed as the attach lists its own refusals.
    if (tooLarge.length) report.value = { ...report.value, files: report.value.files + tooLarge.length, rejected: [...tooLarge, ...report.value.rejected] };
    undoable.value = null;
    useAppStore().notify(`${report.value.matched.length.toLocaleString()} resume files matched to applications.`);
    page.value = await client().call('resumes:list', { limit: PAGE, offset: 0 });
    offset.value = 0;
  }

  const attach = () => guard(() => attachFrom({ folder: folder.value.trim() }));

  /**
   * Files chosen in the page (the browser) go up through the app's upload, the way the import
   * wizard's do; files over 10 MB are refused before they are sent, as the desktop app refuses them.
   */
  const attachFiles = (files: File[]) =>
    guard(async () => {
      const big = files.filter((f) => f.size > MAX_RESUME_BYTES);
      const ok = files.filter((f) => f.size <= MAX_RESUME_BYTES);
      const tooLarge = big.map((f) => ({ file: f.name, applications: [], reason: `${(f.size / 1024 / 1024).toFixed(1)} MB is over LinkedIn's 10 MB limit.` }));
      if (ok.length === 0) {
        error.value = tooLarge.length ? `Nothing to attach: ${tooLarge.map((t) => `${t.file}: ${t.reason}`).join(' ')}` : null;
        return;
      }
      const paths = await platform().pathsForFiles(ok);
      await attachFrom({ files: paths }, tooLarge);
    });

  const attachZip = (file: File) =>
    guard(async () => {
      const [path] = await platform().pathsForFiles([file]);
      await attachFrom({ folder: path });
    });

  /** The desktop app's dialogs: real paths, nothing uploaded. */
  const pickFiles = () =>
    guard(async () => {
      const files = await platform().pickFiles({ title: 'Resume files', extensions: RESUME_EXTENSIONS, multiple: true });
      if (files.length) await attachFrom({ files });
    });

  const pickZip = () =>
    guard(async () => {
      const [zip] = await platform().pickFiles({ title: 'A .zip of resume files', extensions: ['zip'] });
      if (zip) await attachFrom({ folder: zip });
    });

  const detachAll = () =>
    guard(async () => {
      const r = await client().call('resumes:detach', { all: true });
      undoable.value = r.undoable ? r.detached : null;
      useAppStore().notify(`${r.detached.toLocaleString()} resumes detached.`);
      report.value = null;
      page.value = await client().call('resumes:list', { limit: PAGE, offset: 0 });
      offset.value = 0;
    });

  const undoDetach = () =>
    guard(async () => {
      const r = await client().call('resumes:restore', {});
      undoable.value = null;
      useAppStore().notify(`${r.restored.toLocaleString()} resumes attached again.`);
      page.value = await client().call('resumes:list', { limit: PAGE, offset: 0 });
      offset.value = 0;
    });

  /** In the browser, files are chosen and uploaded through the page; nobody types a path on the server. */
  const inBrowser = () => platform().kind === 'browser';

  return {
    inBrowser, folder, pattern, column, report, page, offset, busy, error, undoable, PAGE,
    chooseFolder, load, attach, attachFiles, attachZip, pickFiles, pickZip, detachAll, undoDetach,
  };
});
