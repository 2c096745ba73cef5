import { createBannerController } from '@/utils/content/banner';
import { runChangePasswordProbe } from '@/utils/content/change-password-probe';
import { createAssistantController } from '@/utils/content/password-assistant';
import { watchSession } from '@/utils/content/watch-session';

// Only the bench build (WXT_PORTAL_GUARD_PERF_MARKS=1) leaves performance marks: in a user's build
// they would tell every portal page that Portal Guard is installed.
const PERF_MARKS = import.meta.env.WXT_PORTAL_GUARD_PERF_MARKS === '1';

// Injected on catalogue hosts only. The matches below are a placeholder: wxt.config.ts replaces
// them with every catalogue host at build time, so this bundle does not carry the catalogue.
export default defineContentScript({
  matches: ['https://portal.managemyhealth.co.nz/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (PERF_MARKS) performance.mark('portal-guard:injected');
    const banner = createBannerController(ctx);
    const assistant = createAssistantController(ctx);
    watchSession(ctx, {
      onUpdate: (state, notices) => banner.update(state, notices),
      // A password guide for this portal wants the same-origin well-known check (docs/password-guide.md).
      onReply: (reply) => {
        if (reply.probeChangePassword) void runChangePasswordProbe();
      },
      // A change-password, reset or sign-up form loads the new-password assistant.
      onCheck: (doc) => assistant.check(doc),
    });
    // watchSession classifies synchronously before it returns; the report to the background and
    // anything it loads (banner, assistant) happen later, off this path.
    if (PERF_MARKS) performance.measure('portal-guard:classified', 'portal-guard:injected');
  },
});
