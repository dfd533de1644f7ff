import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import SyncProgressPanel from '../../renderer/src/components/SyncProgressPanel.vue';
import SyncResultPanel from '../../renderer/src/components/SyncResultPanel.vue';
import { counts, perCategory, progress, summary } from './support/fixtures';

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }] });

describe('what the sync screens say about failures', () => {
  it('a network retry says what happened and which retry it is, with no rate-limit wait', () => {
    setActivePinia(createPinia());
    const until = Date.now() + 4000;
    const wrapper = mount(SyncProgressPanel, {
      props: {
        progress: progress({
          retried: 2,
          rateLimit: { state: 'ok', until, recordsLastMinute: 4, recordsPerMinute: 9000 },
          retry: { reason: 'network error', retry: 2, of: 4, until },
        }),
        plan: null,
        cancelling: false,
      },
    });
    expect(wrapper.find('[data-testid="sync-retry"]').text()).toContain('network error, retry 2 of 4');
    expect(wrapper.find('[data-testid="rate-limit"]').text()).not.toContain('resumes in');
  });

  it('"resumes in" belongs to a 429 only', () => {
    setActivePinia(createPinia());
    const wrapper = mount(SyncProgressPanel, {
      props: {
        progress: progress({ rateLimit: { state: 'backing-off', until: Date.now() + 30_000, recordsLastMinute: 4, recordsPerMinute: 9000 } }),
        plan: null,
        cancelling: false,
      },
    });
    expect(wrapper.find('[data-testid="rate-limit-wait"]').text()).toMatch(/resumes in \d+ s/);
    expect(wrapper.find('[data-testid="sync-retry"]').exists()).toBe(false);
  });

  it('a run that could not authenticate says "Not sent: credentials refused", and waiting stages are told apart', () => {
    const notSent = mount(SyncResultPanel, {
      global: { plugins: [router] },
      props: {
        timeZone: 'UTC',
        summary: summary({
          status: 'failed',
          failure: { kind: 'bad_credentials', message: 'LinkedIn refused the client id and secret: Client authentication failed', hint: 'Check them.', status: 401 },
        }),
      },
    });
    expect(notSent.find('[data-testid="sync-outcome"]').text()).toBe('✕Not sent: credentials refused');
    expect(notSent.find('[data-testid="result-failed"]').text()).toBe('0');

    const waiting = mount(SyncResultPanel, {
      global: { plugins: [router] },
      props: {
        timeZone: 'UTC',
        summary: summary({ sent: 1, succeeded: 1, categories: perCategory((c) => (c === 'stages' ? counts({ sent: 1, succeeded: 1, waiting: 2 }) : counts())) }),
      },
    });
    expect(waiting.find('[data-testid="stages-waiting"]').text()).toContain('2 stages wait for their applications');
  });
});
