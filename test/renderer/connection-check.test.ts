import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import type { ConnectionCheck } from '../../shared/contract/sync';
import { mountView, setup } from './support/fake-backend';
import { settingsView } from './support/fixtures';

describe('Test connection in Settings', () => {
  async function tested(answer: ConnectionCheck) {
    const h = setup();
    h.client.handle('sync:settings', () => settingsView({ hasClientSecret: true }));
    h.client.handle('sync:check', () => answer);
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    await wrapper.find('[data-testid="test-connection"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('sync:check')).toEqual([{}]);
    return wrapper.find('[data-testid="connection-result"]');
  }

  it('says connected, with the token lifetime and the API it read', async () => {
    const result = await tested({ ok: true, tokenExpiresIn: 1799, apiBaseUrl: 'https://api.linkedin.com' });
    expect(result.find('[data-testid="connection-outcome"]').text()).toContain('Connected');
    expect(result.text()).toContain('valid 29 min 59 s more');
    expect(result.text()).toContain('https://api.linkedin.com');
  });

  it('says which failure it is, with what to do', async () => {
    const result = await tested({ ok: false, reason: 'not-authorized', message: 'LinkedIn refused the read (403)', hint: 'Check the organization URN.', status: 403 });
    expect(result.find('[data-testid="connection-outcome"]').text()).toContain('Organization or app not authorized');
    expect(result.text()).toContain('HTTP 403');
    expect(result.text()).toContain('LinkedIn refused the read (403)');
    expect(result.text()).toContain('What to do: Check the organization URN.');
  });
});
