import type { NoticeSummary, PortalSummary } from '@/utils/messaging/protocol';
import { formatDate, formatList, formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { noticePageUrl } from '@/utils/pages';

/**
 * Breach notices for this portal. Feed text is untrusted: it is rendered as text nodes only, and
 * the only link is the notice's https official URL, which the feed schema has already checked.
 */
export function NoticeList({ notices, others = [], portal }: { notices: NoticeSummary[]; others?: { id: string; title: string }[]; portal: PortalSummary }) {
  const portalName = portal.displayName;
  if (notices.length === 0) {
    return (
      <>
        <p class="ok" data-testid="no-notices">
          {others.length === 0 ? t('popup.notices.none', { portal: portalName }) : t('popup.notices.noneCurrent', { portal: portalName })}
        </p>
        <OtherNotices others={others} portal={portal} />
      </>
    );
  }
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">
        {t('popup.notices.heading', notices.length, { count: formatNumber(notices.length) })}
      </h2>
      {notices.map((notice) => (
        <article class="notice" data-testid="notice" key={notice.id} aria-labelledby={`notice-${notice.id}`}>
          <h3 id={`notice-${notice.id}`} data-testid="notice-title">
            {notice.title}
          </h3>
          <p class="why muted">{notice.why}</p>
          <details class="summary">
            <summary>{t('popup.notices.whatHappened')}</summary>
            <p>{notice.summary}</p>
          </details>
          <dl class="facts">
            <dt>{t('popup.notices.disclosed')}</dt>
            <dd>{formatDate(notice.disclosed)}</dd>
            {notice.affectedLabel && (
              <>
                <dt>{t('popup.notices.affected')}</dt>
                <dd>{notice.affectedLabel}</dd>
              </>
            )}
            <dt>{t('popup.notices.taken')}</dt>
            <dd data-testid="notice-affected">{formatList(notice.dataClasses, 'unit')}</dd>
            {notice.notAffected.length > 0 && (
              <>
                <dt>{t('popup.notices.notAffected')}</dt>
                <dd data-testid="notice-not-affected">{formatList(notice.notAffected, 'unit')}</dd>
              </>
            )}
          </dl>
          <p class="links">
            <a href={noticePageUrl({ id: notice.id, portal: portal.id, host: portal.host, section: 'todo' })} target="_blank" rel="noopener" data-testid="notice-details">
              {t('popup.notices.details')}
            </a>
            {notice.officialUrl?.startsWith('https://') && (
              <a href={notice.officialUrl} target="_blank" rel="noopener noreferrer">
                {t('popup.notices.official')}
              </a>
            )}
          </p>
        </article>
      ))}
      <OtherNotices others={others} portal={portal} />
    </section>
  );
}

/** Notices for this portal that are not shown now: dismissed, older, or dealt with. */
function OtherNotices({ others, portal }: { others: { id: string; title: string }[]; portal: PortalSummary }) {
  if (others.length === 0) return null;
  return (
    <details class="others" data-testid="other-notices">
      <summary>
        {t('popup.notices.others', others.length, { count: formatNumber(others.length) })}
      </summary>
      <ul>
        {others.map((other) => (
          <li key={other.id}>
            <a href={noticePageUrl({ id: other.id, portal: portal.id, host: portal.host })} target="_blank" rel="noopener">
              {other.title}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
