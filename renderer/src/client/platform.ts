import type { PreloadBridge } from './bridge';

/**
 * Native file access differs by shell: Electron has dialogs and real paths; the browser harness
 * uploads the chosen file to the local backend and gets back the path it was stored under.
 */
export interface Platform {
  kind: 'electron' | 'browser';
  /** Lets the user choose files; resolves to backend-readable paths ([] when cancelled). */
  pickFiles(options: { title: string; extensions: string[]; multiple?: boolean }): Promise<string[]>;
  /** Paths for files dropped on the window or chosen in an <input type=file>. */
  pathsForFiles(files: File[]): Promise<string[]>;
  /** Where to write an export; in the browser the backend writes to its exports folder and the file is downloaded. */
  chooseSavePath(options: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  /** After an export: reveal it (Electron) or download it (browser). */
  reveal(path: string): Promise<void>;
  pickFolder(options: { title: string }): Promise<string | null>;
}

export function electronPlatform(bridge: PreloadBridge): Platform {
  return {
    kind: 'electron',
    pickFiles: (o) => bridge.openFiles({ title: o.title, extensions: o.extensions, multiple: o.multiple ?? false }),
    pathsForFiles: (files) => Promise.all(files.map((f) => bridge.pathForFile(f))),
    chooseSavePath: (o) => bridge.saveFile(o),
    reveal: (path) => bridge.showInFolder(path),
    pickFolder: (o) => bridge.openFolder(o),
  };
}

export function browserPlatform(token: string, exportsDir: () => string): Platform {
  async function upload(file: File): Promise<string> {
    const res = await fetch(`/upload?token=${encodeURIComponent(token)}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
    });
    if (!res.ok) throw new Error(await res.text());
    return ((await res.json()) as { path: string }).path;
  }
  function chooseWithInput(extensions: string[], multiple: boolean): Promise<File[]> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = multiple;
      input.accept = extensions.map((e) => `.${e}`).join(',');
      input.onchange = () => resolve([...(input.files ?? [])]);
      input.oncancel = () => resolve([]);
      input.click();
    });
  }
  return {
    kind: 'browser',
    async pickFiles(o) {
      const files = await chooseWithInput(o.extensions, o.multiple ?? false);
      return Promise.all(files.map(upload));
    },
    pathsForFiles: (files) => Promise.all(files.map(upload)),
    async chooseSavePath(o) {
      // The name carries the workspace and the minute: a second export that minute replaces the first.
      return `${exportsDir()}/${o.defaultName}`;
    },
    async reveal(path) {
      const a = document.createElement('a');
      a.href = `/download?token=${encodeURIComponent(token)}&path=${encodeURIComponent(path)}`;
      a.download = path.split(/[\\/]/).pop() ?? 'export';
      a.click();
    },
    async pickFolder(o) {
      return window.prompt(`${o.title}\nFolder path on this computer:`) || null;
    },
  };
}
