import { createBannerController } from '@/utils/content/banner';
import { runChangePasswordProbe } from '@/utils/content/change-password-probe';
import { createAssistantController } from '@/utils/content/password-assistant';
import { createTrackerAudit } from '@/utils/content/tracker-audit';
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
    const trackers = createTrackerAudit(ctx, { timed: PERF_MARKS });
    watchSession(ctx, {
      onUpdate: (state, notices) => banner.update(state, notices),
      onReply: (reply) => {
        // A password guide for this portal wants the same-origin well-known check (docs/password-guide.md).
        if (reply.probeChangePassword) void runChangePasswordProbe();
        // Signed in with the audit on: the reply carries the tracker list's domains (docs/trackers.md).
        trackers.update(reply.trackers?.domains);
      },
      // A change-password, reset or sign-up form loads the new-password assistant. Looked for
      // when the page is idle, so the first classification does not wait for it.
      onCheck: (doc) => assistant.check(doc),
    });
    // watchSession classifies synchronously before it returns; the report to the background, the
    // password-form check (at idle time) and anything they load (banner, assistant, the tracker
    // audit) happen later, off this path.
    if (PERF_MARKS) performance.measure('portal-guard:classified', 'portal-guard:injected');
  },
});
