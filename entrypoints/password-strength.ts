import { strengthBundle } from '@/utils/content/bundles';
import { createEstimator } from '@/utils/password/strength-engine';

// zxcvbn-ts with the common and English dictionaries, loaded on demand by the content script once
// the assistant's UI is showing and asks for it (loadStrength in utils/content/password-assistant.ts).
export default defineUnlistedScript(() => strengthBundle.register(createEstimator));
