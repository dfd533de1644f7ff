import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LINKEDIN_API_BASE_URL,
  LINKEDIN_OAUTH_BASE_URL,
  type EndpointSetting,
} from '../../../shared/endpoints';

export type Endpoints = Record<EndpointSetting, string>;

export const LINKEDIN_ENDPOINTS: Endpoints = { apiBaseUrl: LINKEDIN_API_BASE_URL, oauthBaseUrl: LINKEDIN_OAUTH_BASE_URL };

const FILE_NAME = 'linkedin-endpoints.json';

/**
 * The sync's base URLs as chosen on this computer, in the app's data folder beside the secret store: the client
 * secret is this computer's, so where it goes is too. LinkedIn's own addresses unless the user set others.
 */
export function readMachineEndpoints(dataDir: string): Endpoints {
  let stored: Partial<Record<EndpointSetting, unknown>> = {};
  try {
    const value: unknown = JSON.parse(readFileSync(join(dataDir, FILE_NAME), 'utf8'));
    if (value && typeof value === 'object') stored = value as typeof stored;
  } catch {
    // Missing or unreadable: LinkedIn's addresses.
  }
  const text = (v: unknown, fallback: string) => (typeof v === 'string' && v ? v : fallback);
  return {
    apiBaseUrl: text(stored.apiBaseUrl, LINKEDIN_ENDPOINTS.apiBaseUrl),
    oauthBaseUrl: text(stored.oauthBaseUrl, LINKEDIN_ENDPOINTS.oauthBaseUrl),
  };
}

export function writeMachineEndpoints(dataDir: string, changes: Partial<Endpoints>): Endpoints {
  const next = { ...readMachineEndpoints(dataDir) };
  for (const key of ['apiBaseUrl', 'oauthBaseUrl'] as const) if (changes[key] !== undefined) next[key] = changes[key];
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, FILE_NAME);
  writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2));
  renameSync(`${file}.tmp`, file);
  return next;
}
