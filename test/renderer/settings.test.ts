import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import SettingsView from '../../renderer/src/views/SettingsView.vue';
import { changesFrom, formFrom, validateSettings } from '../../renderer/src/stores/settings';
import { useAppStore } from '../../renderer/src/stores/app';
import { mountView, setup, WORKSPACE } from './support/fake-backend';
import { settingsView } from './support/fixtures';

describe('settings validation', () => {
  const valid = formFrom(settingsView());

  it('accepts the stored defaults', () => {
    expect(validateSettings(valid)).toEqual({});
  });

  it('suggests the URN form for a bare organization number', () => {
    expect(validateSettings({ ...valid, organizationUrn: '1234' }).organizationUrn).toContain('urn:li:organization:1234');
  });

  it('rejects a batch over 100, a zero retention, a pace over 10,000 and a relative URL', () => {
    const errors = validateSettings({ ...valid, batchSize: '101', logRetentionDays: '0', recordsPerMinute: '20000', apiBaseUrl: 'api.linkedin.com' });
    expect(Object.keys(errors).sort()).toEqual(['apiBaseUrl', 'batchSize', 'logRetentionDays', 'recordsPerMinute']);
  });

  it('allows plain http only for a server on this computer', () => {
    expect(validateSettings({ ...valid, apiBaseUrl: 'http://127.0.0.1:9999', oauthBaseUrl: 'http://localhost:9999' })).toEqual({});
    const errors = validateSettings({ ...valid, apiBaseUrl: 'http://sandbox.example.com', oauthBaseUrl: 'http://10.0.0.5' });
    expect(errors.apiBaseUrl).toContain('Use https');
    expect(errors.oauthBaseUrl).toContain('Use https');
  });

  it('leaves the stored secret alone when the secret field is empty', () => {
    expect(changesFrom(valid)).not.toHaveProperty('clientSecret');
    expect(changesFrom({ ...valid, clientSecret: 's3cret' }).clientSecret).toBe('s3cret');
  });

  it('turns an empty retention into "keep all"', () => {
    expect(changesFrom({ ...valid, logRetentionDays: '' }).logRetentionDays).toBeNull();
    expect(changesFrom({ ...valid, logRetentionDays: '30' }).logRetentionDays).toBe(30);
  });
});

describe('the Settings screen', () => {
  it('asks for a workspace when none is open', async () => {
    const h = setup({ workspace: null });
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    expect(wrapper.text()).toContain('No workspace is open');
    expect(h.client.calls).toHaveLength(0);
  });

  it('says a secret is stored without showing it', async () => {
    const h = setup();
    h.client.handle('sync:settings', () => settingsView({ hasClientSecret: true }));
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    expect(wrapper.find('[data-testid="secret-stored"]').exists()).toBe(true);
    const secret = wrapper.find<HTMLInputElement>('[data-testid="settings-client-secret"]');
    expect(secret.element.type).toBe('password');
    expect(secret.element.value).toBe('');
  });

  it('says which base URLs of the workspace are ignored, and only then', async () => {
    const h = setup();
    h.client.handle('sync:settings', () =>
      settingsView({ ignoredWorkspaceUrls: [{ setting: 'oauthBaseUrl', url: 'http://127.0.0.1:4444' }] }),
    );
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    const notice = wrapper.find('[data-testid="settings-ignored-urls"]');
    expect(notice.text()).toContain('OAuth base URL http://127.0.0.1:4444');
    expect(notice.text()).toContain('They are ignored');

    const plain = setup();
    plain.client.handle('sync:settings', () => settingsView());
    const other = await mountView(SettingsView, plain, '/settings');
    expect(other.wrapper.find('[data-testid="settings-ignored-urls"]').exists()).toBe(false);
  });

  it('shows validation messages and does not save an invalid form', async () => {
    const h = setup();
    h.client.handle('sync:settings', () => settingsView());
    h.client.handle('sync:saveSettings', () => settingsView());
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    await wrapper.find('[data-testid="settings-batch-size"]').setValue('250');
    await wrapper.find('[data-testid="settings-form"]').trigger('submit');
    expect(wrapper.text()).toContain('A whole number from 1 to 100');
    expect(wrapper.find('#set-batch').attributes('aria-invalid')).toBe('true');
    expect(h.client.callsTo('sync:saveSettings')).toHaveLength(0);
  });

  it('saves the connection with a new secret and then reports it stored', async () => {
    const h = setup();
    h.client.handle('sync:settings', () => settingsView({ hasClientSecret: false, organizationUrn: '', clientId: '' }));
    h.client.handle('sync:saveSettings', (input) => settingsView({ ...input, hasClientSecret: true } as Partial<ReturnType<typeof settingsView>>));
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    expect(wrapper.find('[data-testid="secret-missing"]').exists()).toBe(true);
    await wrapper.find('[data-testid="settings-org-urn"]').setValue('urn:li:organization:42');
    await wrapper.find('[data-testid="settings-client-id"]').setValue('abc');
    await wrapper.find('[data-testid="settings-client-secret"]').setValue('shh');
    await wrapper.find('[data-testid="settings-api-url"]').setValue('http://127.0.0.1:9999');
    await wrapper.find('[data-testid="settings-form"]').trigger('submit');
    await flushPromises();
    const [saved] = h.client.callsTo('sync:saveSettings');
    expect(saved).toMatchObject({ organizationUrn: 'urn:li:organization:42', clientId: 'abc', clientSecret: 'shh', apiBaseUrl: 'http://127.0.0.1:9999', batchSize: 100 });
    expect(wrapper.find('[data-testid="secret-stored"]').exists()).toBe(true);
    expect(useAppStore().toast?.text).toBe('Settings saved.');
  });

  it('saves the workspace time zone through the app store', async () => {
    const h = setup();
    h.client.handle('sync:settings', () => settingsView());
    h.client.handle('workspace:setTimeZone', ({ timeZone }) => ({ ...WORKSPACE, timeZone }));
    const { wrapper } = await mountView(SettingsView, h, '/settings');
    await wrapper.find('[data-testid="settings-tz"]').setValue('Not/AZone');
    expect(wrapper.text()).toContain('Choose an IANA time zone');
    expect(wrapper.find<HTMLButtonElement>('[data-testid="settings-tz-save"]').element.disabled).toBe(true);
    await wrapper.find('[data-testid="settings-tz"]').setValue('America/New_York');
    await wrapper.find('[data-testid="settings-time-zone"]').trigger('submit');
    await flushPromises();
    expect(h.client.callsTo('workspace:setTimeZone')).toEqual([{ timeZone: 'America/New_York' }]);
    expect(useAppStore().workspace?.timeZone).toBe('America/New_York');
  });
});
