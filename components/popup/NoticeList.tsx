import type { NoticeSummary, PortalSummary } from '@/utils/messaging/protocol';
import { formatDate } from '@/utils/i18n/format';
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
          {others.length === 0 ? `No breach notice for ${portalName} in Portal Guard’s feed.` : `No current breach notice for ${portalName}.`}
        </p>
        <OtherNotices others={others} portal={portal} />
      </>
    );
  }
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">
        {notices.length === 1 ? 'Breach notice' : `${notices.length} breach notices`}
      </h2>
      {notices.map((notice) => (
        <article class="notice" data-testid="notice" key={notice.id} aria-labelledby={`notice-${notice.id}`}>
          <h3 id={`notice-${notice.id}`} data-testid="notice-title">
            {notice.title}
          </h3>
          <p class="why muted">{notice.why}</p>
          <details class="summary">
            <summary>What happened</summary>
            <p>{notice.summary}</p>
          </details>
          <dl class="facts">
            <dt>Disclosed</dt>
            <dd>{formatDate(notice.disclosed)}</dd>
            {notice.affectedLabel && (
              <>
                <dt>People affected</dt>
                <dd>{notice.affectedLabel}</dd>
              </>
            )}
            <dt>What was taken</dt>
            <dd data-testid="notice-affected">{notice.dataClasses.join(', ')}</dd>
            {notice.notAffected.length > 0 && (
              <>
                <dt>Not affected</dt>
                <dd data-testid="notice-not-affected">{notice.notAffected.join(', ')}</dd>
              </>
            )}
          </dl>
          <p class="links">
            <a href={noticePageUrl({ id: notice.id, portal: portal.id, host: portal.host, section: 'todo' })} target="_blank" rel="noopener" data-testid="notice-details">
              What to do, and full details
            </a>
            {notice.officialUrl?.startsWith('https://') && (
              <a href={notice.officialUrl} target="_blank" rel="noopener noreferrer">
                Read the official notice
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
        {others.length === 1 ? '1 earlier or dismissed notice' : `${others.length} earlier or dismissed notices`}
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
