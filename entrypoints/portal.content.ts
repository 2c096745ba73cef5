import { createBannerController } from '@/utils/banner/controller';
import { runChangePasswordProbe } from '@/utils/guide/probe-runner';
import { createAssistantController } from '@/utils/password/assistant-controller';
import { watchSession } from '@/utils/session/watch-session';

// Injected on catalogue hosts only. The matches below are a placeholder: wxt.config.ts replaces
// them with every catalogue host at build time, so this bundle does not carry the catalogue.
export default defineContentScript({
  matches: ['https://portal.managemyhealth.co.nz/*'],
  runAt: 'document_idle',
  main(ctx) {
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
  },
});
