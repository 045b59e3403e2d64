import { hexId } from './random.ts';

/** Members of the demo organization: types, roles, privileges, user types. */

export type Role = 'org_admin' | 'org_publisher' | 'org_user';

/**
 * ArcGIS Online's user type IDs. Since the June 2024 rename they carry new names (Creator,
 * Professional, Professional Plus, Mobile Worker, Contributor, Viewer, Storyteller) but the IDs
 * are unchanged, and they are what every client reads.
 */
export const USER_LICENSE_TYPES = [
  'creatorUT',
  'GISProfessionalStdUT',
  'GISProfessionalAdvUT',
  'fieldWorkerUT',
  'editorUT',
  'viewerUT',
  'storytellerUT',
] as const;
export type UserLicenseType = (typeof USER_LICENSE_TYPES)[number];

/** IDs earlier versions of the demo org invented (no real org sends them), with today's ID. */
const RETIRED_DEMO_TYPES: Readonly<Record<string, UserLicenseType>> = {
  professionalUT: 'GISProfessionalStdUT',
  professionalPlusUT: 'GISProfessionalAdvUT',
  mobileWorkerUT: 'fieldWorkerUT',
  contributorUT: 'editorUT',
};

export function isUserLicenseType(value: string): value is UserLicenseType {
  return (USER_LICENSE_TYPES as readonly string[]).includes(value);
}

/**
 * The real user type for a saved one: real IDs stay, the demo's retired IDs map to their real
 * successor, anything else is unknown (undefined).
 */
export function migrateUserType(saved: string): UserLicenseType | undefined {
  if (isUserLicenseType(saved)) return saved;
  return RETIRED_DEMO_TYPES[saved];
}

/** ArcGIS Online's fixed IDs of its pre-built Viewer and Data Editor roles. */
export const VIEWER_ROLE_ID = 'iAAAAAAAAAAAAAAA';
export const DATA_EDITOR_ROLE_ID = 'iBBBBBBBBBBBBBBB';

export const CREDIT_MANAGER_ROLE_ID = 'cRdtMgr0000000001';
export const CREDIT_MANAGER_ROLE_NAME = 'Credit manager';

/** A custom role of the organization (built-in roles are `org_admin`, `org_publisher`, `org_user`). */
export interface CustomRole {
  id: string;
  name: string;
  description: string;
  /** The built-in role its members report as `role`. */
  baseRole: Role;
  created: number;
  modified: number;
  privileges: readonly string[];
}

const USER_BASE = [
  'portal:user:createGroup',
  'portal:user:createItem',
  'portal:user:joinGroup',
  'portal:user:joinNonOrgGroup',
  'portal:user:shareToGroup',
  'portal:user:shareToOrg',
  'portal:user:viewOrgGroups',
  'portal:user:viewOrgItems',
  'portal:user:viewOrgUsers',
  'premium:user:basemaps',
  'premium:user:demographics',
  'premium:user:elevation',
  'premium:user:geocode',
  'premium:user:networkanalysis',
];

const PUBLISHER_EXTRA = [
  'portal:publisher:publishFeatures',
  'portal:publisher:publishScenes',
  'portal:publisher:publishTiles',
  'portal:publisher:publishDynamicImagery',
  'portal:user:shareGroupToOrg',
  'portal:user:shareToPublic',
  'premium:user:featurereport',
  'premium:user:geoenrichment',
  'premium:user:spatialanalysis',
  'premium:user:createNotebooks',
];

const ADMIN_EXTRA = [
  'portal:admin:assignToGroups',
  'portal:admin:changeUserRoles',
  'portal:admin:deleteGroups',
  'portal:admin:deleteItems',
  'portal:admin:deleteUsers',
  'portal:admin:disableUsers',
  'portal:admin:inviteUsers',
  'portal:admin:manageCredits',
  'portal:admin:manageEnterpriseGroups',
  'portal:admin:manageLicenses',
  'portal:admin:manageRoles',
  'portal:admin:manageSecurity',
  'portal:admin:manageUtilityServices',
  'portal:admin:manageWebsite',
  'portal:admin:reassignItems',
  'portal:admin:updateGroups',
  'portal:admin:updateItems',
  'portal:admin:updateUsers',
  'portal:admin:viewGroups',
  'portal:admin:viewItems',
  'portal:admin:viewUsers',
  'portal:user:shareGroupToPublic',
];

export const PRIVILEGES = {
  admin: Object.freeze([...ADMIN_EXTRA, ...PUBLISHER_EXTRA, ...USER_BASE].sort()),
  publisher: Object.freeze([...PUBLISHER_EXTRA, ...USER_BASE].sort()),
  user: Object.freeze([...USER_BASE].sort()),
  viewer: Object.freeze([
    'portal:user:joinGroup',
    'portal:user:viewOrgGroups',
    'portal:user:viewOrgItems',
    'portal:user:viewOrgUsers',
  ]),
  creditManager: Object.freeze(
    [...PUBLISHER_EXTRA, ...USER_BASE, 'portal:admin:manageCredits', 'portal:admin:viewUsers'].sort(),
  ),
} as const;

