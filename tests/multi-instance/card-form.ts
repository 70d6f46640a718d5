type Json = Record<string, unknown>;

export interface CardInput {
  id: string;
  type: string;
  choices: string[];
  multi: boolean;
}

export interface CardForm {
  inputs: CardInput[];
  /** The form's own submit button (Action.Execute verb "form"): its `data` and its Action.Submit fallback's. */
  executeData: Json;
  submitData: Json;
}

function walk(node: unknown, visit: (o: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** Reads a checklist step card the way a Teams client would: its inputs and its submit action. */
export function readForm(card: Json): CardForm | undefined {
  const inputs: CardInput[] = [];
  walk(card.body, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') {
      const choices = Array.isArray(o.choices) ? (o.choices as Json[]).map((c) => String(c.value)) : [];
      inputs.push({ id: o.id, type: o.type, choices, multi: o.isMultiSelect === true });
    }
  });
  const actions = (card.actions as Json[] | undefined) ?? [];
  const submit = actions.find(
    (a) => a.type === 'Action.Execute' && a.verb === 'form' && a.associatedInputs === 'auto',
  );
  if (!submit || inputs.length === 0) return undefined;
  return {
    inputs,
    executeData: submit.data as Json,
    submitData: (submit.fallback as Json).data as Json,
  };
}

/** What a practitioner might enter: the first choice, "no" on a toggle, today's date, a neutral note. */
export function answerFor(input: CardInput, step: number): string {
  switch (input.type) {
    case 'Input.ChoiceSet':
      return input.multi ? input.choices.slice(0, 2).join(',') : (input.choices[0] ?? '');
    case 'Input.Toggle':
      return 'no';
    case 'Input.Date':
      return new Date().toISOString().slice(0, 10);
    default:
      return `Discussed at step ${step} with the team`;
  }
}
