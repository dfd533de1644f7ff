import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SyncConfirmDialog from '../../renderer/src/components/SyncConfirmDialog.vue';
import { dryRunPlan, perCategory, planned } from './support/fixtures';

describe('the send confirmation', () => {
  it('counts requests in words a person reads: "1 request", "2 requests"', () => {
    for (const [requests, words] of [[1, '1 request,'], [2, '2 requests,']] as const) {
      const plan = dryRunPlan({ requests, categories: perCategory((c) => (c === 'jobs' ? planned({ records: 1, toSend: 1, requests }) : planned())) });
      const wrapper = mount(SyncConfirmDialog, { props: { plan, apiBaseUrl: null }, attachTo: document.body });
      expect(wrapper.get('[data-testid="send-confirm"]').text()).toContain(words);
      wrapper.unmount();
    }
  });
});
