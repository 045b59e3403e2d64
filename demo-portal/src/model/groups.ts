import type { Member, UserLicenseType } from './member.ts';
import { hash32, hexId } from './random.ts';
import { DAY_MS } from './clock.ts';
import { DEMO_USERNAMES } from './seed.ts';

/**
 * The demo org's groups: departments, a class and projects, with members derived from the seeded
 * members (same seed, same groups). Nothing is computed at start-up: memberships are worked out on
 * the first group request, in one pass over the members, and again only when members are added.
 * Each group takes about `target` members from those its rule allows, so sizes stay the same at
 * 250 members or 250,000.
 */

export type GroupAccess = 'private' | 'org' | 'public';
export type MemberType = 'owner' | 'admin' | 'member';

interface GroupSpec {
  key: number;
  title: string;
  snippet: string;
  description: string;
  tags: string[];
  access: GroupAccess;
  owner: string;
  /** Group administrators besides the owner. */
  admins: string[];
  /** Demo accounts that are members (other demo accounts never are). */
  members: string[];
  /** Roughly how many seeded members it takes. */
  target: number;
  eligible: (m: Member) => boolean;
  /** Days after the org was created. */
  createdDay: number;
}

const types =
  (...t: UserLicenseType[]) =>
  (m: Member) =>
    t.includes(m.userLicenseTypeId);

const GROUP_SPECS: readonly GroupSpec[] = [
  {
    key: 1,
    title: 'GIS Department',
    snippet: 'Everyone who works in the GIS department.',
    description: 'Analysts, editors, field staff and viewers of the GIS department.',
    tags: ['department', 'gis'],
    access: 'org',
    owner: 'demo_admin',
    admins: ['demo_credits'],
    members: ['demo_member'],
    target: 60,
    // Every user type: a group-wide rule here visibly overrides the user type rules.
    eligible: () => true,
    createdDay: 3,
  },
  {
    key: 2,
    title: 'Field Crews',
    snippet: 'Mobile workers and data editors collecting in the field.',
    description: 'Crews who collect and edit data with the field apps.',
    tags: ['department', 'field'],
    access: 'org',
    owner: 'demo_admin',
    admins: [],
    members: [],
    target: 120,
    eligible: types('fieldWorkerUT', 'editorUT'),
    createdDay: 10,
  },
  {
    key: 3,
    title: 'Planning',
    snippet: 'The planning department.',
    description: 'Planners who build maps, scenes and analyses.',
    tags: ['department', 'planning'],
    access: 'org',
    owner: 'demo_admin',
    admins: [],
    members: [],
    target: 40,
    eligible: (m) => m.role !== 'org_user' || types('creatorUT', 'GISProfessionalStdUT')(m),
    createdDay: 21,
  },
  {
    key: 4,
    title: 'GEOG 101 – Fall',
    snippet: 'Introduction to GIS, fall semester.',
    description: 'Students and teaching assistants of GEOG 101 this fall.',
    tags: ['class', 'geog101', 'fall'],
    access: 'org',
    owner: 'demo_credits',
    admins: [],
    members: ['demo_member'],
    target: 80,
    eligible: (m) => m.role === 'org_user' && types('viewerUT', 'storytellerUT', 'creatorUT')(m),
    createdDay: 200,
  },
  {
    key: 5,
    title: 'Flood Project',
    snippet: 'River flood risk mapping project.',
    description: 'A private project group: only its members and administrators see it.',
    tags: ['project', 'flood'],
    access: 'private',
    owner: 'demo_admin',
    admins: [],
    members: [],
    target: 25,
    eligible: (m) => m.level === '2',
    createdDay: 240,
  },
  {
    key: 6,
    title: 'Emergency Operations',
    snippet: 'Staff of the emergency operations centre.',
    description: 'Dashboards and situational awareness for emergency operations.',
    tags: ['department', 'emergency'],
    access: 'org',
    owner: 'demo_admin',
    admins: [],
    members: [],
    target: 30,
    eligible: () => true,
    createdDay: 120,
  },
  {
    key: 7,
    title: 'Open Data Team',
    snippet: 'Publishes the open data site.',
    description: 'A public group: anyone can find it.',
    tags: ['project', 'open data'],
    access: 'public',
    owner: 'demo_admin',
    admins: [],
    members: [],
    target: 12,
    eligible: (m) => m.role !== 'org_user',
    createdDay: 300,
  },
];

