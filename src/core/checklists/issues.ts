/** A problem found in a checklist definition. `text` names the file and (where there is one) the step. */
export interface ChecklistIssue {
  file: string;
  /** Step id, or a place such as `outcome 3` / `milestone "referral-made"`. */
  step?: string;
  message: string;
  text: string;
}

export function issue(file: string, step: string | undefined, message: string): ChecklistIssue {
  const where =
    step === undefined ? '' : /^(outcome|milestone) /.test(step) ? ` ${step}:` : ` step "${step}":`;
  return { file, step, message, text: `${file}:${where} ${message}` };
}
