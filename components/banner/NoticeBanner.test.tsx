import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BannerNotice } from '@/utils/messaging/protocol';
import { NoticeBanner } from './NoticeBanner';

const notice: BannerNotice = {
  id: 'nz-managemyhealth-2025-12',
  title: 'Manage My Health: patient documents copied',
  why: 'You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added 28 Nov 2026.',
  taken: 'Hospital discharge summaries, Referral letters',
  notTaken: 'Appointments, Prescriptions',
  officialUrl: 'https://managemyhealth.co.nz/mmh-cyber-breach-update',
};

function mount(notices: BannerNotice[]) {
  const actions = { details: vi.fn(), secure: vi.fn(), dismiss: vi.fn() };
  const container = document.createElement('div');
  document.body.append(container);
  render(<NoticeBanner notices={notices} actions={actions} />, container);
  const button = (name: string) => [...container.querySelectorAll('button')].find((element) => element.textContent === name)!;
  return { container, actions, button };
}

/** happy-dom lets a test mark an event as trusted; a page script never can. */
function trustedClick(target: Element) {
  const event = new MouseEvent('click', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

afterEach(() => document.body.replaceChildren());

describe('NoticeBanner', () => {
  it('says what was taken, what was not, and why it is shown, as a polite live region', () => {
    const { container } = mount([notice]);
    expect(container.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Portal Guard breach notice');
    const live = container.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toContain('Taken: Hospital discharge summaries, Referral letters');
    expect(live?.textContent).toContain('Not affected: Appointments, Prescriptions');
    expect(live?.textContent).toContain(notice.why);
    expect(container.querySelector('a')?.getAttribute('href')).toBe(notice.officialUrl);
  });

  it.each([
    ['Secure your account', 'secure'],
    ['Show details', 'details'],
    ['Dismiss', 'dismiss'],
  ] as const)('“%s” acts on a real click', (label, action) => {
    const { actions, button } = mount([notice]);
    trustedClick(button(label));
    expect(actions[action]).toHaveBeenCalledWith(notice.id);
  });

  it.each(['Secure your account', 'Show details', 'Dismiss'])('“%s” ignores a click a page script forged', (label) => {
    const { actions, button } = mount([notice]);
    button(label).click();
    button(label).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(actions.secure).not.toHaveBeenCalled();
    expect(actions.details).not.toHaveBeenCalled();
    expect(actions.dismiss).not.toHaveBeenCalled();
  });

  it('never takes focus', () => {
    mount([notice]);
    expect(document.activeElement).toBe(document.body);
  });

  it('counts further notices', () => {
    const { container } = mount([notice, { ...notice, id: 'x-two-2020' }, { ...notice, id: 'x-three-2021' }]);
    expect(container.textContent).toContain('and 2 more notices for this portal.');
  });

  it('shows no link for a non-https official URL, and renders markup as text', () => {
    const { container } = mount([{ ...notice, title: '<b>bold</b>', officialUrl: 'javascript:alert(1)' }]);
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<b>bold</b>');
  });
});
