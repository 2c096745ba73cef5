import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createAssistantController, type AssistantConfig, type AssistantHandle } from '../../utils/content/password-assistant';
import { mountAssistant } from './mount';
import { findPasswordForm, type PasswordForm } from '../../utils/password/form-detect';
import type { Estimate } from '../../utils/password/strength';

const PAGE = `<form id="f" novalidate>
  <input type="password" formcontrolname="oldPassword" placeholder="Old Password" id="old">
  <input type="password" formcontrolname="newPassword" placeholder="New Password" id="new">
  <input type="password" formcontrolname="confirmPassword" placeholder="Confirm Password" id="confirm">
  <button type="submit" id="go">Change Password</button>
</form>`;

const CONFIG: AssistantConfig = { breachCheck: true, guide: 'in-progress', changePasswordStep: 'open' };
const estimate: Estimate = (password) => ({ score: password.length >= 15 ? 4 : 0, suggestions: [] });

/** Events a person makes are trusted; happy-dom cannot make one, so the flag is set on the event. */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
function type(field: HTMLInputElement, value: string, { isTrusted = true } = {}) {
  field.value = value;
  const event = new Event('input', { bubbles: true });
  field.dispatchEvent(isTrusted ? trusted(event) : event);
}

/** Our shadow roots are closed; the test keeps a reference as they are attached, as only we can. */
let roots: ShadowRoot[] = [];
const original = Element.prototype.attachShadow;
function ours(testId: string): HTMLElement | null {
  for (const root of roots) {
    const found = root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (found) return found;
  }
  return null;
}

