/** The DOM-free selector check agrees with a real DOM on what it accepts. */
import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { ALL_CONSOLES } from '../../utils/consoles';
import { selectorSyntaxError } from '../../utils/selector-syntax';

const document = new Window().document;
const domAccepts = (s: string) => {
  try {
    document.querySelector(s);
    return true;
  } catch {
    return false;
  }
};

describe('accepted', () => {
  const builtins = ALL_CONSOLES.flatMap((c) =>
    Object.values(c.selectors).flatMap((v) => (typeof v === 'string' ? [v] : [...v])),
  ).filter((s) => !s.startsWith('attr:') && !s.startsWith('text='));

  test.each(builtins)('built-in selector %s', (s) => {
    expect(selectorSyntaxError(s)).toBeNull();
  });

  test.each([
    'div > p',
    'a, b',
    'ul li + li ~ li',
    '*',
    '#main .x',
    '#\\31 23',
    '[data-x]',
    '[data-x="1" i]',
    "[data-qa-id='qa-send']",
    'a[href^="javascript:"]',
    'a:not(.x, .y)',
    'div:has(> img)',
    'li:nth-child(2n+1)',
    'li:nth-of-type(odd)',
    'li:nth-child(-n + 3 of .item)',
    'input:focus-visible',
    ':is(h1, h2) span',
    'p:lang(zh)',
    '消息 .文本',
  ])('%s', (s) => {
    expect(selectorSyntaxError(s)).toBeNull();
    expect(domAccepts(s)).toBe(true);
  });
});

describe('refused', () => {
  test.each([
    '',
    '   ',
    'div >',
    '> div',
    'a..b',
    '#1a',
    '[a=b c]',
    '[data-x',
    ':is(a',
    'a)',
    'div{}',
    'a;b',
    '<div>',
    'div,',
  ])('%s (the DOM agrees)', (s) => {
    expect(selectorSyntaxError(s)).not.toBeNull();
    expect(domAccepts(s)).toBe(false);
  });

  test.each(['p::before', 'div:hover-ish', 'javascript:alert(1)', 'a:not', ':nth-child', 'a:nth-child(x)'])(
    '%s (never matches an element, or not CSS; happy-dom is lenient with some)',
    (s) => {
      expect(selectorSyntaxError(s)).not.toBeNull();
    },
  );
});
