import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addUserPortal, loadClinicData, type PermissionsApi } from '@/utils/options/clinic-data';
import { loadOptionsData } from '@/utils/options/options-data';
import { RIVERSIDE_POLICY } from '@/utils/policy/fixtures';
import { customPortals, readItem } from '@/utils/state/storage';
import { OptionsPage, type ClinicDeps } from './OptionsPage';
import { freshExtension } from '../../test/fresh-extension';

/** The browser's grants, as a set of origins; `request` grants unless told to refuse. */
function fakePermissions(granted: string[] = []) {
  const origins = new Set(granted);
  let refuse = false;
  const api: PermissionsApi & { refuse(): void } = {
    contains: async ({ origins: asked = [], permissions: apis = [] }) => [...asked, ...apis].every((name: string) => origins.has(name)),
    request: vi.fn(async ({ origins: asked = [] }) => {
      if (refuse) return false;
      asked.forEach((origin: string) => origins.add(origin));
      return true;
    }),
    remove: vi.fn(async ({ origins: gone = [] }) => {
      gone.forEach((origin: string) => origins.delete(origin));
      return true;
    }),
    refuse: () => {
      refuse = true;
    },
  };
  return api;
}

function mount(permissions = fakePermissions(), overrides: Partial<ClinicDeps> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const deps: ClinicDeps = {
    request: (origins) => permissions.request({ origins }),
    add: addUserPortal,
    remove: async (id) => {
      const { removeUserPortal } = await import('@/utils/options/clinic-data');
      await removeUserPortal(id, permissions);
    },
    requestRangeApi: vi.fn(async () => true),
    removeRangeApi: vi.fn(async () => true),
    saveBreachCheck: vi.fn(async () => {}),
    requestNotifications: vi.fn(async () => true),
    requestBrowsingData: vi.fn(async () => true),
    removeBrowsingData: vi.fn(async () => true),
    saveSharedComputer: async (change) => {
      const { saveSharedComputer } = await import('@/utils/options/clinic-data');
      await saveSharedComputer(change);
    },
    ...overrides,
  };
  render(<OptionsPage load={loadOptionsData} loadClinic={() => loadClinicData(permissions)} clinicDeps={deps} now={() => Date.UTC(2026, 10, 28)} />, container);
  return { page: container, deps, permissions };
}

const text = (page: Element, testId: string) => page.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
const type = (page: Element, selector: string, value: string) => {
  const input = page.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};

beforeEach(freshExtension);
afterEach(() => document.body.replaceChildren());

