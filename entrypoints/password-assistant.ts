import { registerAssistant } from '@/utils/password/assistant-mount';

// Loaded on demand by the portal content script, only when a change-password, reset or sign-up
// form is on the page (utils/password/assistant-controller.ts).
export default defineUnlistedScript(() => registerAssistant());