export interface OrgGroup {
  id: string;
  title: string;
  snippet: string;
  description: string;
  tags: readonly string[];
  access: GroupAccess;
  owner: string;
  created: number;
  /** Group administrators, owner first. */
  admins: readonly string[];
  /** Members who are not administrators. */
  users: readonly string[];
}

interface Memberships {
  /** Members the groups were worked out for: redone when it changes. */
  count: number;
  lastUsername: string | undefined;
  groups: OrgGroup[];
  byUsername: Map<string, OrgGroup[]>;
}

const GROUP_STREAM = 0x67_72_70;
const SAMPLE = 5000;

export class OrgGroups {
  private cache: Memberships | undefined;

  constructor(
    private readonly seed: number,
    private readonly seedMembers: number,
    private readonly members: () => readonly Member[],
    private readonly orgCreated: () => number,
  ) {}

  private memberships(): Memberships {
    const members = this.members();
    const last = members[members.length - 1]?.username;
    if (this.cache && this.cache.count === members.length && this.cache.lastUsername === last)
      return this.cache;

    // Each rule's share of the seeded members, from (up to) the first SAMPLE of them, fixes the
    // group's odds: adding members later never moves anyone in or out of a group, and no pass over
    // every member is needed to size the groups.
    const sample = Math.min(SAMPLE, this.seedMembers, members.length);
    const created = this.orgCreated();
    const demo = new Set(DEMO_USERNAMES);
    const users: string[][] = GROUP_SPECS.map((spec) => [...spec.members]);
    const thresholds = GROUP_SPECS.map((spec) => {
      let eligible = 0;
      for (let i = 0; i < sample; i++) if (spec.eligible(members[i]!)) eligible++;
      const expected = (eligible / Math.max(1, sample)) * this.seedMembers;
      return Math.floor(Math.min(1, spec.target / Math.max(1, expected)) * 0x1_0000_0000);
    });
    for (const m of members) {
      if (demo.has(m.username)) continue;
      for (let i = 0; i < GROUP_SPECS.length; i++) {
        const spec = GROUP_SPECS[i]!;
        if (hash32(this.seed, GROUP_STREAM + spec.key, m.index) < thresholds[i]! && spec.eligible(m)) {
          users[i]!.push(m.username);
        }
      }
    }
    const groups = GROUP_SPECS.map((spec, i): OrgGroup => ({
      id: hexId(this.seed, GROUP_STREAM + spec.key, 0x9c, 32),
      title: spec.title,
      snippet: spec.snippet,
      description: spec.description,
      tags: spec.tags,
      access: spec.access,
      owner: spec.owner,
      created: created + spec.createdDay * DAY_MS,
      admins: [spec.owner, ...spec.admins],
      users: users[i]!,
    }));
    const byUsername = new Map<string, OrgGroup[]>();
    for (const g of groups) {
      for (const u of [...g.admins, ...g.users]) {
        const key = u.toLowerCase();
        const list = byUsername.get(key);
        if (list) list.push(g);
        else byUsername.set(key, [g]);
      }
    }
    this.cache = { count: members.length, lastUsername: last, groups, byUsername };
    return this.cache;
  }

  all(): readonly OrgGroup[] {
    return this.memberships().groups;
  }

  find(id: string): OrgGroup | undefined {
    const key = id.toLowerCase();
    return this.all().find((g) => g.id === key);
  }

  /** The groups `username` belongs to (as owner, administrator or member). */
  groupsOf(username: string): readonly OrgGroup[] {
    return this.memberships().byUsername.get(username.toLowerCase()) ?? [];
  }

  /** `username`'s place in `group`, or undefined when not a member. */
  memberType(group: OrgGroup, username: string): MemberType | undefined {
    const key = username.toLowerCase();
    if (group.owner.toLowerCase() === key) return 'owner';
    if (group.admins.some((a) => a.toLowerCase() === key)) return 'admin';
    if (group.users.some((u) => u.toLowerCase() === key)) return 'member';
    return undefined;
  }
}
