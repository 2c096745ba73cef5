import { registerAssistant } from '@/components/assistant/mount';

// Loaded on demand by the portal content script, only when a change-password, reset or sign-up
// form is on the page (utils/content/password-assistant.ts).
export default defineUnlistedScript(() => registerAssistant());
