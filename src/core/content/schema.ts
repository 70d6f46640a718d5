import { z } from 'zod';
import { GUID, SLACK_TEAM_ID, SLACK_USER_ID } from '../organisations.js';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)'));

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');

export const AUDIENCES = ['all', 'education', 'early-years', 'health', 'police', 'social-care', 'youth-justice'] as const;

export const sourceRefSchema = z.object({
  doc: z.string().min(1, 'is required'),
  section: z.string().min(1).optional(),
});

export const guidanceFrontMatterSchema = z.object({
  id: kebab,
  title: z.string().min(3),
  summary: z.string().min(20, 'must be at least a sentence'),
  questions: z.array(z.string().min(5)).min(2, 'needs at least 2 phrasings'),
  tags: z.array(kebab).default([]),
  audience: z.array(z.enum(AUDIENCES)).min(1),
  sources: z.array(sourceRefSchema, { error: 'is required: every item cites at least one source' }).min(1, 'needs at least one source'),
  owner: z.string().min(2),
  reviewed: isoDate,
  review_by: isoDate,
  related: z.array(kebab).default([]),
  // The children an item is written for ("a 16 or 17 year old", "under 10s"): a message that gives
  // only ages outside it is not answered with it.
  ages: z
    .object({ from: z.number().int().min(0).max(17), to: z.number().int().min(0).max(17) })
    .refine((a) => a.from <= a.to, 'from must not be above to')
    .optional(),
});
export type GuidanceFrontMatter = z.infer<typeof guidanceFrontMatterSchema>;

export const contactSchema = z.object({
  name: z.string().min(2),
  phone: z.string().min(3).nullable().optional(),
  url: z.url().nullable().optional(),
  signpost: z.string().optional(),
  source: z.string().min(2, 'every contact says where its detail came from'),
});
export type ContactDefinition = z.infer<typeof contactSchema>;

export const documentSchema = z.object({
  title: z.string().min(3),
  publisher: z.string().min(2),
  url: z.url().optional(),
  local: z.boolean().optional(),
});
export type DocumentDefinition = z.infer<typeof documentSchema>;

/** A partnership in a packs folder (PACKS_DIR): the organisations it serves and its admins. */
export const servesSchema = z.object({
  tenants: z
    .array(z.string().regex(GUID, 'must be a Microsoft Entra tenant id (a GUID), not a domain name'))
    .default([])
    .transform((ids) => ids.map((id) => id.toLowerCase())),
  slack_teams: z
    .array(z.string().regex(SLACK_TEAM_ID, 'must be a Slack team id like T012AB3CD (or E… for Enterprise Grid)'))
    .default([]),
  admins: z
    .array(
      z
        .string()
        .refine(
          (id) => GUID.test(id) || SLACK_USER_ID.test(id),
          'must be a Teams user object id (a GUID) or a Slack member id like U012AB3CD',
        ),
    )
    .default([]),
});
export type Serves = z.infer<typeof servesSchema>;

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

export const packSchema = z
  .object({
  partnership: z.object({ name: z.string().min(2), short_name: z.string().min(1) }),
  timezone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/London'),
  digest: z.object({ day: weekday, time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM') }),
  contacts: z.record(z.string(), contactSchema).refine((c) => 'dsl' in c, 'must define a "dsl" contact'),
  documents: z.record(z.string(), documentSchema),
  synonyms: z.record(z.string(), z.array(z.string().min(1))).default({}),
  // Routes that depend on who is asking: a message whose writer says they are in the role (`says`)
  // gets that contact first in any guidance answer (a foster carer's route is the child's social worker).
  roles: z
    .record(z.string(), z.object({ says: z.array(z.string().min(3)).min(1), contact: z.string().min(1) }))
    .default({}),
  // Shorthand → the words it stands for ("strat" → "strategy"). A key is one short written form
  // (letters, digits, '/', '.', '&', no spaces); the value is plain words, never another key.
  lexicon: z
    .record(z.string(), z.string())
    .default({})
    .superRefine((lexicon, ctx) => {
      const keys = new Set(Object.keys(lexicon).map((k) => k.toLowerCase()));
      for (const [key, value] of Object.entries(lexicon)) {
        const problem = !/^[a-z0-9][a-z0-9/.&'-]{0,15}$/i.test(key)
          ? 'must be one short written form without spaces'
          : !/^[a-z0-9' -]{2,}$/i.test(value)
            ? 'must be plain words'
            : value
                .toLowerCase()
                .split(/\s+/)
                .filter((w) => keys.has(w))
                .map((w) => `expands to "${w}", which is itself shorthand`)[0];
        if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    }),
  // What makes a message a safeguarding question (see src/core/understanding/scope.ts). Optional: a
  // pack without it answers whatever its search matches.
  scope: z
    .object({
      // Words for a worry or a harm (a concern about a child, answered by general_item if need be).
      concerns: z.array(z.string().min(2)).default([]),
      // Safeguarding processes, services and the pack's own concepts.
      words: z.array(z.string().min(2)).default([]),
      // The job itself (pay, leave, expenses, IT): with no concern named, never a safeguarding question.
      workplace: z.array(z.string().min(2)).default([]),
      everyday: z.array(z.string()).default([]),
    })
    .refine((s) => s.concerns.length + s.words.length > 0, 'needs concerns or words')
    .optional(),
  // The item that answers a worry about a child no other item covers (the DSL, a referral, a record).
  general_item: kebab.optional(),
  age_bands: z
    .record(
      z.string(),
      z
        .object({ from: z.number().int().min(0).max(19), to: z.number().int().min(0).max(19) })
        .refine((b) => b.from <= b.to, 'from must not be above to'),
    )
    .default({}),
  serves: servesSchema.optional(),
  // A shared content/-shaped folder (national guidance) this pack builds on, relative to the pack:
  // its settings, then this file's on top; `include` names the shared guidance items served.
  extends: z.string().min(1).optional(),
  include: z
    .object({ guidance: z.union([z.literal('all'), z.array(kebab).min(1)]) })
    .optional(),
  })
  .superRefine((pack, ctx) => {
    if (pack.include && !pack.extends)
      ctx.addIssue({ code: 'custom', path: ['include'], message: 'needs `extends` (the shared folder it includes from)' });
    for (const [role, r] of Object.entries(pack.roles))
      if (!(r.contact in pack.contacts))
        ctx.addIssue({ code: 'custom', path: ['roles', role, 'contact'], message: `"${r.contact}" is not a contact` });
    pack.scope?.everyday.forEach((group, i) => {
      if (!(group in pack.synonyms))
        ctx.addIssue({ code: 'custom', path: ['scope', 'everyday', i], message: `"${group}" is not a synonym group` });
    });
  });
export type PackDefinition = z.infer<typeof packSchema>;
