import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/cli/plain-text.js';
import { emptyReply } from '../../src/core/reply.js';

describe('renderPlainText', () => {
  it("shows a field's error right after the field", () => {
    const r = emptyReply('checklist-step', 'Referral', 'r1');
    r.form = {
      state: { runId: 'run-1' },
      fields: [
        {
          id: 'answer',
          label: 'Review date',
          type: 'date',
          required: false,
          error: 'That date is in the past.',
        },
      ],
      submitLabel: 'Next',
    };
    expect(renderPlainText(r)).toBe('Referral\n\nReview date\n\n! That date is in the past.');
  });
});
