import { startAsking } from '@/utils/popup/tab-answer';

// Loaded by popup.html as a classic script at the top of its head, so the popup's question about
// its tab goes out before the page's modules are even loaded (utils/popup/tab-answer.ts).
export default defineUnlistedScript(() => startAsking());