describe('the assistant on a change-password form', () => {
  let ctx: ContentScriptContext;
  let form: PasswordForm;
  let send: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    roots = [];
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = original.call(this, init);
      roots.push(root);
      return root;
    });
    document.body.innerHTML = PAGE; // eslint-disable-line no-restricted-properties -- trusted test fixture
    ctx = new ContentScriptContext('portal');
    form = findPasswordForm(document)!;
    send = vi.fn(async (name: string) => {
      if (name === 'cs-bg/pwned-range') return { ok: true, result: { status: 'ok', entries: [] } };
      if (name === 'cs-bg/guide-password-changed') return { ok: true, guide: 'in-progress' };
      if (name === 'cs-bg/password-form') return { ok: true, ...CONFIG };
      throw new Error(name);
    });
  });
  afterEach(() => {
    ctx.abort();
    vi.restoreAllMocks();
    document.body.replaceChildren();
  });

  const mount = (config = CONFIG) => mountAssistant(ctx, form, config, { send: send as never, loadStrength: async () => estimate });

  it('sits right after the new-password field, in a closed shadow root, and leaves the page’s fields alone', async () => {
    const before = [...document.querySelectorAll('input')].map((input) => input.outerHTML); // eslint-disable-line no-restricted-properties -- comparing, not rendering
    await mount();
    const host = form.newPassword.nextElementSibling!;
    expect(host.tagName.toLowerCase()).toBe('portal-guard-password');
    expect(host.shadowRoot).toBeNull();
    expect(roots[0]?.mode).toBe('closed');
    // Not moved, not rewritten, nothing added to the page's inputs.
    expect([...document.querySelectorAll('input')].map((input) => input.outerHTML)).toEqual(before); // eslint-disable-line no-restricted-properties -- comparing, not rendering
    expect(form.newPassword.parentElement?.id).toBe('f');
  });

  it('shows strength as the patient types, from any input event (a password manager’s fill is untrusted too)', async () => {
    await mount();
    await vi.waitFor(() => expect(ours('assistant-hint')).not.toBeNull());
    type(form.newPassword, 'password1', { isTrusted: false });
    await vi.waitFor(() => expect(ours('strength-label')?.dataset.score).toBe('0'));
    expect(ours('strength-label')?.textContent).toBe('Very weak');
    type(form.newPassword, 'tuatara-kauri-stream-bank');
    await vi.waitFor(() => expect(ours('strength-label')?.textContent).toBe('Very strong'));
    expect(roots[0]!.querySelector('[role=meter]')?.getAttribute('aria-valuetext')).toBe('Very strong');
    expect(roots[0]!.querySelector('[role=status]')).not.toBeNull();
  });

  it('warns when the new password equals the current one, and when the confirmation differs', async () => {
    await mount();
    type(form.current!, 'same old thing');
    type(form.newPassword, 'same old thing');
    await vi.waitFor(() => expect(ours('same-as-current')).not.toBeNull());
    type(form.confirm!, 'same oXd');
    await vi.waitFor(() => expect(ours('confirm-mismatch')).not.toBeNull());
    type(form.confirm!, 'same old thing');
    await vi.waitFor(() => expect(ours('confirm-mismatch')).toBeNull());
  });

  it('does not get in the way of the page’s own listeners or validation', async () => {
    const pageSaw: string[] = [];
    form.newPassword.addEventListener('input', (event) => pageSaw.push(`${event.defaultPrevented}:${form.newPassword.value}`));
    form.container.addEventListener('submit', (event) => pageSaw.push(`submit:${event.defaultPrevented}`));
    await mount();
    type(form.newPassword, 'abc');
    form.container.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    expect(pageSaw).toEqual(['false:abc', 'submit:false']);
  });

  it('checks breaches only after a trusted keystroke, and sends only the 5-character prefix', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await mount();
      type(form.newPassword, 'untrusted-fill-123', { isTrusted: false });
      await vi.advanceTimersByTimeAsync(2_000);
      expect(send).not.toHaveBeenCalledWith('cs-bg/pwned-range', expect.anything());
      type(form.newPassword, 'P@ssw0rd');
      await vi.advanceTimersByTimeAsync(2_000);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('cs-bg/pwned-range', { prefix: '21BD1' }));
    expect(send.mock.calls.filter(([name]) => name === 'cs-bg/pwned-range')).toHaveLength(1);
    await vi.waitFor(() => expect(ours('pwned-result')?.dataset.status).toBe('not-found'));
  });

  // Issue 14, item 4: the page wrote the value; the patient typed nothing.
  it.each([
    ['before the assistant mounted', async () => {
      form.newPassword.value = 'page-chosen-P@ssw0rd';
      await mount();
    }],
    ['after it mounted, with untrusted input and change events', async () => {
      await mount();
      type(form.newPassword, 'page-chosen-P@ssw0rd', { isTrusted: false });
      form.newPassword.dispatchEvent(new Event('change', { bubbles: true }));
    }],
    ['before the patient opted in, followed by a trusted focus that finds the check now on', async () => {
      form.newPassword.value = 'page-chosen-P@ssw0rd';
      await mount({ ...CONFIG, breachCheck: false });
      form.newPassword.dispatchEvent(trusted(new FocusEvent('focus')));
      await vi.waitFor(() => expect(send).toHaveBeenCalledWith('cs-bg/password-form', { kind: 'change' }));
    }],
  ])('never checks a value the page wrote %s', async (_when, act) => {
    await act();
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(send).not.toHaveBeenCalledWith('cs-bg/pwned-range', expect.anything());
    // The patient's own first keystroke is what starts the check.
    type(form.newPassword, 'P@ssw0rd');
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('cs-bg/pwned-range', { prefix: '21BD1' }), { timeout: 2_000 });
  });

  it('says the breach check is off when the patient has not opted in, and asks nothing', async () => {
    await mount({ ...CONFIG, breachCheck: false });
    type(form.newPassword, 'P@ssw0rd');
    await vi.waitFor(() => expect(ours('pwned-result')?.textContent).toContain('Breach check is off'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(send).not.toHaveBeenCalledWith('cs-bg/pwned-range', expect.anything());
  });

  it('offers "Mark step 1 done" after a trusted submit, and marks it only on a trusted click', async () => {
    await mount();
    type(form.current!, 'old password here');
    type(form.newPassword, 'tuatara-kauri-stream-bank');
    type(form.confirm!, 'tuatara-kauri-stream-bank');
    form.container.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ours('offer-mark-done')).toBeNull();
    form.container.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    await vi.waitFor(() => expect(ours('offer-mark-done')).not.toBeNull());
    // The offer floats in its own closed root at the end of the page.
    expect(document.body.lastElementChild?.tagName.toLowerCase()).toBe('portal-guard-password-offer');
    ours('offer-mark-done')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(send).not.toHaveBeenCalledWith('cs-bg/guide-password-changed', expect.anything());
    ours('offer-mark-done')!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('cs-bg/guide-password-changed', {}));
    await vi.waitFor(() => expect(ours('offer-marked')?.textContent).toContain('Step 1 is marked done'));
  });

  it('does not offer when the confirmation does not match (the portal will refuse it)', async () => {
    await mount();
    type(form.newPassword, 'tuatara-kauri-stream-bank');
    type(form.confirm!, 'something else');
    form.container.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ours('offer-mark-done')).toBeNull();
  });

  it('keeps the offer when the portal replaces the accepted form, and stops listening to the old fields', async () => {
    const handle = await mount();
    type(form.newPassword, 'tuatara-kauri-stream-bank');
    type(form.confirm!, 'tuatara-kauri-stream-bank');
    form.container.dispatchEvent(trusted(new Event('submit', { bubbles: true, cancelable: true })));
    await vi.waitFor(() => expect(ours('offer-mark-done')).not.toBeNull());
    form.container.remove();
    handle.remove();
    expect(document.querySelector('portal-guard-password-offer')).not.toBeNull();
    type(form.newPassword, 'P@ssw0rd');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(send).not.toHaveBeenCalledWith('cs-bg/pwned-range', expect.anything());
  });

  it('an invalidated context (extension updated) removes everything', async () => {
    await mount();
    ctx.abort();
    await vi.waitFor(() => expect(document.querySelector('portal-guard-password')).toBeNull());
  });
});

