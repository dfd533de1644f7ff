import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import VisibleText from '../../renderer/src/components/ui/VisibleText.vue';
import { visibleParts, visibleText } from '../../renderer/src/components/visible-spaces';

describe('values shown with their spaces visible', () => {
  it('marks spaces at either end and runs of spaces, and leaves one space between words', () => {
    expect(visibleText(' zoe@example.com ')).toBe('·zoe@example.com·');
    expect(visibleText('Anna  Lee')).toBe('Anna··Lee');
    expect(visibleText('Anna Lee')).toBe('Anna Lee');
    expect(visibleText('a\tb\nc\u00a0d\u200be')).toBe('a→b↵c⍽d¦e');
    expect(visibleText('')).toBe('');
  });

  it('says what each mark stands for', () => {
    expect(visibleParts(' x')).toEqual([{ text: '·', stands: 'space' }, { text: 'x' }]);
    expect(visibleParts('x\u00a0')).toEqual([{ text: 'x' }, { text: '⍽', stands: 'non-breaking space' }]);
  });

  it('renders the marks with a tooltip, and an empty value as such', () => {
    const w = mount(VisibleText, { props: { value: ' Zoe ' } });
    expect(w.text()).toBe('·Zoe·');
    expect(w.findAll('.mark').map((m) => m.attributes('title'))).toEqual(['space', 'space']);
    expect(mount(VisibleText, { props: { value: '' } }).text()).toBe('(empty)');
    expect(mount(VisibleText, { props: { value: '', empty: '—' } }).text()).toBe('—');
  });
});
