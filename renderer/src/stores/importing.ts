import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type {
  ColumnMatch,
  FileInspection,
  ImportSummary,
  PresetInfo,
  SheetInspection,
  SheetReview,
  ValueMappingSuggestion,
} from '../../../shared/contract/import';
import { KEY_FIELDS } from '../../../shared/rsc';
import type { Category } from '../../../shared/domain';
import { client, platform } from './connection';
import { messageOf } from './errors';

export type ImportStep = 'choose' | 'sheets' | 'mapping' | 'importing' | 'done';

/** The consultant's choices for one sheet, starting from what the backend detected. */
export interface SheetChoice {
  sheet: string;
  include: boolean;
  category: Category | null;
  headerRow: number;
  headers: string[];
  mapping: ColumnMatch[];
  valueSuggestions: ValueMappingSuggestion[];
  /** field → source value → RSC value */
  valueMappings: Record<string, Record<string, string>>;
  preset: string | null;
}

export const IMPORT_EXTENSIONS = ['xlsx', 'csv', 'tsv', 'txt'];

function choiceFrom(s: SheetInspection): SheetChoice {
  return {
    sheet: s.sheet,
    include: s.category !== null && s.rows > 0,
    category: s.category,
    headerRow: s.headerRow,
    headers: s.headers,
    mapping: s.mapping,
    valueSuggestions: s.valueMappings,
    valueMappings: Object.fromEntries(
      s.valueMappings.map((v) => [v.field, Object.fromEntries(v.values.filter((x) => x.target).map((x) => [x.source, x.target!]))]),
    ),
    preset: s.preset,
  };
}

/** Key fields a sheet still lacks; a stage id is derived when the export has none. */
export function missingKeys(choice: SheetChoice): string[] {
  if (!choice.category) return [];
  const mapped = new Set(choice.mapping.map((m) => m.field));
  return KEY_FIELDS[choice.category].filter((f) => !(choice.category === 'stages' && f === 'stageId') && !mapped.has(f));
}

/** Several files chosen at once: reviewed and imported one after another, in one pass. */
export interface ImportPass {
  /** 1-based position of the file under review. */
  index: number;
  count: number;
  /** The file under review. */
  name: string;
}

