// Where the sync may send the client secret and its tokens. The addresses are this computer's choice (the app's data
// folder, or the CLI's environment), never a workspace's: a workspace someone else made could otherwise name a
// server of theirs and receive the secret.

export const LINKEDIN_API_BASE_URL = 'https://api.linkedin.com';
export const LINKEDIN_OAUTH_BASE_URL = 'https://www.linkedin.com';

export type EndpointSetting = 'apiBaseUrl' | 'oauthBaseUrl';

export const ENDPOINT_LABELS: Record<EndpointSetting, string> = {
  apiBaseUrl: 'API base URL',
  oauthBaseUrl: 'OAuth base URL',
};

function parsed(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** 127.0.0.0/8, ::1 and localhost: a server on this computer, where plain http cannot be overheard. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** An https address on linkedin.com or one of its subdomains. */
export function isLinkedInUrl(url: string): boolean {
  const u = parsed(url);
  return !!u && u.protocol === 'https:' && /(^|\.)linkedin\.com$/i.test(u.hostname);
}

/** Why `url` cannot be a base URL of the sync, or null: https anywhere, plain http only on this computer. */
export function baseUrlProblem(url: string, setting: EndpointSetting): string | null {
  const label = ENDPOINT_LABELS[setting];
  const u = parsed(url);
  if (!u || !u.host || (u.protocol !== 'https:' && u.protocol !== 'http:')) {
    return `The ${label} "${url}" is not an absolute http(s) URL.`;
  }
  if (u.username || u.password) return `The ${label} "${url}" must not carry a user name or password.`;
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return `The ${label} "${url}" must use https: plain http is allowed only for a server on this computer (127.0.0.1 or localhost).`;
  }
  return null;
}
