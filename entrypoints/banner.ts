import { registerBanner } from '@/components/banner/mount';

// Loaded on demand by the portal content script, only when a notice is relevant (see
// utils/content/banner.ts), so portals without one never pay for Preact or the banner.
export default defineUnlistedScript(() => registerBanner());
