import { CATALOGUE } from '@/utils/portals/catalogue';
import { portalMatchPatterns } from '@/utils/portals/match-patterns';
import { watchSession } from '@/utils/session/watch-session';

// Injected on catalogue hosts only: the matches are generated from the portal catalogue.
export default defineContentScript({
  matches: portalMatchPatterns(CATALOGUE),
  runAt: 'document_idle',
  main(ctx) {
    watchSession(ctx);
  },
});
