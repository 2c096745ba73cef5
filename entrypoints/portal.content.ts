import { CATALOGUE } from '@/utils/portals/catalogue';
import { portalMatchPatterns } from '@/utils/portals/match-patterns';

export default defineContentScript({
  matches: portalMatchPatterns(CATALOGUE),
  runAt: 'document_idle',
  main() {},
});
