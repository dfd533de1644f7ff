import { describe, expect, it } from 'vitest';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import { mountView, setup } from './support/fake-backend';
import { settingsView } from './support/fixtures';

describe('a client secret without a secure store', () => {
  it('says the secret is kept for this session only', async () => {
    const h = setup();
    h.client.handle('sync:settings', () => ({ ...settingsView({ hasClientSecret: true }), secretSessionOnly: true }));
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    expect(wrapper.text()).toContain('kept in memory for this session only');
    expect(wrapper.find('[data-testid="secret-stored"]').text()).toContain('Kept for this session');
  });
});
