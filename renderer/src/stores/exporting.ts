import type { GridFilter } from '../../../shared/contract/records';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../shared/domain';
import type { ExportDateMode, ExportFormat, ExportLayout, ExportResult } from '../../../shared/contract/export';
import { client, platform } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';
import { exportFileName } from '../../../shared/export-file-name';
import { plural } from '../components/ui/format';

export interface CleanOptions {
  categories: Category[];
  format: ExportFormat;
  layout: ExportLayout;
  dates: ExportDateMode;
}

export interface FinishedExport {
  kind: 'audit' | 'clean';
  result: ExportResult;
  at: number;
}

/**
 * A file name that says whose data it is and when it was written (what Excel shows in its title
 * bar): "Acme audit 2026-12-07 14-30.xlsx", in the workspace's time zone.
 */
export function exportName(what: string, extension: string): string {
  const workspace = useAppStore().workspace;
  return exportFileName(workspace?.name, what, extension, Date.now(), workspace?.timeZone);
}

/** The audit workbook and the cleaned data; the file is chosen (or, in the browser, downloaded) through the platform. */
export const useExportStore = defineStore('exporting', () => {
  const includeBodies = ref(true);
  const clean = ref<CleanOptions>({ categories: [...CATEGORIES], format: 'xlsx', layout: 'source', dates: 'source' });
  const running = ref<'audit' | 'clean' | null>(null);
  const last = ref<FinishedExport | null>(null);
  const error = ref<string | null>(null);

  /** In Electron the file is shown in its folder; in the browser it is downloaded. */
  const revealLabel = computed(() => (platform().kind === 'electron' ? 'Show in folder' : 'Download'));

  async function run(kind: 'audit' | 'clean', defaultName: string, extension: string, call: (path: string) => Promise<ExportResult>) {
    if (running.value) return;
    error.value = null;
    const path = await platform().chooseSavePath({
      title: kind === 'audit' ? 'Save the audit workbook' : 'Save the cleaned data',
      defaultName,
      extensions: [extension],
    });
    if (!path) return;
    running.value = kind;
    try {
      const result = await call(path);
      last.value = { kind, result, at: Date.now() };
      useAppStore().notify(`Exported ${plural(result.rows, 'row')} to ${fileName(result.path)}.`);
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      running.value = null;
    }
  }

  function exportAudit() {
    return run('audit', exportName('audit', 'xlsx'), 'xlsx', (path) => client().call('export:audit', { path, includeBodies: includeBodies.value }));
  }

  function exportClean() {
    const o = clean.value;
    if (o.categories.length === 0) return Promise.resolve();
    const which = o.categories.length === 1 ? ` ${CATEGORY_LABELS[o.categories[0]].toLowerCase()}` : '';
    return run('clean', exportName(`cleaned${which}`, o.format), o.format, (path) =>
      client().call('export:clean', {
        path,
        category: o.categories.length === 1 ? o.categories[0] : [...o.categories],
        format: o.format,
        layout: o.layout,
        dates: o.dates,
      }),
    );
  }

  /** What you see is what you get: an audit workbook of just the grid's current view. */
  async function exportView(filter: GridFilter) {
    await run('audit', exportName(`${CATEGORY_LABELS[filter.category].toLowerCase()} view`, 'xlsx'), 'xlsx', (path) => client().call('export:audit', { path, includeBodies: false, filter }));
    if (last.value && !error.value) await reveal(last.value.result.path);
    else if (error.value) useAppStore().notify(error.value, 'error');
  }

  async function reveal(path: string) {
    try {
      await platform().reveal(path);
    } catch (err) {
      useAppStore().notify(messageOf(err), 'error');
    }
  }

  function toggleCategory(c: Category, on: boolean) {
    const set = new Set(clean.value.categories);
    if (on) set.add(c);
    else set.delete(c);
    clean.value.categories = CATEGORIES.filter((x) => set.has(x));
  }

  function reset() {
    last.value = null;
    error.value = null;
  }

  return { includeBodies, clean, running, last, error, revealLabel, exportAudit, exportClean, exportView, reveal, toggleCategory, reset };
});

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
