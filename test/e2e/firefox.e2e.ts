import { describe } from 'vitest';
import { FIREFOX_PATH, browserAvailable } from './support/browsers';
import { e2eContext } from './support/context';
import { launchFirefox } from './support/firefox';
import { definePortalSuite } from './support/portal-suite';

describe.skipIf(!browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'))('Firefox ESR (Puppeteer over WebDriver BiDi)', () => {
  definePortalSuite({ launch: () => launchFirefox(e2eContext()) });
});
