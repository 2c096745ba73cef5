import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { RIVERSIDE_POLICY } from '@/utils/policy/fixtures';
import { parsePolicy } from '@/utils/policy/schema';
import { buildCurrentPortals } from '@/utils/state/current-portals';
import { PortalChooser } from './PortalChooser';

const WATCHED = { id: 'watch-mychart-uwhealth-org', name: 'MyChart (uwhealth.org)', country: 'US' as const, hosts: ['mychart.uwhealth.org'], platform: 'epic-mychart' };
const current = buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, [WATCHED]);

describe('the export review’s portal chooser', () => {
  it('marks the portals Portal Guard has not reviewed', () => {
    const container = document.createElement('div');
    render(<PortalChooser portals={current.index.portals} value="" onChange={() => {}} />, container);
    const options = [...container.querySelectorAll('option')].map((option) => option.textContent);
    expect(options).toContain('MyChart (uwhealth.org) (added by you, not reviewed by Portal Guard)');
    expect(options).toContain('Riverside Medical Centre patient portal (added by your organisation)');
    expect(options).toContain('Manage My Health');
  });
});