/** The org's custom roles: the one it created plus the two ArcGIS Online pre-builds. */
export function customRoles(orgCreated: number): CustomRole[] {
  return [
    {
      id: CREDIT_MANAGER_ROLE_ID,
      name: CREDIT_MANAGER_ROLE_NAME,
      description: 'Publishers who also manage credit budgets and view members.',
      baseRole: 'org_publisher',
      created: orgCreated + 200 * 86_400_000,
      modified: orgCreated + 420 * 86_400_000,
      privileges: PRIVILEGES.creditManager,
    },
    {
      id: VIEWER_ROLE_ID,
      name: 'Viewer',
      description: 'View content shared with them and join groups.',
      baseRole: 'org_user',
      created: orgCreated,
      modified: orgCreated,
      privileges: PRIVILEGES.viewer,
    },
    {
      id: DATA_EDITOR_ROLE_ID,
      name: 'Data Editor',
      description: 'Viewer privileges plus editing data in hosted feature layers.',
      baseRole: 'org_user',
      created: orgCreated,
      modified: orgCreated,
      privileges: [...PRIVILEGES.viewer, 'features:user:edit'].sort(),
    },
  ];
}

export function privilegesFor(
  role: Role,
  roleId: string | undefined,
  type: UserLicenseType,
): readonly string[] {
  if (roleId === CREDIT_MANAGER_ROLE_ID) return PRIVILEGES.creditManager;
  if (role === 'org_admin') return PRIVILEGES.admin;
  if (role === 'org_publisher') return PRIVILEGES.publisher;
  return type === 'viewerUT' ? PRIVILEGES.viewer : PRIVILEGES.user;
}

/** How a member spends credits; derived from the seed, used for history and advanced days. */
export interface UsageProfile {
  /** Probability of an active day before weekday/season factors. */
  rate: number;
  /** Multiplier on the size of each transaction. */
  intensity: number;
  /** Cumulative weights over the budgeted service types. */
  stypeCumulative: readonly number[];
}

/** An allocation: cap -1 = no limit; otherwise a cap that applies from `start` (ms). */
export interface Allocation {
  cap: number;
  start: number;
}

/**
 * A member of the org. Only what is drawn from the seed is stored; names, ids, privileges and the
 * lower-case search forms are derived when read, so a 250,000-member org holds one small object
 * per member (the derived strings would otherwise be most of its heap and its start-up time).
 */
export class Member {
  /** Added at runtime (addMember), not part of the seed. */
  added = false;
  constructor(
    private readonly seed: number,
    readonly index: number,
    readonly username: string,
    readonly firstName: string,
    readonly lastName: string,
    readonly email: string,
    readonly role: Role,
    readonly roleId: string | undefined,
    readonly userLicenseTypeId: UserLicenseType,
    readonly created: number,
    readonly modified: number,
    readonly lastLogin: number,
    readonly storageUsage: number,
    /** Only the three demo accounts have a password. */
    readonly password: string | undefined,
    public allocation: Allocation,
    public profile: UsageProfile,
  ) {
    this.usernameLc = username.toLowerCase();
  }

  /** The username in lower case (the same string for seeded names, which are lower case). */
  readonly usernameLc: string;

  get id(): string {
    return hexId(this.seed, this.index, 0x1d, 32);
  }

  get fullName(): string {
    return `${this.firstName} ${this.lastName}`;
  }

  get privileges(): readonly string[] {
    return privilegesFor(this.role, this.roleId, this.userLicenseTypeId);
  }

  get level(): '1' | '2' {
    return levelFor(this.userLicenseTypeId);
  }

  get storageQuota(): number {
    return STORAGE_QUOTA;
  }

  get fullNameLc(): string {
    return this.fullName.toLowerCase();
  }

  get firstNameLc(): string {
    return lowerName(this.firstName);
  }

  get lastNameLc(): string {
    return lowerName(this.lastName);
  }

  get emailLc(): string {
    return this.email.toLowerCase();
  }

  /** Lowercase "username fullname email" for free-text search. */
  get haystack(): string {
    return `${this.usernameLc}\u0001${this.fullNameLc}\u0001${this.emailLc}`;
  }
}

/** Every member's storage quota (2 TiB, the org's). */
export const STORAGE_QUOTA = 2_199_023_255_552;

export function levelFor(type: UserLicenseType): '1' | '2' {
  return type === 'viewerUT' ? '1' : '2';
}

const lowerNames = new Map<string, string>();

/** Lower-case first or last name, shared between members with the same name (seeded names repeat). */
function lowerName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 10_000) lowerNames.set(name, lower);
  }
  return lower;
}
