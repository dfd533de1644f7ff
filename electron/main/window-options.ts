import type { BrowserWindowConstructorOptions } from 'electron';

/** The one window's options: every web-facing default locked down; devtools only while developing. */
export function secureWindowOptions(preloadPath: string, o: { devTools: boolean } = { devTools: false }): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'RSC Workbench',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: o.devTools,
    },
  };
}

/**
 * The desktop build's policy: no inline styles and no WebSocket (the web harness's index.html
 * needs both; the desktop app talks over IPC and its styles are files).
 */
export const DESKTOP_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** While developing against the Vite dev server, whose hot reload injects <style> elements. */
export const DEV_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self' ws://localhost:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The policy of the running build. */
export const CONTENT_SECURITY_POLICY = DESKTOP_CONTENT_SECURITY_POLICY;
