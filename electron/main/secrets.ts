import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { memorySecrets } from '../core/backend';
import type { SecretStore } from '../core/context';

/**
 * Whether safeStorage really protects a secret. On Linux without a keyring (no GNOME Keyring,
 * no KWallet) Chromium falls back to 'basic_text': encryption with a fixed, public key, which is
 * plain text in effect, yet isEncryptionAvailable() still says yes.
 */
export function secureStorageAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/**
 * Secrets encrypted with the OS keychain through safeStorage, in the app's data folder:
 * never in a workspace file, so sharing a workspace never shares credentials. Without a real
 * keychain a secret is kept in memory for this session only, and the store says so (`sessionOnly`)
 * so the settings page can tell the user it will be asked for again.
 */
export function safeStorageSecrets(dataDir: string): SecretStore {
  if (!secureStorageAvailable()) return { ...memorySecrets(), sessionOnly: true };
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    get(name) {
      const enc = read()[name];
      if (!enc) return null;
      return safeStorage.decryptString(Buffer.from(enc, 'base64'));
    },
    set(name, value) {
      const all = read();
      if (value === null) delete all[name];
      else all[name] = safeStorage.encryptString(value).toString('base64');
      writeFileSync(file, JSON.stringify(all), { mode: 0o600 });
    },
  };
}
