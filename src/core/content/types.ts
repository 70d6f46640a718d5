import type { ContactBook } from './contacts.js';
import type { BodySection } from './markdown.js';
import type { DocumentDefinition, GuidanceFrontMatter, PackDefinition } from './schema.js';

export interface ResolvedSource {
  doc: string;
  section?: string;
  title: string;
  publisher: string;
  url?: string;
}

export interface GuidanceItem {
  id: string;
  file: string;
  title: string;
  summary: string;
  questions: string[];
  tags: string[];
  audience: GuidanceFrontMatter['audience'];
  sources: ResolvedSource[];
  owner: string;
  reviewed: string;
  reviewBy: string;
  related: string[];
  /** The ages (inclusive) of the children the item is written for, when it is written for some only. */
  ages?: { from: number; to: number };
  intro: string;
  /** "Do now" steps, raw (may contain {{contact:key}} refs). */
  steps: string[];
  /** "Who to contact" lines, raw. */
  contactLines: string[];
  why: string;
  /** Any other sections. */
  sections: BodySection[];
}

export interface ContentIssue {
  file: string;
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ContentPack {
  dir: string;
  settings: PackDefinition;
  contacts: ContactBook;
  documents: ReadonlyMap<string, DocumentDefinition>;
  items: GuidanceItem[];
  byId: ReadonlyMap<string, GuidanceItem>;
  /** Where its checklists and audits are read (its own, or a shared folder's); default under `dir`. */
  folders?: { checklists: string; audits: string };
}
