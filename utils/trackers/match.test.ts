import { describe, expect, it } from 'vitest';
import { bundledTrackers } from './bundled';
import { contentParamNames, createTrackerMatcher, hostInDomain, mergeTrackerLists } from './match';
import type { TrackerEntry } from './schema';

/**
 * Real tracker requests, with the parameter names the vendors document (feed/trackers.json cites
 * each page), and what the audit keeps of them: the list entry and the names that carry page
 * content. Values in these URLs are examples; the audit never reads a value.
 */
const REQUESTS: [label: string, url: string, tracker: string | undefined, params: string[]][] = [
  // https://developers.facebook.com/documentation/meta-pixel/advanced ("Install the Pixel using an IMG Tag")
  ['Meta Pixel image tag with custom data', 'https://www.facebook.com/tr?id=12345&ev=ViewContent&cd[content_name]=ABC%20Leather%20Sandal&cd[content_category]=Shoes&cd[value]=0.50&cd[currency]=USD', 'meta-pixel', ['cd[content_category]', 'cd[content_name]', 'cd[currency]', 'cd[value]', 'ev']],
  ['Meta Pixel PageView as fbevents.js sends it', 'https://www.facebook.com/tr/?id=12345&ev=PageView&dl=https%3A%2F%2Fmychart.example.org%2FMyChart%2FAppointments&rl=&if=false&ts=1733300000000&sw=1280&sh=800&v=2.9.176&r=stable&ec=0&o=4126&it=1733300000000&coo=false&rqm=GET', 'meta-pixel', ['dl', 'ev', 'rl']],
  ['Meta Pixel advanced matching (hashed email)', 'https://www.facebook.com/tr/?id=12345&ev=Lead&ud[em]=f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79', 'meta-pixel', ['ev', 'ud[em]']],
  ['the Pixel script itself', 'https://connect.facebook.net/en_US/fbevents.js', 'meta-pixel', []],
  // https://developers.google.com/analytics/devguides/collection/protocol/v1/parameters (dl, dt, dr), GA4 event parameters (ep.*)
  ['GA4 page_view hit', 'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ&gtm=45je4c40&_p=1733300000&cid=123.456&ul=en-nz&sr=1280x800&_s=1&sid=1733300000&sct=1&seg=0&dl=https%3A%2F%2Fportal.managemyhealth.co.nz%2Fdashboard&dt=My%20Health%20Records&en=page_view&ep.portal_section=results', 'google-analytics', ['dl', 'dt', 'en', 'ep.portal_section']],
  ['GA4 regional endpoint', 'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ&dl=https%3A%2F%2Fexample.org%2F&en=page_view&epn.value=3', 'google-analytics', ['dl', 'en', 'epn.value']],
  ['GA4 on analytics.google.com', 'https://region1.analytics.google.com/g/collect?v=2&tid=G-ABC123XYZ&dt=Test%20results&en=scroll', 'google-analytics', ['dt', 'en']],
  ['Universal Analytics collect', 'https://www.google-analytics.com/collect?v=1&tid=UA-12345-1&cid=555&t=pageview&dp=%2Fhealth-library%2Fdiabetes&dt=Diabetes', 'google-analytics', ['dp', 'dt']],
  ['Google Tag Manager container', 'https://www.googletagmanager.com/gtm.js?id=GTM-XXXX', 'google-tag-manager', []],
  ['gtag.js', 'https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ', 'google-tag-manager', []],
  ['Google Ads conversion (doubleclick)', 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123456/?random=1&cv=11&fst=1&num=1&url=https%3A%2F%2Fexample.org%2Fbook&ref=https%3A%2F%2Fexample.org%2F', 'google-ads', ['ref', 'url']],
  // https://help.ads.microsoft.com/apex/index/3/en/56682 (UET: p page, r referrer, tl title)
  ['Microsoft UET', 'https://bat.bing.com/action/0?ti=12345&Ver=2&mid=abc&evt=pageLoad&p=https%3A%2F%2Fkp.org%2Fhealth-encyclopedia&r=&tl=Health%20encyclopedia', 'microsoft-uet', ['p', 'r', 'tl']],
  ['Microsoft Clarity collect', 'https://k.clarity.ms/collect', 'microsoft-clarity', []],
  ['X conversion tracking', 'https://t.co/i/adsct?bci=3&eci=2&event_id=abc&events=%5B%5B%22pageview%22%2C%7B%7D%5D%5D&p_id=Twitter&tw_document_href=https%3A%2F%2Fexample.org%2F&tw_iframe_status=0', 'x-pixel', ['events', 'tw_document_href']],
  ['X uwt.js', 'https://static.ads-twitter.com/uwt.js', 'x-pixel', []],
  ['LinkedIn Insight Tag', 'https://px.ads.linkedin.com/collect/?pid=12345&fmt=gif&url=https%3A%2F%2Fexample.org%2F', 'linkedin-insight', ['url']],
  ['TikTok pixel', 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=ABC', 'tiktok-pixel', []],
  ['Hotjar script', 'https://static.hotjar.com/c/hotjar-123456.js?sv=6', 'hotjar', []],
  // https://experienceleague.adobe.com/en/docs/analytics/implementation/validate/query-parameters (g page URL, r referrer, pageName)
  ['Adobe Analytics image request', 'https://example.sc.omtrdc.net/b/ss/rsid/1/JS-2.22.0/s1234?AQB=1&pageName=Lab%20results&g=https%3A%2F%2Fexample.org%2Flabs&r=&AQE=1', 'adobe-analytics', ['g', 'pageName', 'r']],
  ['Salesforce Marketing Cloud collect', 'https://123.collect.igodigital.com/collect.js', 'salesforce-marketing', []],
  // Not trackers: the portal's own hosts, CDNs, and look-alikes of tracker domains.
  ['the portal itself', 'https://portal.managemyhealth.co.nz/dashboard?dl=x', undefined, []],
  ['a font CDN', 'https://fonts.gstatic.com/s/roboto/v30/a.woff2', undefined, []],
  ['a look-alike of facebook.com', 'https://www.notfacebook.com/tr?ev=PageView&dl=x', undefined, []],
  ['a domain that only ends like one', 'https://facebook.com.example.org/tr?ev=PageView', undefined, []],
];

describe('the bundled list', () => {
  const list = bundledTrackers();

  it('parses, has at least 40 domains, and cites https sources', () => {
    expect(list.flatMap((entry) => entry.domains).length).toBeGreaterThanOrEqual(40);
    for (const entry of list) for (const source of entry.sources) expect(source).toMatch(/^https:\/\//);
  });

  it('names the vendors the issue lists', () => {
    const vendors = new Set(list.map((entry) => entry.vendor));
    for (const vendor of ['Meta', 'Google', 'Microsoft', 'X', 'LinkedIn', 'TikTok', 'Hotjar', 'Adobe', 'Salesforce']) expect(vendors).toContain(vendor);
  });
});

describe.each(REQUESTS)('%s', (_label, url, tracker, params) => {
  const matcher = createTrackerMatcher(bundledTrackers());
  const { hostname, searchParams } = new URL(url);
  const entry = matcher.match(hostname);

  it(tracker ? `is ${tracker}` : 'is not a tracker', () => {
    expect(entry?.id).toBe(tracker);
    // The content script's coarse filter agrees with the matcher.
    expect(matcher.domains.some((domain) => hostInDomain(hostname, domain))).toBe(tracker !== undefined);
  });

  if (entry) {
    it(`carries page content in ${params.join(', ') || 'no named parameter'}`, () => {
      expect(contentParamNames(entry, [...searchParams.keys()])).toEqual(params);
    });
  }
});

describe('mergeTrackerLists: the feed updates the bundled list', () => {
  const bundled = bundledTrackers();
  const meta = bundled.find((entry) => entry.id === 'meta-pixel')!;

  it.each<[string, TrackerEntry[], (merged: TrackerEntry[]) => void]>([
    ['nothing from the feed keeps the bundled list', [], (merged) => expect(merged).toEqual([...bundled])],
    ['an entry with a bundled id replaces it', [{ ...meta, contentParams: ['dl'] }], (merged) => expect(merged.find((entry) => entry.id === 'meta-pixel')!.contentParams).toEqual(['dl'])],
    [
      'a new id is added',
      [{ id: 'quantcast', vendor: 'Quantcast', product: 'Measure', domains: ['quantserve.com'], sources: ['https://www.quantcast.com/'] }],
      (merged) => expect(createTrackerMatcher(merged).match('pixel.quantserve.com')?.id).toBe('quantcast'),
    ],
    [
      'a new entry cannot take a domain a bundled entry keeps',
      [{ id: 'fake-meta', vendor: 'Someone', product: 'Else', domains: ['facebook.com', 'example-tracker.net'], sources: ['https://example-tracker.net/docs'] }],
      (merged) => {
        const matcher = createTrackerMatcher(merged);
        expect(matcher.match('www.facebook.com')?.id).toBe('meta-pixel');
        expect(matcher.match('example-tracker.net')?.id).toBe('fake-meta');
      },
    ],
  ])('%s', (_label, fromFeed, check) => check(mergeTrackerLists(bundled, fromFeed)));
});
