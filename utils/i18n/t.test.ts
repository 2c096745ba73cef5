import { describe, expect, it } from 'vitest';
import { fill, keep, t } from './t';

describe('t', () => {
  it('reads English from en.yml under test (test/setup/i18n.ts)', () => {
    expect(t('manifest.name')).toBe('Portal Guard');
    expect(t('format.justNow')).toBe('just now');
  });
});

describe('fill', () => {
  it.each([
    { message: 'Set up for you by {name}.', parts: { name: 'NAME' }, want: ['Set up for you by ', 'NAME', '.'] },
    { message: '{name} a été configuré', parts: { name: 'NAME' }, want: ['NAME', ' a été configuré'] },
    { message: '{a} or {b}', parts: { a: 1, b: 2 }, want: [1, ' or ', 2] },
    // A part the caller did not give stays as written, so a mistake shows instead of vanishing.
    { message: 'Call {phone}', parts: {}, want: ['Call ', '{phone}'] },
  ])('$message', ({ message, parts, want }) => {
    expect(fill(message, parts as Record<string, unknown>)).toEqual(want);
  });

  it('keeps placeholders through t, for fill', () => {
    expect(keep('name', 'phone')).toEqual({ name: '{name}', phone: '{phone}' });
  });

  it('never reads markup in a message or a part: parts stay values, text stays text', () => {
    expect(fill('<b>{name}</b>', { name: '<img src=x onerror=alert(1)>' })).toEqual(['<b>', '<img src=x onerror=alert(1)>', '</b>']);
  });
});
