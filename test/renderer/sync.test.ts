import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import SyncView from '../../renderer/src/views/SyncView.vue';
import type { SyncRunInfo, SyncSummary } from '../../shared/contract/sync';
import { useAppStore } from '../../renderer/src/stores/app';
import { CATEGORIES } from '../../shared/domain';
import { mountView, setup, type Harness } from './support/fake-backend';
import { counts, dryRunPlan, perCategory, planned, progress, settingsView, summary } from './support/fixtures';

function ready(h: Harness, runs: SyncRunInfo[] = []) {
  h.client.handle('sync:settings', () => settingsView());
  h.client.handle('sync:runs', () => runs);
  return h;
}

const PLAN = summary({
  runId: 4,
  dryRun: true,
  requestsToday: 12,
  plan: dryRunPlan({
    requests: 3,
    estimatedDurationMs: 95_000,
    categories: perCategory((c) =>
      c === 'candidates'
        ? planned({ records: 150, toSend: 140, skipped: 10, requests: 2, samplePayloads: [{ atsCandidateId: 'C-1', firstName: 'Ada' }] })
        : c === 'jobs'
          ? planned({ records: 5, toSend: 5, requests: 1 })
          : planned(),
    ),
    unbuildable: [{ category: 'stages', key: '', message: 'The stage has no atsJobApplicationId.', exchangeId: null }],
  }),
});

