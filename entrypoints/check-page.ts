import { runPageCheck } from '@/utils/content/page-check';

// Injected once by the popup's "Check this page" through activeTab (see utils/popup/check-page.ts).
// Its return value is what `scripting.executeScript` hands back; nothing stays on the page.
export default defineUnlistedScript(() => runPageCheck(document, new URL(location.href)));