describe('Options page: set by your organisation', () => {
  it('shows nothing about an organisation without a policy', async () => {
    const { page } = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="options-portals"]')).not.toBeNull());
    expect(page.querySelector('[data-testid="options-organization"]')).toBeNull();
  });

  it('shows the organisation read-only, what it sets, and every refused value with its reason', async () => {
    await fakeBrowser.storage.managed.set({
      ...RIVERSIDE_POLICY,
      feedUrl: 'http://feed.portal-guard.org/v1/feed.json',
      sharedComputerMode: 'yes',
      additionalPortals: [{ ...RIVERSIDE_POLICY.additionalPortals[0], hosts: ['riverside.myindici.co.nz', '*.co.nz'] }],
      telemetry: true,
    });
    const { page } = mount();
    await vi.waitFor(() => expect(text(page, 'options-organization-name')).toBe('Riverside Medical Centre'));
    const section = page.querySelector('[data-testid="options-organization"]')!;
    expect(section.querySelector('h2')?.textContent).toBe('Set by your organisation');
    expect(section.textContent).toContain('https://www.riversidemedical.co.nz/portal-help');
    expect(section.textContent).toContain('Riverside Medical Centre patient portal');
    expect(section.textContent).toContain('Off, and cannot be turned on');
    expect([...page.querySelectorAll('[data-testid="policy-problems"] li')].map((item) => item.textContent)).toEqual([
      'telemetry: unknown key, ignored (the keys are organization, additionalPortals, feedUrl, additionalFeedKeys, pwnedPasswordsCheck, sharedComputerMode, trackerAudit, localNotices)',
      'additionalPortals[0].hosts[1]: co.nz is a public suffix',
      'feedUrl: http:// is not allowed: the feed must come over https://',
      'sharedComputerMode: must be true or false; got "yes"',
    ]);
    // Nothing in the section can be edited.
    expect(section.querySelectorAll('input, select, button, textarea')).toHaveLength(0);
  });

  it('follows a policy change while the page is open', async () => {
    const { page } = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="options-portals"]')).not.toBeNull());
    await fakeBrowser.storage.managed.set({ organization: { name: 'Greenlane Clinic' } });
    await vi.waitFor(() => expect(text(page, 'options-organization-name')).toBe('Greenlane Clinic'));
  });

  it('shows the password check off and locked when the organisation disallows it', async () => {
    await fakeBrowser.storage.managed.set({ pwnedPasswordsCheck: 'disallowed' });
    const { page } = mount(fakePermissions(['https://api.pwnedpasswords.com/*']));
    await vi.waitFor(() => expect(page.querySelector('[data-testid="privacy-breach-check-locked"]')).not.toBeNull());
    const box = page.querySelector<HTMLInputElement>('[data-testid="privacy-breach-check"]')!;
    expect(box.checked).toBe(false);
    expect(box.disabled).toBe(true);
    expect(text(page, 'privacy-breach-check-locked')).toBe('Set by your organisation');
  });

  it('shows the check on and locked when the organisation allows it, and asks for the range API from a click', async () => {
    await fakeBrowser.storage.managed.set({ pwnedPasswordsCheck: 'allowed' });
    const requestRangeApi = vi.fn(async () => true);
    const { page } = mount(fakePermissions(), { requestRangeApi });
    await vi.waitFor(() => expect(page.querySelector('[data-testid="privacy-allow-range-api"]')).not.toBeNull());
    expect(page.querySelector<HTMLInputElement>('[data-testid="privacy-breach-check"]')!.disabled).toBe(true);
    page.querySelector<HTMLButtonElement>('[data-testid="privacy-allow-range-api"]')!.click();
    expect(requestRangeApi).toHaveBeenCalledTimes(1);
  });
});

