import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../core/context';

/**
 * Secrets encrypted with the OS keychain through safeStorage, in the app's data folder:
 * never in a workspace file, so sharing a workspace never shares credentials.
 */
export function safeStorageSecrets(dataDir: string): SecretStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    get(name) {
      const enc = read()[name];
      if (!enc || !safeStorage.isEncryptionAvailable()) return null;
      return safeStorage.decryptString(Buffer.from(enc, 'base64'));
    },
    set(name, value) {
      const all = read();
      if (value === null) delete all[name];
      else {
        if (!safeStorage.isEncryptionAvailable()) throw new Error('This system offers no secure storage for the client secret.');
        all[name] = safeStorage.encryptString(value).toString('base64');
      }
      writeFileSync(file, JSON.stringify(all), { mode: 0o600 });
    },
  };
}
