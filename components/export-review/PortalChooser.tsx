import type { Notice } from '@/utils/feed/schema';
import type { Portal } from '@/utils/portals';
import { markedName } from '@/utils/portals/review-mark';

/** The value of an option that picks one notice rather than a portal. */
export const NOTICE_PREFIX = 'notice:';

/**
 * Which breach notices to compare the files with: a portal's, or one notice about an incident
 * that involved no portal (an insurer, a prescription exchange).
 */
export function PortalChooser({ portals, otherNotices = [], value, onChange }: { portals: readonly Portal[]; otherNotices?: readonly Notice[]; value: string; onChange: (id: string) => void }) {
  const byCountry = new Map<string, Portal[]>();
  for (const portal of portals) byCountry.set(portal.country, [...(byCountry.get(portal.country) ?? []), portal]);
  return (
    <p>
      <label for="portal-choice">Compare with breach notices for</label>{' '}
      <select id="portal-choice" value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value="">No portal (do not compare)</option>
        {[...byCountry].map(([country, list]) => (
          <optgroup key={country} label={COUNTRY_NAMES[country] ?? country}>
            {[...list]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((portal) => (
                <option key={portal.id} value={portal.id}>
                  {markedName(portal.name, portal.addedBy)}
                </option>
              ))}
          </optgroup>
        ))}
        {otherNotices.length > 0 ? (
          <optgroup label="Breaches not tied to one portal">
            {otherNotices.map((notice) => (
              <option key={notice.id} value={`${NOTICE_PREFIX}${notice.id}`}>
                {notice.title}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </p>
  );
}

const COUNTRY_NAMES: Record<string, string> = { NZ: 'New Zealand', AU: 'Australia', UK: 'United Kingdom', US: 'United States', CA: 'Canada' };