describe('Options page: other portals', () => {
  it('lists the organisation’s portal as needing permission, and asks for exactly its hosts on Allow', async () => {
    await fakeBrowser.storage.managed.set(RIVERSIDE_POLICY);
    const { page, permissions } = mount();
    await vi.waitFor(() => expect(text(page, 'policy-portals')).toContain('Riverside Medical Centre patient portal'));
    expect(text(page, 'custom-portal-access')).toBe('Needs your permission');
    expect(page.querySelector('[data-testid="policy-portals"] button[aria-label^="Remove"]')).toBeNull();
    page.querySelector<HTMLButtonElement>('[aria-label="Allow Portal Guard on Riverside Medical Centre patient portal"]')!.click();
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://riverside.myindici.co.nz/*'] });
    await vi.waitFor(() => expect(text(page, 'custom-portal-access')).toBe('Recognised'));
  });

  it('adds a patient’s portal: asks for its host in the same click, saves it, and lists it as recognised', async () => {
    const { page, permissions } = mount();
    await vi.waitFor(() => expect(page.querySelector('#portal-address')).not.toBeNull());
    type(page, '#portal-name', 'Greenlane Clinic MyChart');
    type(page, '#portal-address', 'https://MyChart.GreenlaneClinic.co.nz/MyChart/Authentication/Login?next=x');
    type(page, '#portal-country', 'NZ');
    page.querySelector<HTMLFormElement>('[data-testid="add-portal-form"]')!.requestSubmit();
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://mychart.greenlaneclinic.co.nz/*'] });
    await vi.waitFor(async () => expect(await readItem(customPortals)).toEqual([{ id: 'user-mychart-greenlaneclinic-co-nz', name: 'Greenlane Clinic MyChart', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] }]));
    await vi.waitFor(() => expect(text(page, 'user-portals')).toContain('Greenlane Clinic MyChart (added by you, not reviewed by Portal Guard) (mychart.greenlaneclinic.co.nz) Recognised'));
    expect(text(page, 'portals-message')).toBe('Added Greenlane Clinic MyChart. Reload its tab if it is open.');
  });

  it.each([
    ['co.nz', 'co.nz is a public suffix'],
    ['*', '"*" would cover every site; name the portal\'s own host'],
    ['http://mychart.greenlaneclinic.co.nz/', 'Portal Guard recognises portals on secure (https://) addresses only.'],
    ['portal.managemyhealth.co.nz', 'portal.managemyhealth.co.nz is already recognised as Manage My Health'],
    ['192.168.0.10', '192.168.0.10 is an IP address, not a portal'],
    // Issue 12: patients give exact hosts, and no look-alike of a reviewed portal's address.
    ['*.greenlaneclinic.co.nz', '*.greenlaneclinic.co.nz: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it'],
    ['https://mychart-uwhealth.org/', 'mychart-uwhealth.org looks like the address of MyChart, a portal Portal Guard has reviewed: mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s'],
  ])('refuses %s with the reason, asking for nothing', async (address, reason) => {
    const { page, permissions } = mount();
    await vi.waitFor(() => expect(page.querySelector('#portal-address')).not.toBeNull());
    type(page, '#portal-name', 'Mine');
    type(page, '#portal-address', address);
    page.querySelector<HTMLFormElement>('[data-testid="add-portal-form"]')!.requestSubmit();
    await vi.waitFor(() => expect(text(page, 'portals-message')).toBe(reason));
    expect(permissions.request).not.toHaveBeenCalled();
    expect(await readItem(customPortals)).toEqual([]);
  });

  it('saves a portal whose permission was refused, and offers Allow', async () => {
    const permissions = fakePermissions();
    permissions.refuse();
    const { page } = mount(permissions);
    await vi.waitFor(() => expect(page.querySelector('#portal-address')).not.toBeNull());
    type(page, '#portal-name', 'Greenlane');
    type(page, '#portal-address', 'mychart.greenlaneclinic.co.nz');
    page.querySelector<HTMLFormElement>('[data-testid="add-portal-form"]')!.requestSubmit();
    await vi.waitFor(() => expect(text(page, 'portals-message')).toBe('Added Greenlane, but the browser did not give permission yet: use “Allow” below.'));
    await vi.waitFor(() => expect(text(page, 'custom-portal-access')).toBe('Needs your permission'));
  });

  it('removes a portal and gives its host back', async () => {
    const permissions = fakePermissions(['https://mychart.greenlaneclinic.co.nz/*']);
    await addUserPortal({ id: 'user-greenlane', name: 'Greenlane', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] });
    const { page } = mount(permissions);
    await vi.waitFor(() => expect(text(page, 'custom-portal-access')).toBe('Recognised'));
    page.querySelector<HTMLButtonElement>('[aria-label="Remove Greenlane"]')!.click();
    await vi.waitFor(async () => expect(await readItem(customPortals)).toEqual([]));
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://mychart.greenlaneclinic.co.nz/*'] });
    await vi.waitFor(() => expect(page.querySelector('[data-testid="user-portals"]')).toBeNull());
  });

  it('keeps the patient’s portal that a policy now claims, as not in use with the reason', async () => {
    await addUserPortal({ id: 'user-riverside', name: 'My practice', country: 'NZ', hosts: ['riverside.myindici.co.nz'] });
    await fakeBrowser.storage.managed.set(RIVERSIDE_POLICY);
    const { page } = mount();
    await vi.waitFor(() => expect(text(page, 'inactive-portal')).toContain('My practice (riverside.myindici.co.nz) Not in use: riverside.myindici.co.nz is already recognised as Riverside Medical Centre patient portal'));
  });
});

