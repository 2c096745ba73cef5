import { strengthBundle } from '@/utils/content/password-assistant';
import { createEstimator } from '@/utils/password/strength-engine';

// zxcvbn-ts with the common and English dictionaries, loaded on demand by the assistant once its
// UI is showing (components/assistant/mount.ts).
export default defineUnlistedScript(() => strengthBundle.register(createEstimator));
