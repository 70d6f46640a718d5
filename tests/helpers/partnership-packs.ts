import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CONTENT_DIR } from './content-fixture.js';

/**
 * Two partnerships for tests, each a pack that reuses the real `content/` as its shared national
 * guidance (by reference) with its own name, front-door number, digest schedule, organisations and
 * admins. The numbers are from Ofcom's range reserved for drama (01632 960xxx), never a real service.
 */
export interface TestPartnership {
  id: string;
  name: string;
  tenant: string;
  slackTeam: string;
  /** A Teams admin (Entra object id) and a Slack admin (member id). */
  teamsAdmin: string;
  slackAdmin: string;
  frontDoorPhone: string;
  digest: { day: string; time: string };
  timezone: string;
}

export const NORTH: TestPartnership = {
  id: 'north',
  name: 'North Test Safeguarding Children Partnership',
  tenant: '11111111-1111-4111-8111-111111111111',
  slackTeam: 'TNORTH001',
  teamsAdmin: 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa',
  slackAdmin: 'UNORTHADM',
  frontDoorPhone: '01632 960001',
  digest: { day: 'monday', time: '09:00' },
  timezone: 'Europe/London',
};

export const SOUTH: TestPartnership = {
  id: 'south',
  name: 'South Test Safeguarding Children Partnership',
  tenant: '22222222-2222-4222-8222-222222222222',
  slackTeam: 'TSOUTH002',
  teamsAdmin: 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb',
  slackAdmin: 'USOUTHADM',
  frontDoorPhone: '01632 960002',
  digest: { day: 'wednesday', time: '14:30' },
  timezone: 'Europe/London',
};

/** The pack.yaml of a partnership that extends the shared folder at `shared`. */
export function partnershipPackYaml(
  p: TestPartnership,
  shared: string,
  extra: Record<string, unknown> = {},
): string {
  return stringify({
    extends: shared,
    partnership: { name: p.name, short_name: p.id.toUpperCase() },
    timezone: p.timezone,
    digest: p.digest,
    contacts: {
      front_door: {
        name: `${p.name} children's front door`,
        phone: p.frontDoorPhone,
        source: 'test fixture (Ofcom drama number)',
      },
    },
    serves: { tenants: [p.tenant], slack_teams: [p.slackTeam], admins: [p.teamsAdmin, p.slackAdmin] },
    ...extra,
  });
}

/** A PACKS_DIR holding the given partnerships (default: North and South), each extending `content/`. */
export async function writePacksDir(
  partnerships: readonly TestPartnership[] = [NORTH, SOUTH],
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-packs-'));
  for (const p of partnerships) {
    await mkdir(join(dir, p.id));
    await writeFile(join(dir, p.id, 'pack.yaml'), partnershipPackYaml(p, CONTENT_DIR));
  }
  return dir;
}
