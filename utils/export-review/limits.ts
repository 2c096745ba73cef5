/**
 * The caps that keep a hostile or broken file from freezing or exhausting the reader. Each is a
 * default: tests pass smaller ones. See docs/export-review.md, "Caps".
 */
export interface ReviewLimits {
  /** A file larger than this is refused before it is read. Real exports stream far below it. */
  maxFileBytes: number;
  /** JSON or XML nested deeper than this is refused: FHIR and CDA need a few dozen levels. */
  maxDepth: number;
  /** One FHIR resource (a Bundle entry, an NDJSON line) larger than this is skipped, not parsed. */
  maxResourceBytes: number;
  /** Zip: total bytes unpacked across all entries read. */
  maxUnzippedBytes: number;
  /** Zip: unpacked ÷ packed, checked once an entry has unpacked more than `ratioFloorBytes`. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Zip: how many entries the central directory may list. */
  maxZipEntries: number;
  /** Files of other kinds inside a zip are listed; at most this many are kept in the summary. */
  maxListedDocuments: number;
  /** IHE XDM METADATA.XML is small; anything above this is not metadata. */
  maxMetadataBytes: number;
}

export const DEFAULT_LIMITS: ReviewLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxDepth: 256,
  maxResourceBytes: 64 * 1024 ** 2,
  maxUnzippedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioFloorBytes: 16 * 1024 ** 2,
  maxZipEntries: 200_000,
  maxListedDocuments: 2_000,
  maxMetadataBytes: 16 * 1024 ** 2,
};
