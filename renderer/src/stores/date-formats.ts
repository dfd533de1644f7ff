import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ColumnFormatsByCategory } from '../../../shared/contract/rules';
import type { Category } from '../../../shared/domain';
import { client } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';

/** The date order chosen per date column; choosing one re-reads the whole column (a full check). */
export const useDateFormatsStore = defineStore('date-formats', () => {
  const formats = ref<ColumnFormatsByCategory>({});
  const saving = ref<string | null>(null);
  const error = ref<string | null>(null);

  async function load() {
    try {
      formats.value = await client().call('rules:columnFormats', {});
    } catch (err) {
      error.value = messageOf(err);
    }
  }

  async function choose(category: Category, field: string, format: string | null) {
    saving.value = `${category}.${field}`;
    error.value = null;
    try {
      const r = await client().call('rules:setColumnFormat', { category, field, format });
      formats.value = r.formats;
      useAppStore().notify(`${field} re-read as ${format ?? 'automatic'}: ${r.check.changed.toLocaleString()} records changed.`);
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      saving.value = null;
    }
  }

  return { formats, saving, error, load, choose };
});
