import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mappingPresetSchema, type MappingPreset, type PresetInfo } from '../../../shared/contract/import';
import { fieldSpec } from '../../../shared/rsc/fields';
import { importFailure } from './import-failure';

/**
 * Mapping presets are plain JSON files: shipped ones in resources/presets, the consultant's
 * own in <data dir>/presets. Sharing a preset is copying its file.
 */
export function listPresets(resourcesDir: string, dataDir: string): PresetInfo[] {
  return [
    ...readFolder(join(resourcesDir, 'presets')).map((preset) => ({ preset, origin: 'shipped' as const })),
    ...readFolder(savedFolder(dataDir)).map((preset) => ({ preset, origin: 'saved' as const })),
  ];
}

export function savePreset(dataDir: string, preset: MappingPreset): PresetInfo {
  const valid = validatePreset(preset, preset.name);
  mkdirSync(savedFolder(dataDir), { recursive: true });
  writeFileSync(join(savedFolder(dataDir), fileNameOf(valid.name)), JSON.stringify(valid, null, 2) + '\n');
  return { preset: valid, origin: 'saved' };
}

export function deletePreset(dataDir: string, name: string): boolean {
  const file = join(savedFolder(dataDir), fileNameOf(name));
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

export function writePresetFile(path: string, preset: MappingPreset): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(preset, null, 2) + '\n');
}

/** Reads and validates a preset file (a shared preset, or --mapping); fails with a reason a person can act on. */
export function readPresetFile(path: string): MappingPreset {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw importFailure('BAD_PRESET', `The mapping preset ${path} does not exist`, 'check the path');
    throw importFailure('BAD_PRESET', `The mapping preset ${path} is not valid JSON`, 'export the preset again from RSC Workbench');
  }
  return validatePreset(raw, path);
}

export function validatePreset(raw: unknown, where: string): MappingPreset {
  const parsed = mappingPresetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw importFailure(
      'BAD_PRESET',
      `The mapping preset ${where} is not valid (${issue.path.join('.') || 'preset'}: ${issue.message})`,
      'export the preset again from RSC Workbench',
    );
  }
  const preset = parsed.data;
  for (const [header, field] of Object.entries(preset.mapping)) {
    if (field !== '' && !fieldSpec(preset.category, field)) {
      throw importFailure('BAD_PRESET', `The mapping preset ${where} maps "${header}" to "${field}", which is not a field of ${preset.category}`, 'fix or re-export the preset');
    }
  }
  return preset;
}

function readFolder(dir: string): MappingPreset[] {
  if (!existsSync(dir)) return [];
  const out: MappingPreset[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue;
    try {
      out.push(readPresetFile(join(dir, f)));
    } catch {
      // A broken file in the folder must not hide the other presets; it is reported when loaded explicitly.
    }
  }
  return out;
}

function savedFolder(dataDir: string): string {
  return join(dataDir, 'presets');
}

function fileNameOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'preset'}.json`;
}
