import type { NoticeSummary } from '@/utils/messaging/protocol';
import { formatDate } from '@/utils/format';

/**
 * Breach notices for this portal. Feed text is untrusted: it is rendered as text nodes only, and
 * the only link is the notice's https official URL, which the feed schema has already checked.
 */
export function NoticeList({ notices, portalName, host }: { notices: NoticeSummary[]; portalName: string; host: string }) {
  if (notices.length === 0) {
    return (
      <p class="ok" data-testid="no-notices">
        No breach notice for {portalName} in Portal Guard’s feed.
      </p>
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
          <p class="why muted">
            You are on {host}, which is {portalName}; notice added {formatDate(notice.added)}.
          </p>
          <p>{notice.summary}</p>
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
          {notice.officialUrl && (
            <a href={notice.officialUrl} target="_blank" rel="noopener noreferrer">
              Read the official notice
            </a>
          )}
        </article>
      ))}
    </section>
  );
}
