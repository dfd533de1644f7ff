import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Input } from '../../../shared/contract';
import type { SyncSettingsView } from '../../../shared/contract/sync';
import { baseUrlProblem } from '../../../shared/endpoints';
import { client } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';

export type SettingsChanges = Input<'sync:saveSettings'>;

/** The connection form as typed: text inputs, so that a half-typed number can be reported, not coerced. */
export interface SettingsForm {
  organizationUrn: string;
  clientId: string;
  /** '' keeps the stored secret; the field is write-only. */
  clientSecret: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  batchSize: string;
  /** '' keeps every exchange. */
  logRetentionDays: string;
  recordsPerMinute: string;
  oversizeStrategy: 'tunnel' | 'split';
}

export type SettingsErrors = Partial<Record<keyof SettingsForm, string>>;

const ORG_URN = /^urn:li:organization:\d+$/;

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

function baseUrlAdvice(text: string, example: string): string {
  return /^http:\/\//i.test(text)
    ? 'Use https: plain http only for a server on this computer (127.0.0.1 or localhost).'
    : `Enter an absolute https URL, e.g. ${example}.`;
}

/** What is wrong with the form, field by field, in words that say what to type instead. */
export function validateSettings(form: SettingsForm): SettingsErrors {
  const errors: SettingsErrors = {};
  const urn = form.organizationUrn.trim();
  if (urn && !ORG_URN.test(urn)) {
    errors.organizationUrn = /^\d+$/.test(urn)
      ? `Write it as a URN: urn:li:organization:${urn}`
      : 'Use the form urn:li:organization:<digits>, e.g. urn:li:organization:1234.';
  }
  if (baseUrlProblem(form.apiBaseUrl.trim(), 'apiBaseUrl')) errors.apiBaseUrl = baseUrlAdvice(form.apiBaseUrl.trim(), 'https://api.linkedin.com');
  if (baseUrlProblem(form.oauthBaseUrl.trim(), 'oauthBaseUrl')) errors.oauthBaseUrl = baseUrlAdvice(form.oauthBaseUrl.trim(), 'https://www.linkedin.com');
  const batch = wholeNumber(form.batchSize);
  if (batch === null || batch < 1 || batch > 100) errors.batchSize = 'A whole number from 1 to 100 (LinkedIn takes at most 100 records per request).';
  if (form.logRetentionDays.trim() !== '') {
    const days = wholeNumber(form.logRetentionDays);
    if (days === null || days < 1) errors.logRetentionDays = 'A whole number of days (1 or more), or empty to keep every exchange.';
  }
  const rate = wholeNumber(form.recordsPerMinute);
  if (rate === null || rate < 1 || rate > 10_000) errors.recordsPerMinute = 'A whole number from 1 to 10,000 (LinkedIn allows 10,000 records per minute).';
  return errors;
}

export function formFrom(s: SyncSettingsView): SettingsForm {
  return {
    organizationUrn: s.organizationUrn,
    clientId: s.clientId,
    clientSecret: '',
    apiBaseUrl: s.apiBaseUrl,
    oauthBaseUrl: s.oauthBaseUrl,
    batchSize: String(s.batchSize),
    logRetentionDays: s.logRetentionDays === null ? '' : String(s.logRetentionDays),
    recordsPerMinute: String(s.recordsPerMinute),
    oversizeStrategy: s.oversizeStrategy,
  };
}

/** The save call's input for a valid form; an empty secret field leaves the stored secret alone. */
export function changesFrom(form: SettingsForm): SettingsChanges {
  return {
    organizationUrn: form.organizationUrn.trim(),
    clientId: form.clientId.trim(),
    ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
    apiBaseUrl: form.apiBaseUrl.trim(),
    oauthBaseUrl: form.oauthBaseUrl.trim(),
    batchSize: Number(form.batchSize),
    logRetentionDays: form.logRetentionDays.trim() === '' ? null : Number(form.logRetentionDays),
    recordsPerMinute: Number(form.recordsPerMinute),
    oversizeStrategy: form.oversizeStrategy,
  };
}

/** The workspace's LinkedIn connection settings (the secret only as "stored or not"). */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<SyncSettingsView | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const error = ref<string | null>(null);

  /** What a real sync still needs, in the words of the Settings screen. */
  const missing = computed<string[]>(() => {
    const s = settings.value;
    if (!s) return [];
    const out: string[] = [];
    if (!ORG_URN.test(s.organizationUrn)) out.push('Organization URN');
    if (!s.clientId) out.push('Client id');
    if (!s.hasClientSecret) out.push('Client secret');
    return out;
  });

  async function load() {
    loading.value = true;
    try {
      error.value = null;
      settings.value = await client().call('sync:settings', {});
    } catch (err) {
      error.value = messageOf(err);
      settings.value = null;
    } finally {
      loading.value = false;
    }
  }

  /** Saves and reports in a toast; resolves true when saved. */
  async function save(changes: SettingsChanges): Promise<boolean> {
    saving.value = true;
    try {
      settings.value = await client().call('sync:saveSettings', changes);
      useAppStore().notify('Settings saved.');
      return true;
    } catch (err) {
      useAppStore().notify(messageOf(err), 'error');
      return false;
    } finally {
      saving.value = false;
    }
  }

  const removeSecret = () => save({ clientSecret: '' });

  function reset() {
    settings.value = null;
    error.value = null;
  }

  return { settings, loading, saving, error, missing, load, save, removeSecret, reset };
});
