/** The only sites a link in the app may open in the system browser: LinkedIn and its RSC documentation. */
export const EXTERNAL_HOSTS = ['www.linkedin.com', 'linkedin.com', 'learn.microsoft.com', 'docs.microsoft.com'] as const;

/**
 * Whether `url` may go to shell.openExternal: https on an allowed host, on the default port and
 * without credentials. Anything else a renderer asks for (a phishing page, `file:`, a custom
 * scheme that launches a program) is refused.
 */
export function mayOpenExternally(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    (EXTERNAL_HOSTS as readonly string[]).includes(parsed.hostname)
  );
}

/** The window's open handler: an allowed link goes to the system browser; no window ever opens in the app. */
export function externalLinkHandler(openExternal: (url: string) => Promise<void>) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (mayOpenExternally(url)) void openExternal(url);
    return { action: 'deny' };
  };
}
