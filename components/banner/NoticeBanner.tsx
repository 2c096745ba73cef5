import type { BannerNotice } from '@/utils/messaging/protocol';
import { formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

export interface BannerActions {
  details: (noticeId: string) => void;
  secure: (noticeId: string) => void;
  dismiss: (noticeId: string) => void;
}

/**
 * The in-page banner: a breach notice exists for this portal. It sits in the page's flow at the top
 * (it never covers the sign-in form), never takes focus, and is announced politely. Every action
 * ignores synthetic events: a page script can dispatch clicks, but only the patient's own clicks
 * are `isTrusted`.
 */
export function NoticeBanner({ notices, actions }: { notices: BannerNotice[]; actions: BannerActions }) {
  const [notice, ...more] = notices;
  if (!notice) return null;
  const trusted = (handler: (id: string) => void) => (event: Event) => {
    if (!event.isTrusted) return;
    handler(notice.id);
  };
  return (
    <section class="banner" role="region" aria-label={t('banner.label')}>
      <div aria-live="polite" aria-atomic="true">
        <p class="eyebrow">
          <span aria-hidden="true">⚠ </span>
          {t('banner.eyebrow')}
        </p>
        <p class="title">{notice.title}</p>
        <p class="why" data-testid="banner-why">{notice.why}</p>
        <p>{t('banner.taken', { taken: notice.taken })}</p>
        {notice.notTaken && (
          <p>
            {t('banner.notTaken', { notTaken: notice.notTaken })}
          </p>
        )}
        {more.length > 0 && <p class="why">{t('banner.more', more.length, { count: formatNumber(more.length) })}</p>}
      </div>
      <div class="actions">
        <button type="button" onClick={trusted(actions.secure)}>
          {t('banner.secure')}
        </button>
        <button type="button" class="secondary" onClick={trusted(actions.details)}>
          {t('banner.details')}
        </button>
        {notice.officialUrl?.startsWith('https://') && (
          <a class="link" href={notice.officialUrl} target="_blank" rel="noopener noreferrer">
            {t('banner.official')}
          </a>
        )}
        <button type="button" class="secondary" onClick={trusted(actions.dismiss)}>
          {t('banner.dismiss')}
        </button>
      </div>
    </section>
  );
}

/** Styles for the banner's closed shadow root. WXT resets inherited styles (`all: initial`) first. */
export const BANNER_CSS = `
:host { display: block !important; position: relative !important; z-index: 2147483646 !important; }
.banner { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1b1b; background: #fdf3f3; border-bottom: 4px solid #a4262c; padding: 10px 16px; box-sizing: border-box; }
.banner p { margin: 2px 0; }
.eyebrow { font-weight: 700; color: #a4262c; }
.title { font-size: 1.05em; font-weight: 700; }
.why { font-size: 0.9em; color: #4a4a4a; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; align-items: center; }
button, .link { font: inherit; padding: 5px 12px; border-radius: 4px; border: 1px solid #0b4f9c; cursor: pointer; text-decoration: none; }
button { background: #0b4f9c; color: #fff; }
button.secondary, .link { background: #fff; color: #0b4f9c; }
button:focus-visible, .link:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
`;
