import { basename, resolve } from 'node:path';
import { importMethods, type FileInspection, type ImportSummary, type SheetReview } from '../../../shared/contract/import';
import { ContractFailure } from '../../../shared/contract/define';
import { defineHandlers } from './define';
import type { BackendContext } from '../context';
import { deletePreset, listPresets, readPresetFile, savePreset, writePresetFile } from '../importing/preset-store';
import { suggestMapping } from '../importing/mapping/suggest-mapping';
import type { ImportJobInput } from '../importing/import-job';

function presets(ctx: BackendContext) {
  return listPresets(ctx.resourcesDir, ctx.dataDir);
}

export const importHandlers = defineHandlers(importMethods, {
  'import:inspect': (input, ctx) => {
    const path = resolve(input.path);
    const job: ImportJobInput = { mode: 'inspect', ...input, path, presets: presets(ctx) };
    return ctx.jobs.run<FileInspection>('import', job, { title: `Reading ${basename(path)}`, workspacePath: ctx.workspace().path });
  },
  'import:suggest': (input, ctx) =>
    suggestMapping({
      sheet: input.sheet,
      headers: input.headers,
      distinctValues: (column) => input.distinctValues?.[column] ?? [],
      category: input.category,
      presets: presets(ctx),
    }),
  'import:run': async (input, ctx) => {
    const request = { ...input, path: resolve(input.path) };
    const job: ImportJobInput = { mode: 'import', request, presets: presets(ctx) };
    const summary = await ctx.jobs.run<ImportSummary>('import', job, {
      title: `Importing ${basename(request.path)}`,
      workspacePath: ctx.workspace().path,
    });
    ctx.emit('data:changed', { categories: [...new Set(summary.sheets.map((s) => s.category))], reason: 'import' });
    return summary;
  },
  'import:review': (input, ctx) => {
    const path = resolve(input.path);
    const job: ImportJobInput = { mode: 'review', ...input, path, presets: presets(ctx) };
    return ctx.jobs.run<SheetReview>('import', job, { title: `Reviewing ${input.sheet.sheet}`, workspacePath: ctx.workspace().path });
  },
  'import:presets': (_input, ctx) => presets(ctx),
  'import:savePreset': ({ preset }, ctx) => savePreset(ctx.dataDir, preset),
  'import:deletePreset': ({ name }, ctx) => ({ deleted: deletePreset(ctx.dataDir, name) }),
  'import:exportPreset': ({ name, path }, ctx) => {
    const found = presets(ctx).find((p) => p.preset.name === name);
    if (!found) throw new ContractFailure('BAD_PRESET', `There is no mapping preset named "${name}".`);
    const target = resolve(path);
    writePresetFile(target, found.preset);
    return { path: target };
  },
  'import:loadPreset': ({ path }, ctx) => savePreset(ctx.dataDir, readPresetFile(resolve(path))),
});
