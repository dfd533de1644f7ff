import { describe, expect, it } from 'vitest';
import RulesView from '../../renderer/src/views/RulesView.vue';
import { FIELDS } from '../../shared/rsc/fields';
import { RULES } from '../../shared/rsc/rules';
import { RULE_PACK_VERSION } from '../../shared/rsc/version';
import { CATEGORIES } from '../../shared/domain';
import { mountView, setup } from './support/fake-backend';

describe('the Rules screen', () => {
  it('renders every field and every rule of the pack, per category, with the pack version, even without a workspace', async () => {
    const h = setup({ workspace: null });
    const { wrapper } = await mountView(RulesView, h, '/rules');
    expect(wrapper.find('[data-testid="rules-version"]').text()).toContain(RULE_PACK_VERSION);
    expect(wrapper.findAll('[data-testid^="rules-field-"]')).toHaveLength(FIELDS.length);
    const ruleRows = CATEGORIES.reduce((n, c) => n + RULES.filter((r) => r.appliesTo.some((a) => a.category === c)).length, 0);
    expect(wrapper.findAll('[data-testid^="rules-rule-"]')).toHaveLength(ruleRows);
    expect(h.client.calls).toHaveLength(0);
  });

  it('shows a field\'s requirement, format, description and source', async () => {
    const { wrapper } = await mountView(RulesView, setup(), '/rules');
    const row = wrapper.find('[data-testid="rules-field-candidates-atsCandidateId"]').text();
    expect(row).toContain('Required');
    expect(row).toContain('LinkedIn API');
    const seed = wrapper.find('[data-testid="rules-field-jobs-listedAt"]').text();
    expect(seed).toContain('Epoch in Milliseconds (UTC)');
    expect(seed).toContain('Seed table');
  });

  it('shows a rule\'s id, severity, message and source', async () => {
    const { wrapper } = await mountView(RulesView, setup(), '/rules');
    const row = wrapper.find('[data-testid="rules-rule-jobs-description-length"]').text();
    expect(row).toContain('description-length');
    expect(row).toContain('Error');
    expect(row).toContain('LinkedIn rejects job descriptions shorter than 100');
    expect(row).toContain('LinkedIn rejects this');
  });

  it('notes the fields the current API no longer reads', async () => {
    const { wrapper } = await mountView(RulesView, setup(), '/rules');
    const note = wrapper.find('[data-testid="rules-unsupported-note"]').text();
    for (const f of ['state', 'countryCode', 'postalCode']) expect(note).toContain(f);
  });

  it('filters fields and rules by the search box', async () => {
    const { wrapper } = await mountView(RulesView, setup(), '/rules');
    await wrapper.find('[data-testid="rules-search"]').setValue('manualMatchedMember');
    expect(wrapper.findAll('[data-testid^="rules-field-"]').map((r) => r.attributes('data-testid'))).toEqual(['rules-field-candidates-manualMatchedMember']);
    expect(wrapper.find('[data-testid="rules-rule-candidates-person-urn-format"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="rules-category-jobs"]').exists()).toBe(false);

    await wrapper.find('[data-testid="rules-search"]').setValue('no such thing anywhere');
    expect(wrapper.text()).toContain('Nothing matches');
  });
});
