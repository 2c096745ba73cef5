import type { TrackerSummary } from '../messaging/protocol';

/** What a stored sighting holds (utils/state/storage.ts `trackerSightingSchema`), as far as a summary needs it. */
export interface Sighting {
  vendor: string;
  product: string;
  host: string;
  params: readonly string[];
  firstSeen: number;
  lastSeen: number;
}

/** A portal's sightings, one line per vendor and product (hosts and names merged), first seen first. */
export function summariseSightings(sightings: readonly Sighting[]): TrackerSummary[] {
  const byProduct = new Map<string, TrackerSummary>();
  for (const sighting of sightings) {
    const key = `${sighting.vendor}\u0000${sighting.product}`;
    const before = byProduct.get(key);
    byProduct.set(key, {
      vendor: sighting.vendor,
      product: sighting.product,
      hosts: [...new Set([...(before?.hosts ?? []), sighting.host])].sort().slice(0, 20),
      params: [...new Set([...(before?.params ?? []), ...sighting.params])].sort().slice(0, 40),
      firstSeen: Math.min(before?.firstSeen ?? sighting.firstSeen, sighting.firstSeen),
      lastSeen: Math.max(before?.lastSeen ?? sighting.lastSeen, sighting.lastSeen),
    });
  }
  return [...byProduct.values()].sort((a, b) => a.firstSeen - b.firstSeen).slice(0, 40);
}

