import { useState } from 'preact/hooks';
import { DATA_CLASSES, partialDateBounds, type Notice } from '@/utils/feed/schema';
import type { FeedStatus } from '@/utils/messaging/protocol';
import type { RemediationStep } from '@/utils/notices/remediation';
import { formatAge, formatDate } from '@/utils/i18n/format';
import { TODO_ANCHOR } from '@/utils/pages';

/**
 * The full breach notice: what was taken and what was not, dates, counts, status, sources, and
 * what to do about each kind of data. Feed text is rendered as text only; links are https (feed
 * links are schema-checked; http sources are shown as text, not as links).
 */

export interface NoticeDetailProps {
  notice: Notice;
  steps: RemediationStep[];
  choices: Record<string, 'done' | 'skipped'>;
  onChoice: (stepId: string, choice: 'done' | 'skipped' | undefined) => void;
  /** "You are on …, which is …" when opened from a portal. */
  context?: { host: string; portalName: string };
  feed?: FeedStatus;
  now?: number;
  /** The password guide for the portal this notice was opened from, offered on the credentials step. */
  guideUrl?: string;
}

const STATUS_WORDS: Record<Notice['status'], string> = {
  investigating: 'Still being investigated',
  notifying: 'People are being notified',
  notified: 'Affected people have been notified',
  'regulator-action': 'A regulator is acting on it',
  resolved: 'Resolved',
};

