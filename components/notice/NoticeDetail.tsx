import { useState } from 'preact/hooks';
import { dataClassLabel } from '@/utils/feed/data-class-label';
import { partialDateBounds, type Notice } from '@/utils/feed/schema';
import type { FeedStatus } from '@/utils/messaging/protocol';
import { noticeText } from '@/utils/notices/notice-text';
import type { RemediationStep } from '@/utils/notices/remediation';
import { formatAge, formatDate, formatMonth, formatNumber } from '@/utils/i18n/format';
import { fill, keep, t, type PlainKey } from '@/utils/i18n/t';
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

const STATUS_WORDS: Record<Notice['status'], PlainKey> = {
  investigating: 'noticePage.status.investigating',
  notifying: 'noticePage.status.notifying',
  notified: 'noticePage.status.notified',
  'regulator-action': 'noticePage.status.regulatorAction',
  resolved: 'noticePage.status.resolved',
  reported: 'noticePage.status.reported',
};

export function describePartialDate(value: string): string {
  if (value.length === 10) return formatDate(value);
  const { first } = partialDateBounds(value);
  return value.length === 7 ? formatMonth(first) : value;
}

function breachPeriod(notice: Notice): string | undefined {
  const { start, end } = notice.breach;
  if (start && end) return t('noticePage.period', { from: describePartialDate(start), to: describePartialDate(end) });
  if (start) return t('noticePage.periodFrom', { from: describePartialDate(start) });
  if (end) return t('noticePage.periodUntil', { to: describePartialDate(end) });
  return undefined;
}

export function NoticeDetail({ notice, steps, choices, onChoice, context, feed, now = Date.now(), guideUrl }: NoticeDetailProps) {
  const period = breachPeriod(notice);
  const text = noticeText(notice);
  const details = new Map((notice.dataClassDetails ?? []).map((detail) => [detail.dataClass, detail]));
  const official = notice.links.filter((link) => link.official);
  const other = notice.links.filter((link) => !link.official);
  return (
    <article class="notice-detail" data-testid="notice-detail" aria-labelledby="notice-heading">
      <h1 id="notice-heading">{text.title}</h1>
      {context && (
        <p class="why" data-testid="notice-why">
          {t('notice.why', { host: context.host, portal: context.portalName, date: formatDate(notice.added) })}
        </p>
      )}
      <p>{text.summary}</p>

      <dl class="facts">
        <dt>{t('noticePage.organization')}</dt>
        <dd>{notice.organization}</dd>
        <dt>{t('noticePage.statusLabel')}</dt>
        <dd data-testid="notice-status">{t(STATUS_WORDS[notice.status])}</dd>
        {period && (
          <>
            <dt>{t('noticePage.when')}</dt>
            <dd>{period}</dd>
          </>
        )}
        {notice.breach.discovered && (
          <>
            <dt>{t('noticePage.discovered')}</dt>
            <dd>{describePartialDate(notice.breach.discovered)}</dd>
          </>
        )}
        <dt>{t('noticePage.disclosed')}</dt>
        <dd>{formatDate(notice.disclosed)}</dd>
        {notice.affected && (
          <>
            <dt>{t('noticePage.affected')}</dt>
            <dd data-testid="notice-count">
              {affectedCount(notice.affected)}
              {notice.affected.label && <span class="muted"> {t('noticePage.countLabel', { label: notice.affected.label })}</span>}
            </dd>
          </>
        )}
        <dt>{t('noticePage.inFeed')}</dt>
        <dd>
          {t('noticePage.feedDates', { added: formatDate(notice.added), modified: formatDate(notice.modified) })}
        </dd>
      </dl>

      <section aria-labelledby="taken-heading">
        <h2 id="taken-heading">{t('noticePage.takenHeading')}</h2>
        <ul data-testid="notice-data-classes">
          {notice.dataClasses.map((dataClass) => {
            const detail = details.get(dataClass);
            return (
              <li key={dataClass}>
                {detail?.documentWindow ? t('noticePage.dated', { dataClass: dataClassLabel(dataClass), from: describePartialDate(detail.documentWindow.from), to: describePartialDate(detail.documentWindow.to) }) : dataClassLabel(dataClass)}
                {detail?.note && <span class="muted"> {t('noticePage.note', { note: detail.note })}</span>}
              </li>
            );
          })}
        </ul>
        {notice.notAffected.length > 0 && (
          <>
            <h2 id="not-taken-heading">{t('noticePage.notTakenHeading')}</h2>
            <ul data-testid="notice-not-affected">
              {notice.notAffected.map((dataClass) => (
                <li key={dataClass}>{dataClassLabel(dataClass)}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {/* The anchor `noticePageUrl({ section: 'todo' })` links to. */}
      <section aria-labelledby={TODO_ANCHOR}>
        <h2 id={TODO_ANCHOR}>{t('noticePage.todoHeading')}</h2>
        <ol class="steps">
          {steps.map((step) => (
            <RemediationItem key={step.id} step={step} choice={choices[step.id]} onChoice={(choice) => onChoice(step.id, choice)} {...(step.id === 'credentials' && guideUrl ? { guideUrl } : {})} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t('noticePage.sourcesHeading')}</h2>
        <ul>
          {[...official, ...other].map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.title}
              </a>
              {link.official ? '' : ` ${t('noticePage.notOwnPage')}`}
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
          {t('noticePage.feedAge', { edition: String(feed.sequence), age: formatAge(feed.receivedAt, now) })}
        </p>
      )}
    </article>
  );
}

/** "About 99,416 people (estimate)": one whole message per combination, for translators. */
function affectedCount(affected: NonNullable<Notice['affected']>): string {
  const count = { count: formatNumber(affected.count) };
  if (affected.estimate && affected.unverified) return t('noticePage.count.estimateUnverified', affected.count, count);
  if (affected.estimate) return t('noticePage.count.estimate', affected.count, count);
  if (affected.unverified) return t('noticePage.count.unverified', affected.count, count);
  return t('noticePage.count.exact', affected.count, count);
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
        {choice && <span class="chip"> {choice === 'done' ? t('noticePage.stepDone') : t('noticePage.stepSkipped')}</span>}
      </h3>
      {step.body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {guideUrl && (
        <p>
          {fill(t('noticePage.guideLine', keep('link')), {
            link: (
              <a href={guideUrl} data-testid="notice-guide-link">
                {t('noticePage.guideLink')}
              </a>
            ),
          })}
        </p>
      )}
      {step.links.map((link) => (
        <p key={link.url}>
          <a href={link.url} target="_blank" rel="noopener noreferrer">
            {link.title}
          </a>
        </p>
      ))}
      <div class="step-actions" role="group" aria-label={t('noticePage.progressLabel', { step: step.title })}>
        <button type="button" aria-pressed={choice === 'done'} disabled={pending} onClick={() => choose('done')}>
          {choice === 'done' ? t('noticePage.doneButton') : t('noticePage.markDone')}
        </button>
        <button type="button" class="secondary" aria-pressed={choice === 'skipped'} disabled={pending} onClick={() => choose('skipped')}>
          {choice === 'skipped' ? t('noticePage.skippedButton') : t('noticePage.skip')}
        </button>
      </div>
    </li>
  );
}
