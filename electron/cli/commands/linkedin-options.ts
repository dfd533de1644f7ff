import type { CliIo, OptionSpec } from '../command';
import { credentialsFrom } from './sync';

/** The connection options a command that talks to LinkedIn takes, as `sync` does (and the same environment). */
export const LINKEDIN_OPTIONS: OptionSpec = {
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'organization-urn': { type: 'string' },
  'api-base-url': { type: 'string' },
  'oauth-base-url': { type: 'string' },
};

export const LINKEDIN_USAGE = '[--client-id <id>] [--client-secret <s>] [--organization-urn <urn>] [--api-base-url <url>] [--oauth-base-url <url>]';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Credentials and setting overrides from the options or the environment, for a run's input. */
export async function linkedinOverrides(values: Record<string, unknown>, io: CliIo) {
  const env = process.env;
  const settings = Object.fromEntries(
    Object.entries({
      organizationUrn: text(values['organization-urn']) ?? text(env.RSC_ORGANIZATION_URN),
      apiBaseUrl: text(values['api-base-url']) ?? text(env.RSC_API_BASE_URL),
      oauthBaseUrl: text(values['oauth-base-url']) ?? text(env.RSC_OAUTH_BASE_URL),
    }).filter(([, v]) => v !== undefined),
  ) as { organizationUrn?: string; apiBaseUrl?: string; oauthBaseUrl?: string };
  const credentials = await credentialsFrom(values, io);
  return { ...(credentials ? { credentials } : {}), ...(Object.keys(settings).length ? { settings } : {}) };
}
