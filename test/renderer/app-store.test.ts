import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { createRouter, createMemoryHistory } from 'vue-router';
import type { ContractClient, EventName, MethodName } from '../../shared/contract';
import { setConnection } from '../../renderer/src/stores/connection';
import { useAppStore } from '../../renderer/src/stores/app';
import WorkspaceHeader from '../../renderer/src/components/WorkspaceHeader.vue';
import type { Platform } from '../../renderer/src/client/platform';

const counts = (total: number, error: number) => ({ total, compliant: total - error, warning: 0, error, unchecked: 0, excluded: 0, synced: 0, syncFailed: 0 });

function fakeClient(answers: Partial<Record<MethodName, unknown>>): ContractClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async call(name: MethodName) {
      calls.push(name);
      if (!(name in answers)) throw { code: 'NOT_AVAILABLE', message: `${name} is not available` };
      return answers[name] as never;
    },
    on(_name: EventName) {
      return () => undefined;
    },
  };
}

describe('the app store and the workspace header', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the workspace and shows its per-category counts in the header', async () => {
    const ws = { path: '/w/Contoso.rscw', name: 'Contoso', createdAt: 1, timeZone: 'UTC' };
    setConnection({
      client: fakeClient({
        'app:info': { name: 'RSC Workbench', version: '0.1.0', transport: 'websocket', platform: 'linux', dataDir: '/d', workspace: ws },
        'workspace:recent': [],
        'workspace:counts': { jobs: counts(12, 5), candidates: counts(3, 0), applications: counts(0, 0), stages: counts(0, 0) },
      }),
      platform: {} as Platform,
    });
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }] });
    const wrapper = mount(WorkspaceHeader, { global: { plugins: [pinia, router] } });
    await useAppStore().load();
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="workspace-name"]').text()).toBe('Contoso');
    expect(wrapper.get('[data-testid="count-jobs"]').text()).toContain('12');
    expect(wrapper.get('[data-testid="count-jobs"] .badge.error').text()).toContain('5');
  });

  it('turns a failed call into a readable notice instead of throwing', async () => {
    setConnection({ client: fakeClient({}), platform: {} as Platform });
    const app = useAppStore();
    await app.createWorkspace('X');
    expect(app.toast).toEqual({ text: 'workspace:create is not available', kind: 'error' });
  });
});
