import type { Portal } from '@/utils/portals';

/** Which portal's breach notices to compare the files with. */
export function PortalChooser({ portals, value, onChange }: { portals: readonly Portal[]; value: string; onChange: (id: string) => void }) {
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
                  {portal.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </p>
  );
}

const COUNTRY_NAMES: Record<string, string> = { NZ: 'New Zealand', AU: 'Australia', UK: 'United Kingdom', US: 'United States', CA: 'Canada' };