describe('createAssistantController', () => {
  let ctx: ContentScriptContext;
  beforeEach(() => {
    ctx = new ContentScriptContext('portal');
    document.body.innerHTML = PAGE; // eslint-disable-line no-restricted-properties -- trusted test fixture
  });
  afterEach(() => {
    ctx.abort();
    document.body.replaceChildren();
  });

  function setup() {
    const handle: AssistantHandle = { field: document.querySelector('#new')!, remove: vi.fn() };
    const mount = vi.fn(async () => handle);
    const ask = vi.fn(async () => CONFIG);
    const load = vi.fn(async () => mount);
    return { handle, mount, ask, load, controller: createAssistantController(ctx, { ask, load }) };
  }

  it('does nothing on a page without a new-password form (a sign-in page)', async () => {
    document.body.innerHTML = '<form><input type="email"><input type="password" autocomplete="current-password"></form>'; // eslint-disable-line no-restricted-properties -- trusted test fixture
    const { ask, load, controller } = setup();
    controller.check(document);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ask).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
  });

  it('asks the background, loads the assistant once, and mounts it once per field', async () => {
    const { ask, load, mount, controller } = setup();
    controller.check(document);
    controller.check(document);
    await vi.waitFor(() => expect(mount).toHaveBeenCalledTimes(1));
    controller.check(document);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ask).toHaveBeenCalledWith('change');
    expect(load).toHaveBeenCalledTimes(1);
    expect(mount).toHaveBeenCalledTimes(1);
  });

  it('removes the assistant when a single-page app removes the field, and attaches to a new one', async () => {
    const { handle, mount, controller } = setup();
    controller.check(document);
    await vi.waitFor(() => expect(mount).toHaveBeenCalledTimes(1));
    document.body.innerHTML = PAGE; // eslint-disable-line no-restricted-properties -- trusted test fixture
    controller.check(document);
    await vi.waitFor(() => expect(handle.remove).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(mount).toHaveBeenCalledTimes(2));
  });

  it('does not retry a field it could not attach to on every DOM change', async () => {
    const ask = vi.fn(async () => Promise.reject(new Error('no reply from the background')));
    const load = vi.fn();
    const controller = createAssistantController(ctx, { ask, load });
    controller.check(document);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.check(document);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ask).toHaveBeenCalledTimes(1);
    expect(load).not.toHaveBeenCalled();
  });
});