describe('the Sync screen', () => {
  it('asks for a workspace when none is open', async () => {
    const h = setup({ workspace: null });
    const { wrapper } = await mountView(SyncView, h, '/sync');
    expect(wrapper.text()).toContain('No workspace is open');
    expect(h.client.calls).toHaveLength(0);
  });

  it('sends the user to Import when the workspace has no records', async () => {
    const h = ready(setup());
    const none = { total: 0, compliant: 0, warning: 0, error: 0, unchecked: 0, excluded: 0, synced: 0, syncFailed: 0 };
    useAppStore().counts = perCategory(() => ({ ...none }));
    const { wrapper } = await mountView(SyncView, h, '/sync');
    expect(wrapper.find('[data-testid="sync-no-records"]').text()).toContain('Import');
    expect(wrapper.find('[data-testid="sync-dry-run"]').exists()).toBe(false);
  });

  it('lists the missing settings and links to Settings', async () => {
    const h = setup();
    h.client.handle('sync:settings', () => settingsView({ organizationUrn: '', hasClientSecret: false }));
    h.client.handle('sync:runs', () => []);
    const { wrapper } = await mountView(SyncView, h, '/sync');
    const empty = wrapper.find('[data-testid="sync-needs-settings"]');
    expect(empty.text()).toContain('Organization URN');
    expect(empty.text()).toContain('Client secret');
    expect(empty.text()).not.toContain('Client id');
    expect(wrapper.find('[data-testid="go-settings"]').attributes('href')).toBe('/settings');
  });

  it('shows the dry-run plan with samples and unbuildable records, and only then allows Send', async () => {
    const h = ready(setup());
    h.client.handle('sync:plan', () => PLAN);
    const { wrapper } = await mountView(SyncView, h, '/sync');
    const send = () => wrapper.find<HTMLButtonElement>('[data-testid="sync-send"]').element;
    expect(send().disabled).toBe(true);

    await wrapper.find('[data-testid="sync-category-stages"]').setValue(false);
    await wrapper.find('[data-testid="sync-dry-run"]').trigger('submit');
    await flushPromises();
    expect(h.client.callsTo('sync:plan')).toEqual([{ categories: ['jobs', 'candidates', 'applications'] }]);

    const plan = wrapper.find('[data-testid="sync-plan"]');
    expect(plan.find('[data-testid="plan-requests"]').text()).toBe('3');
    expect(plan.find('[data-testid="plan-to-send"]').text()).toBe('145');
    expect(plan.find('[data-testid="plan-duration"]').text()).toBe('1 min 35 s');
    expect(plan.find('[data-testid="plan-sample-candidates"] pre').text()).toContain('"firstName": "Ada"');
    expect(plan.find('[data-testid="plan-sample-jobs"]').exists()).toBe(false);
    expect(plan.text()).toContain('The stage has no atsJobApplicationId.');
    expect(send().disabled).toBe(false);

    // A plan for other options no longer says what Send would do.
    await wrapper.find('[data-testid="sync-force"]').setValue(true);
    expect(plan.text()).toContain('Options changed since this plan');
    expect(send().disabled).toBe(true);
  });

  it('follows a running sync with bars, live counts, the rate limit and the day budget, and cancels it', async () => {
    const h = ready(setup());
    h.client.handle('sync:plan', () => PLAN);
    let finish: (s: SyncSummary) => void = () => undefined;
    h.client.handle('sync:start', () => new Promise<SyncSummary>((r) => (finish = r)));
    const live = progress({
      categories: perCategory((c) =>
        c === 'jobs'
          ? counts({ eligible: 5, sent: 5, succeeded: 5 })
          : c === 'candidates'
            ? counts({ eligible: 150, skipped: 10, sent: 104, succeeded: 97, failed: 3 })
            : counts(),
      ),
      retried: 2,
      requests: 4,
      requestsToday: 80_500,
      rateLimit: { state: 'backing-off', until: Date.now() + 30_000, recordsLastMinute: 105, recordsPerMinute: 9000 },
    });
    h.client.handle('sync:run', () => ({ id: 7, startedAt: 1, finishedAt: null, status: 'running', dryRun: false, summary: null, progress: live }));
    h.client.handle('job:list', () => [{ jobId: 'job-9', kind: 'sync', title: 'Sync', startedAt: 1, state: 'running' }]);
    h.client.handle('job:cancel', () => ({ cancelled: true }));

    const { wrapper } = await mountView(SyncView, h, '/sync');
    await wrapper.find('[data-testid="sync-dry-run"]').trigger('submit');
    await flushPromises();
    await wrapper.find('[data-testid="sync-send"]').trigger('click');
    await flushPromises();
    // A real send asks first, with the plan's counts per category; Cancel sends nothing.
    const confirm = wrapper.find('[data-testid="send-confirm"]');
    expect(confirm.exists()).toBe(true);
    expect(h.client.callsTo('sync:start')).toEqual([]);
    for (const c of CATEGORIES) {
      expect(confirm.find(`[data-testid="confirm-row-${c}"]`).text()).toContain(String(PLAN.plan!.categories[c].toSend));
    }
    await confirm.find('[data-testid="confirm-cancel"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="send-confirm"]').exists()).toBe(false);
    expect(h.client.callsTo('sync:start')).toEqual([]);
    await wrapper.find('[data-testid="sync-send"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="send-confirm"] form').trigger('submit');
    await flushPromises();
    expect(h.client.callsTo('sync:start')).toEqual([{}]);

    await vi.waitFor(() => expect(wrapper.find('[data-testid="sync-live-counts"]').exists()).toBe(true), { timeout: 3000 });
    const panel = wrapper.find('[data-testid="sync-progress"]');
    expect(panel.find('[data-testid="sync-phase"]').text()).toBe('Sending candidates');
    const bar = panel.find('[data-testid="progress-candidates"] [role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('100');
    expect(bar.attributes('aria-valuemax')).toBe('140');
    expect(panel.find('[data-testid="progress-candidates"]').text()).toContain('3 failed');
    expect(panel.find('[data-testid="progress-candidates"]').text()).toContain('4 awaiting LinkedIn');
    expect(panel.find('[data-testid="progress-jobs"]').text()).not.toContain('awaiting');
    const liveText = panel.find('[data-testid="sync-live-counts"]').text();
    expect(liveText).toMatch(/Sent\s*109/);
    expect(liveText).toMatch(/Failed\s*3/);
    expect(liveText).toMatch(/Retried\s*2/);
    expect(panel.find('[data-testid="rate-limit"]').text()).toContain('Backing off');
    expect(panel.find('[data-testid="daily-budget"]').text()).toContain('80,500 of 100,000');

    await panel.find('[data-testid="sync-cancel"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('job:cancel')).toEqual([{ jobId: 'job-9' }]);

    finish(summary({ runId: 7, status: 'cancelled', sent: 105, succeeded: 102, failed: 3 }));
    await flushPromises();
    expect(wrapper.find('[data-testid="sync-progress"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="sync-outcome"]').text()).toContain('Cancelled');
  });

  it('explains a sync that could not complete and lists rejected records with links to their log entries', async () => {
    const failed = summary({
      runId: 9,
      status: 'failed',
      sent: 40,
      succeeded: 38,
      failed: 2,
      failure: { kind: 'bad_credentials', message: 'LinkedIn refused the access token: invalid_client', hint: 'Check the client id and secret.', status: 401 },
      rejected: [
        { category: 'candidates', key: 'C-7', message: 'emailAddresses: invalid format', exchangeId: 31 },
        { category: 'candidates', key: 'C-8', message: 'lastName: required', exchangeId: 31 },
      ],
    });
    const h = ready(setup(), [{ id: 9, startedAt: 1, finishedAt: 2, status: 'failed', dryRun: false, summary: failed, progress: null }]);
    const { wrapper } = await mountView(SyncView, h, '/sync');
    const result = wrapper.find('[data-testid="sync-result"]');
    expect(result.find('[data-testid="sync-outcome"]').text()).toContain('could not complete');
    const failure = result.find('[data-testid="sync-failure"]');
    expect(failure.text()).toContain('Bad credentials');
    expect(failure.text()).toContain('HTTP 401');
    expect(failure.text()).toContain('Check the client id and secret.');
    expect(result.text()).toContain('emailAddresses: invalid format');
    expect(result.find('[data-testid="rejected-log-31"]').attributes('href')).toBe('/log?exchange=31');
    expect(result.find('[data-testid="result-run-log"]').attributes('href')).toBe('/log?run=9');
  });

  it('shows an error the backend gave instead of a plan', async () => {
    const h = ready(setup());
    h.client.fail('sync:plan', 'NO_RECORDS', 'There are no compliant records to send.');
    const { wrapper } = await mountView(SyncView, h, '/sync');
    await wrapper.find('[data-testid="sync-dry-run"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="sync-error"]').text()).toContain('There are no compliant records to send.');
    expect(wrapper.find('[data-testid="sync-plan"]').exists()).toBe(false);
  });
});
