import { formatBytes, formatList, formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import type { EntryReason, ReviewMessage } from './review-message';

/**
 * The worker's messages (`review-message.ts`) in the patient's language. This runs in the page,
 * where `browser.i18n` is: each code is one whole message in utils/i18n/locales/*.yml, with
 * plural forms where it counts something, and its parameters formatted here (sizes, counts,
 * lists). A file's own data (an entry's name, an element's name) goes in as written.
 */
export function reviewMessageText(message: ReviewMessage): string {
  if (message.code === 'in-entry') return t('exportReview.message.inEntry', { entry: message.entry, reason: reasonText(message.reason) });
  return reasonText(message);
}

const quoted = (title: string) => t('exportReview.page.quoted', { title });

function reasonText(message: EntryReason): string {
  switch (message.code) {
    case 'cancelled':
      return t('exportReview.message.cancelled');
    case 'too-large':
      return t('exportReview.message.tooLarge', { size: formatBytes(message.size), limit: formatBytes(message.limit) });
    case 'too-large-streamed':
      return t('exportReview.message.tooLargeStreamed', { limit: formatBytes(message.limit) });
    case 'read-failed':
      return t('exportReview.message.readFailed');
    case 'empty':
      return t('exportReview.message.empty');
    case 'not-a-record-format':
      return t('exportReview.message.notARecordFormat');
    case 'html-page':
      return t('exportReview.message.htmlPage');
    case 'plain-text':
      return t('exportReview.message.plainText');
    case 'too-deep':
      return t('exportReview.message.tooDeep', { depth: formatNumber(message.depth) });
    case 'truncated':
      return t('exportReview.message.truncated', { size: formatBytes(message.size) });
    case 'json-damaged':
      return t('exportReview.message.jsonDamaged');
    case 'json-plain-value':
      return t('exportReview.message.jsonPlainValue');
    case 'json-list':
      return t('exportReview.message.jsonList');
    case 'json-no-resource':
      return t('exportReview.message.jsonNoResource');
    case 'json-not-utf8':
      return t('exportReview.message.jsonNotUtf8');
    case 'fhir-no-resource-type':
      return t('exportReview.message.fhirNoResourceType');
    case 'fhir-operation-outcome':
      return t('exportReview.message.fhirOperationOutcome');
    case 'fhir-definition':
      return t('exportReview.message.fhirDefinition', { resourceType: message.resourceType });
    case 'fhir-unknown-type':
      return t('exportReview.message.fhirUnknownType', { resourceType: message.resourceType });
    case 'fhir-in-xml':
      return t('exportReview.message.fhirInXml', { resourceType: message.resourceType });
    case 'xml-damaged':
      return t('exportReview.message.xmlDamaged');
    case 'xml-truncated':
      return t('exportReview.message.xmlTruncated', { size: formatBytes(message.size) });
    case 'xml-doctype':
      return t('exportReview.message.xmlDoctype');
    case 'xml-encoding-unknown':
      return t('exportReview.message.xmlEncodingUnknown', { encoding: message.encoding });
    case 'not-utf8':
      return t('exportReview.message.notUtf8');
    case 'not-valid-text':
      return t('exportReview.message.notValidText', { encoding: message.encoding });
    case 'cda-wrong-namespace':
      return t('exportReview.message.cdaWrongNamespace');
    case 'xml-unknown-root':
      return t('exportReview.message.xmlUnknownRoot', { element: message.element });
    case 'apple-export-xml-alone':
      return t('exportReview.message.appleExportXmlAlone');
    case 'zip-cannot-open':
      return t('exportReview.message.zipCannotOpen');
    case 'zip-damaged':
      return t('exportReview.message.zipDamaged');
    case 'zip-declares-too-much':
      return t('exportReview.message.zipDeclaresTooMuch', { size: formatBytes(message.size), limit: formatBytes(message.limit) });
    case 'zip-too-many-entries':
      return t('exportReview.message.zipTooManyEntries', { count: formatNumber(message.count), limit: formatNumber(message.limit) });
    case 'zip-too-large':
      return t('exportReview.message.zipTooLarge', { limit: formatBytes(message.limit) });
    case 'zip-unsafe-name':
      return t('exportReview.message.zipUnsafeName', { name: message.name });
    case 'zip-overlap':
      return t('exportReview.message.zipOverlap');
    case 'zip-encrypted':
      return t('exportReview.message.zipEncrypted');
    case 'zip-method':
      return t('exportReview.message.zipMethod', { entry: message.entry, method: String(message.method) });
    case 'zip-entry-bomb':
      return t('exportReview.message.zipEntryBomb', { entry: message.entry });
    case 'skipped-entry':
      return t('exportReview.message.skippedEntry', { size: formatBytes(message.size) });
    case 'skipped-field':
      return t('exportReview.message.skippedField', { size: formatBytes(message.size) });
    case 'fhir-lines-skipped':
      return t('exportReview.message.fhirLinesSkipped');
    case 'fhir-unknown-types':
      return t('exportReview.message.fhirUnknownTypes', message.count, { count: formatNumber(message.count), types: formatList(message.types.map(quoted)) });
    case 'cda-no-kind':
      return t('exportReview.message.cdaNoKind');
    case 'identifiers-not-listed':
      return t('exportReview.message.identifiersNotListed', message.count, { count: formatNumber(message.count), listed: formatNumber(message.listed) });
    case 'apple-export-xml-lists':
      return t('exportReview.message.appleExportXmlLists', message.count, { count: formatNumber(message.count) });
    case 'zip-in-zip':
      return t('exportReview.message.zipInZip', { entry: message.entry });
    case 'xdm-missing':
      return t('exportReview.message.xdmMissing', { uri: message.uri });
    case 'xdm-missing-unnamed':
      return t('exportReview.message.xdmMissingUnnamed');
    case 'apple-measurements-skipped':
      return t('exportReview.message.appleMeasurementsSkipped');
    case 'apple-routes':
      return t('exportReview.message.appleRoutes', message.count, { count: formatNumber(message.count) });
    case 'apple-ecgs':
      return t('exportReview.message.appleEcgs', message.count, { count: formatNumber(message.count) });
    case 'not-reviewed':
      return t('exportReview.message.notReviewed', message.count, { count: formatNumber(message.count) });
    case 'stalled':
      return t('exportReview.message.stalled');
    case 'worker-crashed':
      return t('exportReview.message.workerCrashed');
    case 'bad-reply':
      return t('exportReview.message.badReply');
  }
}

/** "3 of 5 files in the zip read". */
export function zipEntriesText({ read, total }: { read: number; total: number }): string {
  return t('exportReview.file.zipEntries', total, { read: formatNumber(read), total: formatNumber(total) });
}
