import { IMPORT_EXTENSIONS, useImportStore } from './importing';
import { useResumesStore } from './resumes';
import { useAppStore } from './app';
import { platform } from './connection';
import { messageOf } from './errors';

/** One thing dropped on the window: a file, or a folder (which has no readable contents of its own). */
export interface DroppedItem {
  name: string;
  isDirectory: boolean;
  file: File | null;
}

export type DropPlan =
  | { kind: 'import'; files: File[] }
  | { kind: 'resumes'; file: File; name: string }
  | { kind: 'unsupported'; names: string[] };

const extensionOf = (name: string) => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';

/**
 * What a drop starts: a folder or a .zip is a batch of resume files to attach; spreadsheets and
 * CSV files are an import. Resumes win over spreadsheets dropped with them, as the import
 * wizard takes one file and a folder is the bigger intent.
 */
export function planDrop(items: readonly DroppedItem[]): DropPlan | null {
  if (items.length === 0) return null;
  const bundle = items.find((i) => i.file && (i.isDirectory || extensionOf(i.name) === 'zip'));
  if (bundle?.file) return { kind: 'resumes', file: bundle.file, name: bundle.name };
  const sheets = items.filter((i) => i.file && !i.isDirectory && IMPORT_EXTENSIONS.includes(extensionOf(i.name)));
  if (sheets.length) return { kind: 'import', files: sheets.map((i) => i.file!) };
  return { kind: 'unsupported', names: items.map((i) => i.name) };
}

/** The items of a drop event; Chromium tells folders apart only through their entries. */
export function droppedItems(data: DataTransfer | null): DroppedItem[] {
  if (!data) return [];
  const items = [...(data.items ?? [])].filter((i) => i.kind === 'file');
  if (items.length === 0) return [...(data.files ?? [])].map((file) => ({ name: file.name, isDirectory: false, file }));
  return items.map((item) => {
    const file = item.getAsFile();
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    return { name: file?.name ?? entry?.name ?? '', isDirectory: entry?.isDirectory ?? false, file };
  });
}

/** Starts what a drop planned: the import wizard with the file, or an attach of the folder's or archive's resumes. */
export async function startDrop(plan: DropPlan, navigate: (path: string) => unknown): Promise<void> {
  const app = useAppStore();
  if (plan.kind === 'unsupported') {
    app.notify(`${plan.names.join(', ')}: drop .xlsx or .csv files to import them, or a folder or .zip of resume files to attach.`, 'error');
    return;
  }
  if (plan.kind === 'import') {
    void navigate('/import');
    await useImportStore().dropFiles(plan.files);
    return;
  }
  const resumes = useResumesStore();
  void navigate('/resumes');
  try {
    const [path] = await platform().pathsForFiles([plan.file]);
    if (!path) throw new Error(`${plan.name} has no path on this computer.`);
    resumes.folder = path;
  } catch (err) {
    app.notify(messageOf(err), 'error');
    return;
  }
  await resumes.attach();
}