export function describePartialDate(value: string): string {
  if (value.length === 10) return formatDate(value);
  const { first } = partialDateBounds(value);
  return value.length === 7 ? new Date(`${first}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) : value;
}

function breachPeriod(notice: Notice): string | undefined {
  const { start, end } = notice.breach;
  if (start && end) return `${describePartialDate(start)} to ${describePartialDate(end)}`;
  if (start) return `From ${describePartialDate(start)}`;
  if (end) return `Until ${describePartialDate(end)}`;
  return undefined;
}

export function NoticeDetail({ notice, steps, choices, onChoice, context, feed, now = Date.now(), guideUrl }: NoticeDetailProps) {
  const period = breachPeriod(notice);
  const details = new Map((notice.dataClassDetails ?? []).map((detail) => [detail.dataClass, detail]));
  const official = notice.links.filter((link) => link.official);
  const other = notice.links.filter((link) => !link.official);
  return (
    <article class="notice-detail" data-testid="notice-detail" aria-labelledby="notice-heading">
      <h1 id="notice-heading">{notice.title}</h1>
      {context && (
        <p class="why" data-testid="notice-why">
          You are on {context.host}, which is {context.portalName}; notice added {formatDate(notice.added)}.
        </p>
      )}
      <p>{notice.summary}</p>

      <dl class="facts">
        <dt>Organisation</dt>
        <dd>{notice.organization}</dd>
        <dt>Status</dt>
        <dd data-testid="notice-status">{STATUS_WORDS[notice.status]}</dd>
        {period && (
          <>
            <dt>When it happened</dt>
            <dd>{period}</dd>
          </>
        )}
        {notice.breach.discovered && (
          <>
            <dt>Discovered</dt>
            <dd>{describePartialDate(notice.breach.discovered)}</dd>
          </>
        )}
        <dt>Made public</dt>
        <dd>{formatDate(notice.disclosed)}</dd>
        {notice.affected && (
          <>
            <dt>People affected</dt>
            <dd data-testid="notice-count">
              {notice.affected.estimate ? 'About ' : ''}
              {notice.affected.count.toLocaleString('en-NZ')}
              {notice.affected.estimate && ' (estimate)'}
              {notice.affected.unverified && ' (not confirmed by an official source)'}
              {notice.affected.label && <span class="muted"> — {notice.affected.label}</span>}
            </dd>
          </>
        )}
        <dt>In Portal Guard’s feed</dt>
        <dd>
          Added {formatDate(notice.added)}, last changed {formatDate(notice.modified)}
        </dd>
      </dl>

      <section aria-labelledby="taken-heading">
        <h2 id="taken-heading">What was taken</h2>
        <ul data-testid="notice-data-classes">
          {notice.dataClasses.map((dataClass) => {
            const detail = details.get(dataClass);
            return (
              <li key={dataClass}>
                {DATA_CLASSES[dataClass]}
                {detail?.documentWindow && ` (dated ${describePartialDate(detail.documentWindow.from)} to ${describePartialDate(detail.documentWindow.to)})`}
                {detail?.note && <span class="muted"> — {detail.note}</span>}
              </li>
            );
          })}
        </ul>
        {notice.notAffected.length > 0 && (
          <>
            <h2 id="not-taken-heading">What was not affected</h2>
            <ul data-testid="notice-not-affected">
              {notice.notAffected.map((dataClass) => (
                <li key={dataClass}>{DATA_CLASSES[dataClass]}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {/* The anchor `noticePageUrl({ section: 'todo' })` links to. */}
      <section aria-labelledby={TODO_ANCHOR}>
        <h2 id={TODO_ANCHOR}>What to do</h2>
        <ol class="steps">
          {steps.map((step) => (
            <RemediationItem key={step.id} step={step} choice={choices[step.id]} onChoice={(choice) => onChoice(step.id, choice)} {...(step.id === 'credentials' && guideUrl ? { guideUrl } : {})} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Official notices and sources</h2>
        <ul>
          {[...official, ...other].map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.title}
              </a>
              {link.official ? '' : ' (not the organisation’s own page)'}
            </li>
          ))}
          {notice.sources
            .filter((source) => !notice.links.some((link) => link.url === source))
            .map((source) =>
              source.startsWith('https://') ? (
                <li key={source}>
                  <a href={source} target="_blank" rel="noopener noreferrer">
                    {shortUrl(source)}
                  </a>
                </li>
              ) : (
                <li key={source}>{source}</li>
              ),
            )}
        </ul>
      </section>
      {feed && (
        <p class="muted small" data-testid="notice-feed-age">
          From Portal Guard’s breach-notice feed, edition {feed.sequence}, received {formatAge(feed.receivedAt, now)}.
        </p>
      )}
    </article>
  );
}

/** `managemyhealth.co.nz/faqs-cyber-breach`: enough to tell sources apart, short enough to read. */
function shortUrl(url: string): string {
  const { hostname, pathname, search } = new URL(url);
  const text = `${hostname.replace(/^www\./, '')}${pathname === '/' ? '' : pathname}${search}`;
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}

function RemediationItem({ step, choice, onChoice, guideUrl }: { step: RemediationStep; choice: 'done' | 'skipped' | undefined; onChoice: (choice: 'done' | 'skipped' | undefined) => void; guideUrl?: string }) {
  const [pending, setPending] = useState(false);
  const choose = (next: 'done' | 'skipped') => {
    setPending(true);
    onChoice(choice === next ? undefined : next);
    setPending(false);
  };
  return (
    <li class={`step step-${choice ?? 'open'}`} data-testid={`step-${step.id}`}>
      <h3>
        {step.title}
        {choice && <span class="chip">{choice === 'done' ? ' ✓ Done' : ' Skipped'}</span>}
      </h3>
      {step.body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {guideUrl && (
        <p>
          <a href={guideUrl} data-testid="notice-guide-link">
            Start the password guide
          </a>
          : change the password and turn on two-step verification, step by step.
        </p>
      )}
      {step.links.map((link) => (
        <p key={link.url}>
          <a href={link.url} target="_blank" rel="noopener noreferrer">
            {link.title}
          </a>
        </p>
      ))}
      <div class="step-actions" role="group" aria-label={`Progress on: ${step.title}`}>
        <button type="button" aria-pressed={choice === 'done'} disabled={pending} onClick={() => choose('done')}>
          {choice === 'done' ? 'Done ✓' : 'Mark done'}
        </button>
        <button type="button" class="secondary" aria-pressed={choice === 'skipped'} disabled={pending} onClick={() => choose('skipped')}>
          {choice === 'skipped' ? 'Skipped' : 'Skip'}
        </button>
      </div>
    </li>
  );
}