describe('Options page: shared computers', () => {
  it('turns the mode on from the click, asking for notifications, and says where reminders go without them', async () => {
    const requestNotifications = vi.fn(async () => false);
    const { page } = mount(fakePermissions(), { requestNotifications });
    await vi.waitFor(() => expect(page.querySelector('[data-testid="shared-computer-mode"]')).not.toBeNull());
    page.querySelector<HTMLInputElement>('[data-testid="shared-computer-mode"]')!.click();
    expect(requestNotifications).toHaveBeenCalledTimes(1);
    const { sharedComputer } = await import('@/utils/state/storage');
    await vi.waitFor(async () => expect(await readItem(sharedComputer)).toEqual({ enabled: true, clearSiteData: false }));
    await vi.waitFor(() => expect(page.textContent).toContain('Notifications are not allowed, so reminders appear only in Portal Guard’s popup and on this page.'));
    expect(page.querySelector('[data-testid="shared-allow-notifications"]')).not.toBeNull();
  });

  it('shows the mode on and locked when the organisation sets it, with Allow notifications', async () => {
    await fakeBrowser.storage.managed.set({ sharedComputerMode: true });
    const requestNotifications = vi.fn(async () => true);
    const { page } = mount(fakePermissions(), { requestNotifications });
    await vi.waitFor(() => expect(page.querySelector('[data-testid="shared-computer-locked"]')).not.toBeNull());
    const box = page.querySelector<HTMLInputElement>('[data-testid="shared-computer-mode"]')!;
    expect([box.checked, box.disabled]).toEqual([true, true]);
    page.querySelector<HTMLButtonElement>('[data-testid="shared-allow-notifications"]')!.click();
    expect(requestNotifications).toHaveBeenCalledTimes(1);
  });

  it('asks for browsingData only when clearing site data is turned on, and gives it back when turned off', async () => {
    await fakeBrowser.storage.managed.set({ sharedComputerMode: true });
    const requestBrowsingData = vi.fn(async () => true);
    const removeBrowsingData = vi.fn(async () => true);
    const { page } = mount(fakePermissions(), { requestBrowsingData, removeBrowsingData });
    await vi.waitFor(() => expect(page.querySelector('[data-testid="shared-clear-site-data"]')).not.toBeNull());
    page.querySelector<HTMLInputElement>('[data-testid="shared-clear-site-data"]')!.click();
    expect(requestBrowsingData).toHaveBeenCalledTimes(1);
    const { sharedComputer } = await import('@/utils/state/storage');
    await vi.waitFor(async () => expect((await readItem(sharedComputer)).clearSiteData).toBe(true));
  });

  it('lists the reminders raised since the browser started, with the sign-out link', async () => {
    const { signOutReminders, writeItem } = await import('@/utils/state/storage');
    await writeItem(signOutReminders, [{ id: 'portal-guard-signout:managemyhealth', portalId: 'managemyhealth', host: 'portal.managemyhealth.co.nz', displayName: 'Manage My Health', signOutUrl: 'https://portal.managemyhealth.co.nz/', at: Date.UTC(2026, 10, 28, 1), how: 'closed', notification: 'shown', clearedSiteData: false }]);
    const { page } = mount();
    await vi.waitFor(() => expect(text(page, 'sign-out-reminders')).toContain('You may still be signed in to Manage My Health (tab closed at'));
    expect(page.querySelector('[data-testid="sign-out-reminders"] a')?.getAttribute('href')).toBe('https://portal.managemyhealth.co.nz/');
  });
});

