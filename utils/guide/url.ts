import { browser } from 'wxt/browser';

/** The guide page for a portal, optionally naming the host the patient uses (a tenant). */
export function guidePageUrl(portalId: string, host?: string, base: string = browser.runtime.getURL('/guide.html')): string {
  const query = new URLSearchParams({ portal: portalId, ...(host ? { host } : {}) });
  return `${base}?${query}`;
}
