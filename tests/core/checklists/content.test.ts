import { describe, expect, it } from 'vitest';
import { loadChecklists } from '../../../src/core/checklists/load.js';
import { CHECKLIST_DIR, refs } from './helpers.js';

// The guidance ids issue 5 asks the checklists to link to.
const LINKED = [
  'immediate-danger',
  'responding-to-disclosure',
  'recording-concerns',
  'talking-to-your-dsl',
  'making-a-referral',
  'strategy-meetings',
  'under-10-protocol',
  'age-of-criminal-responsibility',
  'youth-justice-service-involvement',
  'csaac',
  'csaac-children-accused',
  'aim-assessment',
  'bail-conditions-health-settings',
  'therapeutic-support-after-abuse',
  'safety-planning',
  'disguised-compliance',
  'hackett-continuum',
  'brook-traffic-light-tool',
  'reporting-to-police',
  'delays-during-criminal-investigation',
  'information-sharing-and-consent',
  'online-hsb',
  'sharing-nudes',
];

describe('content/checklists', () => {
  it('load with no errors against pack.yaml and content/guidance', async () => {
    const { defs, errors } = await loadChecklists(CHECKLIST_DIR, refs);
    expect(errors.map((e) => e.text)).toEqual([]);
    expect(defs.map((d) => d.id).sort()).toEqual(['recognition', 'referral']);
  });

  it('link every guidance item the issue names', async () => {
    const { defs } = await loadChecklists(CHECKLIST_DIR);
    const linked = new Set(
      defs.flatMap((d) => [...d.steps.flatMap((s) => s.guidance), ...d.outcomes.flatMap((o) => o.guidance)]),
    );
    expect(LINKED.filter((id) => !linked.has(id))).toEqual([]);
  });

  it('never state a phone number or web address inline (contacts come from pack.yaml)', async () => {
    const { defs } = await loadChecklists(CHECKLIST_DIR);
    const texts = defs.flatMap((d) => [
      d.description,
      ...d.steps.flatMap((s) => [
        s.question,
        s.help ?? '',
        ...s.notes.map((n) => n.text),
        ...(s.options ?? []).map((o) => o.label),
      ]),
      ...d.outcomes.map((o) => o.action),
    ]);
    for (const t of texts) {
      expect(t).not.toMatch(/\b\d{3}\b|\d{4} ?\d{3}|https?:|www\./);
    }
  });
});
