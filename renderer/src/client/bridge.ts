import type { ContractError } from '../../../shared/contract/define';
import type { MethodName } from '../../../shared/contract';

/** What the Electron preload exposes on window.rscw: one named function per contract method, plus native helpers. */
export interface PreloadBridge {
  methods: Record<MethodName, (input: unknown) => Promise<{ ok: true; result: unknown } | { ok: false; error: ContractError }>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  openFiles(options: { title: string; extensions: string[]; multiple: boolean }): Promise<string[]>;
  openFolder(options: { title: string }): Promise<string | null>;
  saveFile(options: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  showInFolder(path: string): Promise<void>;
  /** The dropped file's path, once the main process has let this window use it. */
  pathForFile(file: File): Promise<string>;
  onMenu(listener: (command: string, arg?: string) => void): () => void;
}

declare global {
  interface Window {
    rscw?: PreloadBridge;
  }
}
