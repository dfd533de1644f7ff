import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import ExportView from '../../renderer/src/views/ExportView.vue';
import type { ExportResult } from '../../shared/contract/export';
import { mountView, setup } from './support/fake-backend';

function result(over: Partial<ExportResult> = {}): ExportResult {
  return { path: '/tmp/out/export.xlsx', files: ['/tmp/out/export.xlsx'], sheets: ['Summary', 'Candidates'], rows: 1234, bytes: 20480, durationMs: 850, notesOmitted: 0, ...over };
}

describe('the Export screen', () => {
  it('asks for a workspace when none is open', async () => {
    const h = setup({ workspace: null });
    const { wrapper } = await mountView(ExportView, h, '/export');
    expect(wrapper.text()).toContain('No workspace is open');
  });

  it('writes the audit without bodies where the user chose, then shows it in its folder', async () => {
    const h = setup();
    h.client.handle('export:audit', (input) => result({ path: input.path, files: [input.path] }));
    h.platform.nextSavePath = '/home/me/Contoso audit.xlsx';
    const { wrapper } = await mountView(ExportView, h, '/export');
    await wrapper.find('[data-testid="export-include-bodies"]').setValue(false);
    await wrapper.find('[data-testid="export-audit"]').trigger('submit');
    await flushPromises();
    expect(h.platform.saved[0]).toMatchObject({ defaultName: expect.stringMatching(/^Contoso audit \d{4}-\d\d-\d\d \d\d-\d\d\.xlsx$/), extensions: ['xlsx'] });
    expect(h.client.callsTo('export:audit')).toEqual([{ path: '/home/me/Contoso audit.xlsx', includeBodies: false }]);
    const done = wrapper.find('[data-testid="export-result"]');
    expect(done.text()).toContain('Audit workbook exported');
    expect(done.text()).toContain('1,234 rows');
    const reveal = done.find('button');
    expect(reveal.text()).toBe('Show in folder');
    await reveal.trigger('click');
    expect(h.platform.revealed).toEqual(['/home/me/Contoso audit.xlsx']);
  });

  it('offers a download instead in the browser', async () => {
    const h = setup({ platform: 'browser' });
    h.client.handle('export:audit', (input) => result({ path: input.path, files: [input.path] }));
    const { wrapper } = await mountView(ExportView, h, '/export');
    await wrapper.find('[data-testid="export-audit"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="export-result"] button').text()).toBe('Download');
  });

  it('exports cleaned data with the chosen category, format, layout and dates', async () => {
    const h = setup();
    h.client.handle('export:clean', (input) => result({ path: input.path, files: [input.path, '/tmp/out/x-stages.csv'], sheets: ['candidates', 'stages'] }));
    h.platform.nextSavePath = '/tmp/out/x.csv';
    const { wrapper } = await mountView(ExportView, h, '/export');
    await wrapper.find('[data-testid="export-category-jobs"]').setValue(false);
    await wrapper.find('[data-testid="export-category-applications"]').setValue(false);
    await wrapper.find('[data-testid="export-format-csv"]').setValue(true);
    await wrapper.find('[data-testid="export-layout-rsc"]').setValue(true);
    await wrapper.find('[data-testid="export-dates-epoch"]').setValue(true);
    await wrapper.find('[data-testid="export-clean"]').trigger('submit');
    await flushPromises();
    expect(h.platform.saved[0].extensions).toEqual(['csv']);
    expect(h.client.callsTo('export:clean')).toEqual([
      { path: '/tmp/out/x.csv', category: ['candidates', 'stages'], format: 'csv', layout: 'rsc', dates: 'epochMs' },
    ]);
    expect(wrapper.findAll('[data-testid="export-result"] li')).toHaveLength(2);
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const h = setup();
    h.platform.nextSavePath = null;
    const { wrapper } = await mountView(ExportView, h, '/export');
    await wrapper.find('[data-testid="export-audit"]').trigger('submit');
    await flushPromises();
    expect(h.client.callsTo('export:audit')).toHaveLength(0);
    expect(wrapper.find('[data-testid="export-result"]').exists()).toBe(false);
  });

  it('shows why an export failed', async () => {
    const h = setup();
    h.client.fail('export:audit', 'TARGET_OPEN', '"export.xlsx" is open in another program (Excel?).');
    const { wrapper } = await mountView(ExportView, h, '/export');
    await wrapper.find('[data-testid="export-audit"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="export-error"]').text()).toContain('is open in another program');
  });
});
