// `npm run sandbox`: the fake LinkedIn on 127.0.0.1 for demos; point the app's sync settings at it.
import { startFakeLinkedIn } from './server';

const port = Number(process.env.RSC_SANDBOX_PORT ?? 8787);
const fake = await startFakeLinkedIn({
  port,
  clientId: process.env.RSC_SANDBOX_CLIENT_ID ?? 'sandbox-client',
  clientSecret: process.env.RSC_SANDBOX_CLIENT_SECRET ?? 'sandbox-secret',
  // Tasks finish on the second poll, as LinkedIn's usually do within minutes.
  taskPollsBeforeDone: 1,
});

process.stdout.write(
  [
    `Fake LinkedIn (RSC /v2, Rest.li 2.0.0) listening on ${fake.url}`,
    '',
    'Sync settings:',
    `  API base URL     ${fake.url}`,
    `  OAuth base URL   ${fake.url}`,
    `  Organization URN ${fake.organizationUrn}  (any urn:li:organization:<digits> is accepted)`,
    `  Client id        ${fake.clientId}`,
    `  Client secret    ${fake.clientSecret}`,
    '',
    'CLI:',
    `  RSC_API_BASE_URL=${fake.url} RSC_OAUTH_BASE_URL=${fake.url} RSC_ORGANIZATION_URN=${fake.organizationUrn} \\`,
    `  RSC_CLIENT_ID=${fake.clientId} RSC_CLIENT_SECRET=${fake.clientSecret} npm run --silent cli -- sync --db <workspace.rscw>`,
    '',
    'Ctrl+C stops it.',
    '',
  ].join('\n'),
);

let count = 0;
fake.events.on('request', (r) => {
  count++;
  process.stdout.write(`#${count} ${r.method} ${r.path}${r.tunnelled ? ' (tunnelled)' : ''} ${r.keys.length ? `[${r.keys.length} keys]` : ''}\n`);
});

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