describe('Options page: moving settings', () => {
  it('exports the settings as a JSON file', async () => {
    const save = vi.fn();
    const container = document.createElement('div');
    document.body.append(container);
    const { exportSettings, applyImport } = await import('@/utils/options/settings-file');
    await addUserPortal({ id: 'user-greenlane', name: 'Greenlane', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] });
    render(<OptionsPage load={loadOptionsData} loadClinic={() => loadClinicData(fakePermissions())} transferDeps={{ exportSettings, applyImport, save }} />, container);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="export-settings"]')).not.toBeNull());
    container.querySelector<HTMLButtonElement>('[data-testid="export-settings"]')!.click();
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const [name, text] = save.mock.calls[0] as [string, string];
    expect(name).toBe('portal-guard-settings.json');
    expect(JSON.parse(text)).toMatchObject({ format: 'portal-guard-settings', version: 1, customPortals: [{ id: 'user-greenlane' }] });
  });

  it('imports a file only after showing what it will change, and lists what it refuses', async () => {
    const { page } = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="import-settings"]')).not.toBeNull());
    const text = JSON.stringify({
      format: 'portal-guard-settings',
      version: 1,
      exportedAt: '2026-11-28T01:00:00.000Z',
      noticeWindowMonths: 24,
      sharedComputer: { enabled: true, clearSiteData: false },
      customPortals: [
        { id: 'user-greenlane', name: 'Greenlane', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] },
        { id: 'user-bad', name: 'Everything', country: 'NZ', hosts: ['*'] },
      ],
    });
    const input = page.querySelector<HTMLInputElement>('[data-testid="import-settings"]')!;
    Object.defineProperty(input, 'files', { value: [new File([text], 'portal-guard-settings.json', { type: 'application/json' })], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(text_(page, 'import-plan')).toContain('Add the portal Greenlane, added by you, not reviewed by Portal Guard, on the address: mychart.greenlaneclinic.co.nz'));
    expect([...page.querySelectorAll('[data-testid="import-host"]')].map((host) => host.textContent)).toEqual(['mychart.greenlaneclinic.co.nz']);
    expect(text_(page, 'import-refused')).toBe('Everything: "*" would cover every site; name the portal\'s own host');
    expect(await readItem(customPortals)).toEqual([]);
    page.querySelector<HTMLButtonElement>('[data-testid="import-apply"]')!.click();
    await vi.waitFor(async () => expect((await readItem(customPortals)).map((portal) => portal.id)).toEqual(['user-greenlane']));
    await vi.waitFor(() => expect(text_(page, 'import-message')).toBe('Imported. Use “Allow” under “Other portals” for each new portal.'));
  });

  it('shows every host before anything is applied, and Cancel changes nothing', async () => {
    const { page } = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="import-settings"]')).not.toBeNull());
    const before = await fakeBrowser.storage.local.get();
    const text = JSON.stringify({
      format: 'portal-guard-settings',
      version: 1,
      exportedAt: '2026-11-28T01:00:00.000Z',
      noticeWindowMonths: 6,
      sharedComputer: { enabled: true, clearSiteData: false },
      customPortals: [
        { id: 'user-greenlane', name: 'Greenlane', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz', 'portal.greenlaneclinic.co.nz'] },
        { id: 'user-uw', name: 'UW Health MyChart', country: 'US', hosts: ['mychart.uwhealth.org'], platform: 'epic-mychart' },
        { id: 'user-google', name: 'Google', country: 'NZ', hosts: ['*.google.com'] },
      ],
    });
    const input = page.querySelector<HTMLInputElement>('[data-testid="import-settings"]')!;
    Object.defineProperty(input, 'files', { value: [new File([text], 'portal-guard-settings.json', { type: 'application/json' })], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(page.querySelector('[data-testid="import-plan"]')).not.toBeNull());
    expect([...page.querySelectorAll('[data-testid="import-host"]')].map((host) => host.textContent)).toEqual(['mychart.greenlaneclinic.co.nz', 'portal.greenlaneclinic.co.nz', 'mychart.uwhealth.org']);
    expect(text_(page, 'import-refused')).toContain('Google: *.google.com: a portal you add names one exact address');
    page.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]')!.click();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="import-plan"]')).toBeNull());
    expect(await fakeBrowser.storage.local.get()).toEqual(before);
  });

  it('refuses a file that is not a settings file, changing nothing', async () => {
    const { page } = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="import-settings"]')).not.toBeNull());
    const input = page.querySelector<HTMLInputElement>('[data-testid="import-settings"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['<html>'], 'page.html')], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(text_(page, 'import-message')).toBe('This file is not a Portal Guard settings file (it is not JSON).'));
    expect(page.querySelector('[data-testid="import-plan"]')).toBeNull();
  });
});

const text_ = (page: Element, testId: string) => page.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
