/**
 * Who is asking, when the route depends on it: the pack's `roles` name what a writer in each role
 * says about themselves ("I'm a foster carer", "my foster son") and the contact that role goes to.
 * Matched on words as written, case aside; a role named anywhere in the message counts.
 */
export interface RoleDefinition {
  says: readonly string[];
  contact: string;
}

export class WriterRoles {
  private readonly roles: { pattern: RegExp; contact: string }[];

  constructor(definitions: Readonly<Record<string, RoleDefinition>>) {
    this.roles = Object.values(definitions).map((r) => ({
      pattern: new RegExp(`\\b(?:${r.says.map(escape).join('|')})\\b`, 'i'),
      contact: r.contact,
    }));
  }

  /** The contact keys of every role the message's writer says they are in, in pack order. */
  contactsFor(text: string): string[] {
    const said = text.replace(/[’‘]/g, "'");
    return [...new Set(this.roles.filter((r) => r.pattern.test(said)).map((r) => r.contact))];
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
