import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';

/**
 * Checks every card the bot renders: the strict Adaptive Card 1.5 subset schema (see the schema's
 * $comment for its provenance), the official `adaptivecards` SDK parser (unknown element/action types,
 * invalid values, duplicate ids, required inputs without labels, more actions than the Teams host config
 * allows), that every Action.ToggleVisibility targets an element in the card, and the size budget.
 */
const schema = JSON.parse(
  readFileSync(new URL('../../schemas/adaptive-card-1.5-subset.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('uri-reference', (s: string) => s.length > 0 && !/\s/.test(s));
const validateSchema = ajv.compile(schema);

// The UMD bundle: the package's lib/ ESM build has extensionless imports that break under Node.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const teamsHostConfig = JSON.parse(
  readFileSync(new URL('../../schemas/teams-host-config.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/**
 * Teams refuses a message over about 40 KB (HTTP 413 MessageSizeTooBig; newer documentation allows
 * more): cards stay well under that. The longest is the referral summary, whose copyable record lists
 * every answer of a 28-step route.
 */
export const CARD_BYTE_BUDGET = 32 * 1024;

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!validateSchema(card)) {
    problems.push(...(validateSchema.errors ?? []).map((e) => `schema ${e.instancePath} ${e.message}`));
  }
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = new AC.HostConfig(teamsHostConfig);
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) {
    problems.push(`validate ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  const ids = new Set(walk(card).map((n) => n.id));
  for (const toggle of walk(card).filter((n) => n.type === 'Action.ToggleVisibility')) {
    for (const target of (toggle.targetElements as unknown[] | undefined) ?? []) {
      const id = typeof target === 'string' ? target : (target as { elementId?: string }).elementId;
      if (!ids.has(id)) problems.push(`toggle target ${String(id)} is not in the card`);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > CARD_BYTE_BUDGET) problems.push(`size ${bytes} bytes > ${CARD_BYTE_BUDGET}`);
  if (JSON.stringify(card).includes('${')) {
    // Only legitimate when user/content text itself contained "${": callers check that case explicitly.
    problems.push('unexpanded template expression');
  }
  return problems;
}

type Node = Record<string, unknown>;

/** Every object in the card (elements, inlines, actions, nested show-cards), depth first. */
export function walk(card: unknown): Node[] {
  const out: Node[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Node);
      Object.values(v).forEach(visit);
    }
  };
  visit(card);
  return out;
}

export function ofType(card: unknown, type: string): Node[] {
  return walk(card).filter((n) => n.type === type);
}

/** All visible text, in order: TextBlock and TextRun texts, action titles, input labels. */
export function texts(card: unknown): string[] {
  return walk(card).flatMap((n) =>
    [n.type === 'TextBlock' || n.type === 'TextRun' ? n.text : undefined, n.title, n.label].filter(
      (t): t is string => typeof t === 'string',
    ),
  );
}