export interface SkippedFile {
  name: string;
  reason: string;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export const useImportStore = defineStore('importing', () => {
  const step = ref<ImportStep>('choose');
  const inspection = ref<FileInspection | null>(null);
  const choices = ref<SheetChoice[]>([]);
  /** The last file's summary; `summaries` holds every file's of the pass. */
  const summary = ref<ImportSummary | null>(null);
  const summaries = ref<ImportSummary[]>([]);
  const pass = ref<ImportPass | null>(null);
  const queue = ref<string[]>([]);
  const skipped = ref<SkippedFile[]>([]);
  const presets = ref<PresetInfo[]>([]);
  const busy = ref(false);
  const error = ref<string | null>(null);

  const included = computed(() => choices.value.filter((c) => c.include));
  const blockers = computed(() =>
    included.value.flatMap((c) => {
      if (!c.category) return [`Choose a category for “${c.sheet}”.`];
      const keys = missingKeys(c);
      return keys.length ? [`“${c.sheet}” needs a column mapped to ${keys.join(' and ')} (the record key).`] : [];
    }),
  );

  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      return await work();
    } catch (err) {
      error.value = messageOf(err);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  function reset() {
    step.value = 'choose';
    inspection.value = null;
    choices.value = [];
    summary.value = null;
    summaries.value = [];
    pass.value = null;
    queue.value = [];
    skipped.value = [];
    error.value = null;
    reviews.value = {};
    reviewErrors.value = {};
  }

  /** Whether the file could be read; it is then shown for review. */
  async function inspect(path: string, text?: { encoding?: string; delimiter?: string }): Promise<boolean> {
    const ok = await attempt(async () => {
      const result = await client().call('import:inspect', { path, ...(text ?? {}) } as { path: string });
      inspection.value = result;
      choices.value = result.sheets.map(choiceFrom);
      step.value = 'sheets';
      return true;
    });
    return ok === true;
  }

  /**
   * The files chosen together, reviewed one after another: each gets its own sheets and mapping
   * review and is imported before the next is read. One that cannot be read is set aside with its
   * reason and the pass goes on; a single file's failure stays on the choosing step.
   */
  async function startFiles(paths: string[]) {
    if (paths.length === 0) return;
    reset();
    queue.value = paths.slice(1);
    pass.value = { index: 1, count: paths.length, name: baseName(paths[0]) };
    await reviewFile(paths[0]);
  }

  async function reviewFile(path: string) {
    if (await inspect(path)) return;
    if ((pass.value?.count ?? 1) === 1) return;
    skipped.value.push({ name: baseName(path), reason: error.value ?? 'It could not be read.' });
    error.value = null;
    await nextFile();
  }

  /** On to the next chosen file, or to the summary of the pass once none is left. */
  async function nextFile() {
    const path = queue.value.shift();
    if (path === undefined) {
      inspection.value = null;
      choices.value = [];
      step.value = summaries.value.length || skipped.value.length ? 'done' : 'choose';
      return;
    }
    if (pass.value) pass.value = { ...pass.value, index: pass.value.index + 1, name: baseName(path) };
    await reviewFile(path);
  }

  /** Leaves the file under review out of the pass. */
  function skipFile() {
    if (!pass.value) return Promise.resolve();
    skipped.value.push({ name: inspection.value?.name ?? pass.value.name, reason: 'Left out during the review.' });
    return nextFile();
  }

  /** Ends the pass before its last file: what was imported stays, the rest is listed as not imported. */
  function stopPass() {
    if (!pass.value) return Promise.resolve();
    const left = [inspection.value?.name ?? pass.value.name, ...queue.value.map(baseName)];
    for (const name of left) skipped.value.push({ name, reason: 'The import was stopped before this file.' });
    queue.value = [];
    return nextFile();
  }

  async function chooseFile() {
    const picked = await attempt(() => platform().pickFiles({ title: 'Import ATS exports', extensions: IMPORT_EXTENSIONS, multiple: true }));
    if (picked?.length) await startFiles(picked);
  }

  async function dropFiles(files: File[]) {
    const paths = await attempt(() => platform().pathsForFiles(files));
    if (paths?.length) await startFiles(paths);
  }

  async function resuggest(choice: SheetChoice, category?: Category) {
    const sheet = inspection.value?.sheets.find((s) => s.sheet === choice.sheet);
    const sameHeader = sheet && sheet.headerRow === choice.headerRow;
    const suggestion = await attempt(() =>
      client().call('import:suggest', {
        sheet: choice.sheet,
        headers: choice.headers,
        ...(sameHeader ? { distinctValues: sheet.distinctValues.map((d) => d.map((v) => ({ value: v.value, count: v.count }))) } : {}),
        ...(category ? { category } : {}),
      }),
    );
    if (!suggestion) return;
    choice.category = suggestion.category;
    choice.mapping = suggestion.mapping;
    choice.valueSuggestions = suggestion.valueMappings;
    choice.preset = suggestion.preset;
    choice.valueMappings = Object.fromEntries(
      suggestion.valueMappings.map((v) => [v.field, Object.fromEntries(v.values.filter((x) => x.target).map((x) => [x.source, x.target!]))]),
    );
  }

  async function setHeaderRow(choice: SheetChoice, row: number) {
    const sheet = inspection.value?.sheets.find((s) => s.sheet === choice.sheet);
    const previewRow = sheet?.preview.find((p) => p.row === row);
    if (!sheet || !previewRow) return;
    choice.headerRow = row;
    choice.headers = previewRow.cells.map((c, i) => (c === null || c === '' ? `Column ${i + 1}` : String(c)));
    await resuggest(choice, choice.category ?? undefined);
  }

  async function setCategory(choice: SheetChoice, category: Category) {
    await resuggest(choice, category);
  }

  /**
   * Maps a column to a field. A field another column already fills is not taken from it
   * silently: the column that has it is returned and nothing changes, so the consultant can be
   * asked which one wins (then assignField).
   */
  function setField(choice: SheetChoice, column: number, field: string | null): ColumnMatch | null {
    const holder = field ? choice.mapping.find((x) => x.column !== column && x.field === field) : undefined;
    if (holder) return holder;
    assignField(choice, column, field);
    return null;
  }

  /** Maps a column to a field; the column that had the field (the consultant chose this one) is left unmapped. */
  function assignField(choice: SheetChoice, column: number, field: string | null) {
    const m = choice.mapping.find((x) => x.column === column);
    if (!m) return;
    if (field) for (const other of choice.mapping) if (other !== m && other.field === field) Object.assign(other, { field: null, via: 'none', confidence: 0 });
    Object.assign(m, { field, via: field ? 'manual' : 'none', confidence: field ? 1 : 0 });
  }

  /** What each included sheet's mapping would give, per sheet (null while it is being worked out). */
  const reviews = ref<Record<string, SheetReview | null>>({});
  const reviewErrors = ref<Record<string, string>>({});

  async function review(choice: SheetChoice) {
    if (!inspection.value || !choice.category || missingKeys(choice).length) {
      reviews.value = { ...reviews.value, [choice.sheet]: null };
      return;
    }
    const asked = JSON.stringify([choice.category, choice.headerRow, choice.mapping, choice.valueMappings]);
    reviewAsked.set(choice.sheet, asked);
    try {
      const r = await client().call('import:review', {
        path: inspection.value.path,
        ...(inspection.value.text ? { encoding: inspection.value.text.encoding, delimiter: inspection.value.text.delimiter } : {}),
        sheet: planOf(choice),
      });
      if (reviewAsked.get(choice.sheet) !== asked) return;
      reviews.value = { ...reviews.value, [choice.sheet]: r };
      const { [choice.sheet]: _gone, ...rest } = reviewErrors.value;
      reviewErrors.value = rest;
    } catch (err) {
      if (reviewAsked.get(choice.sheet) === asked) reviewErrors.value = { ...reviewErrors.value, [choice.sheet]: messageOf(err) };
    }
  }
  const reviewAsked = new Map<string, string>();

  function planOf(c: SheetChoice) {
    return {
      sheet: c.sheet,
      category: c.category!,
      headerRow: c.headerRow,
      mapping: Object.fromEntries(c.mapping.map((m) => [m.header, m.field ?? ''])),
      valueMappings: c.valueMappings,
    };
  }

  async function loadPresets() {
    presets.value = (await attempt(() => client().call('import:presets', {}))) ?? presets.value;
  }

  async function savePreset(choice: SheetChoice, name: string) {
    if (!choice.category) return;
    const saved = await attempt(() =>
      client().call('import:savePreset', {
        preset: {
          name,
          category: choice.category!,
          headers: choice.headers,
          mapping: Object.fromEntries(choice.mapping.filter((m) => m.field).map((m) => [m.header, m.field!])),
          valueMappings: choice.valueMappings,
        },
      }),
    );
    if (saved) {
      choice.preset = saved.preset.name;
      await loadPresets();
    }
  }

  async function run() {
    if (!inspection.value || blockers.value.length) return;
    step.value = 'importing';
    const result = await attempt(() =>
      client().call('import:run', {
        path: inspection.value!.path,
        ...(inspection.value!.text ? { encoding: inspection.value!.text.encoding, delimiter: inspection.value!.text.delimiter } : {}),
        sheets: included.value.map(planOf),
      }),
    );
    if (result) {
      summary.value = result;
      summaries.value.push(result);
      if (queue.value.length) await nextFile();
      else step.value = 'done';
    } else step.value = 'mapping';
  }

  return {
    step, inspection, choices, summary, summaries, pass, queue, skipped, presets, busy, error, included, blockers,
    reviews, reviewErrors,
    reset, inspect, startFiles, skipFile, stopPass, chooseFile, dropFiles, setHeaderRow, setCategory, setField, assignField, review,
    loadPresets, savePreset, run,
  };
});
