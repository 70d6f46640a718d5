import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentPack } from '../../../src/core/content/load.js';
import { Guide } from '../../../src/core/guide.js';
import { MemoryStore } from '../../../src/core/store/memory-store.js';
import { WriterRoles } from '../../../src/core/understanding/roles.js';
import { copyContent, editFile } from '../../helpers/content-fixture.js';

describe('who is asking: routes that depend on the writer', () => {
  const roles = new WriterRoles({
    foster_carer: {
      says: ['foster carer', 'my foster son', 'our placement'],
      contact: 'childs_social_worker',
    },
  });

  it('finds a role said anywhere in the message, case aside, and nothing when none is said', () => {
    expect(roles.contactsFor('Foster Carer here, what do I do')).toEqual(['childs_social_worker']);
    expect(roles.contactsFor('our   placement told me something')).toEqual(['childs_social_worker']);
    expect(roles.contactsFor('a teacher asking about a pupil')).toEqual([]);
    // Whole words only: "fostering" is not "foster carer".
    expect(roles.contactsFor('what is private fostering')).toEqual([]);
  });

  let guide: Guide;
  beforeAll(async () => {
    guide = await Guide.create({ contentDir: resolve('content'), store: new MemoryStore() });
  });

  it("a foster carer's answer names the child's social worker first; a teacher's does not", () => {
    const carer = guide.ask('foster carer - my foster son (11) told me his uncle touched him, who do I tell');
    expect(carer.meta.answered).toBe(true);
    expect(carer.contacts[0]?.name).toMatch(/child's social worker/);
    // "placed with me" is how a carer says the child lives with them.
    const placed = guide.ask(
      'a boy (11) is placed with me and his birth dad keeps messaging him, what do i do',
    );
    expect(placed.contacts[0]?.name).toMatch(/child's social worker/);
    const teacher = guide.ask('a pupil (11) told me his uncle touched him, who do I tell');
    expect(teacher.contacts.some((c) => /supervising social worker/.test(c.name))).toBe(false);
  });

  it("a message about a looked-after child, or one on a plan, names the child's social worker, whoever writes it", () => {
    const dsl = guide.ask(
      'DSL here, one of our LAC (13) showed me messages from an adult asking her to meet, what do I do',
    );
    expect(dsl.meta.answered).toBe(true);
    expect(dsl.contacts[0]?.name).toMatch(/child's social worker \(a child who is looked after/);
    expect(dsl.contacts.some((c) => /supervising social worker/.test(c.name))).toBe(false);
    const plan = guide.ask(
      'a year 4 girl on a child protection plan has not been in school for 3 days, what should I do',
    );
    expect(plan.contacts[0]?.name).toMatch(/child's social worker/);
  });

  it('a refusal stays a refusal: no role contact is added to "I don\'t have guidance on that"', () => {
    const reply = guide.ask('do foster carers have to do a tax return for HMRC');
    expect(reply.meta.answered).toBe(false);
    expect(reply.contacts.some((c) => /supervising social worker/.test(c.name))).toBe(false);
  });

  it('content:check refuses a role whose contact is not in the pack', async () => {
    const dir = await copyContent();
    await editFile(join(dir, 'pack.yaml'), (text) =>
      text.replace('    contact: childs_social_worker', '    contact: nobody_at_all'),
    );
    const { pack, issues } = await readContentPack(dir);
    expect(pack).toBeUndefined();
    expect(
      issues.some((i) => i.field.startsWith('roles.foster_carer') && i.message.includes('not a contact')),
    ).toBe(true);
    await rm(dir, { recursive: true });
  });
});
