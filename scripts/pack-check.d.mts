// Types for scripts/pack-check.mjs (a plain script, so that it runs without a TypeScript loader).
export const ROOT: string;
export const WORKER_BUNDLES: string[];
export function makeStandInElectron(dir: string): string;
export function packDir(options: { outDir: string; standIn: boolean; privateBuild?: boolean }): Promise<string>;
export function readAsar(path: string): {
  files: Map<string, { size: number; offset: string; unpacked?: boolean; link?: string }>;
  read(path: string): string | null;
};
export function fuseWire(binary: string): string | null;
export function specifiersOf(code: string): string[];
export function checkPackage(
  appOutDir: string,
  options?: { expectFuses?: boolean },
): {
  problems: string[];
  checked: {
    asar?: string;
    files?: number;
    bundles?: string[];
    packages?: string[];
    nativeModules?: string[];
    fuses?: string | null;
    unpackPatterns?: string[];
  };
};
