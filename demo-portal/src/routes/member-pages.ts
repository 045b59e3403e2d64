import type { Member } from '../model/member.ts';
import type { MemberPage, OrgModel } from '../model/org.ts';
import type { PageRequest } from '../model/user-query.ts';
import { CLOSING_TEXT, innerJson, json, pageFields } from './views.ts';

/**
 * Member list and search pages written straight as JSON bytes, in the shape `listedUserView`
 * gives (same keys, order and values; a test holds the two to each other).
 *
 * Paging through a large org is what clients do most (the console's member index, the Python
 * API's `users.search()`), and building then serialising 100 objects of 35 keys was most of a
 * page's cost. What a member shows that depends only on the member (name, id, role, user type,
 * dates, storage) is written once as UTF-8 into a byte store of the org's member list; a page
 * copies those bytes and writes only what depends on the caller or on usage (email, credits).
 */

/**
 * The kept bytes of one member list: per member index, its opening brace and identity (up to `description`) and
 * its access and profile (`userType` … `storageQuota`), and the member object they were written
 * for. Members are immutable apart from their allocation, which is never kept here; a reset
 * builds a new member list (so a new store), and an entry is only read for the very member
 * object it was written for.
 */
/** Room set aside per member (a seeded member's kept parts are about 640 bytes). */
const BYTES_PER_MEMBER = 768;

class MemberBytes {
  private bytes: Buffer;
  private used = 0;
  private readonly owners: (Member | undefined)[] = [];
  private starts: Uint32Array;
  private mids: Uint32Array;
  private ends: Uint32Array;

  /**
   * Room for `members` members at the start: address space only, memory is taken as members are
   * written (so a growing copy is rare: only members added beyond that).
   */
  constructor(
    private readonly orgId: string,
    members: number,
  ) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(1 << 16, members * BYTES_PER_MEMBER));
    this.starts = new Uint32Array(members + 64);
    this.mids = new Uint32Array(members + 64);
    this.ends = new Uint32Array(members + 64);
  }

  /** Bytes written so far (for the bench and the README's memory figures). */
  get size(): number {
    return this.used;
  }

  /** Writes the member's kept parts unless they are already kept for this very object. */
  keep(m: Member): void {
    const i = m.index;
    if (this.owners[i] === m) return;
    const identity = `{${identityText(m)}`;
    const rest = restText(m, this.orgId);
    this.reserve(i, Buffer.byteLength(identity) + Buffer.byteLength(rest));
    this.starts[i] = this.used;
    this.used += this.bytes.write(identity, this.used);
    this.mids[i] = this.used;
    this.used += this.bytes.write(rest, this.used);
    this.ends[i] = this.used;
    this.owners[i] = m;
  }

  identityLength(i: number): number {
    return this.mids[i]! - this.starts[i]!;
  }

  restLength(i: number): number {
    return this.ends[i]! - this.mids[i]!;
  }

  copyIdentity(i: number, into: Buffer, at: number): number {
    return this.bytes.copy(into, at, this.starts[i], this.mids[i]);
  }

  copyRest(i: number, into: Buffer, at: number): number {
    return this.bytes.copy(into, at, this.mids[i], this.ends[i]);
  }

  private reserve(index: number, length: number): void {
    if (index >= this.starts.length) {
      const capacity = Math.max(index + 1, this.starts.length * 2);
      const grow = (a: Uint32Array) => {
        const next = new Uint32Array(capacity);
        next.set(a);
        return next;
      };
      this.starts = grow(this.starts);
      this.mids = grow(this.mids);
      this.ends = grow(this.ends);
    }
    if (this.used + length > this.bytes.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
  }
}

function identityText(m: Member): string {
  return `"username":${json(m.username)},"id":${json(m.id)},"fullName":${json(m.fullName)},"firstName":${json(m.firstName)},"lastName":${json(m.lastName)},"description":null`;
}

function restText(m: Member, orgId: string): string {
  const roleId = m.roleId ? `,"roleId":${json(m.roleId)}` : '';
  return (
    `"userType":"arcgisonly","idpUsername":null,"favGroupId":null,"role":${json(m.role)}${roleId}` +
    `,"level":${json(m.level)},"userLicenseTypeId":${json(m.userLicenseTypeId)},"disabled":false` +
    `,"provider":"arcgis","access":"org","orgId":${json(orgId)},"lastLogin":${json(m.lastLogin)}` +
    `,"created":${json(m.created)},"modified":${json(m.modified)},"mfaEnabled":false` +
    `,"mfaEnforcementExempt":false,"udn":null,"categories":[],"emailStatus":"verified"` +
    `,"emailStatusDate":${json(m.created)},"preferredView":null,"storageUsage":${json(m.storageUsage)}` +
    `,"storageQuota":${json(m.storageQuota)}`
  );
}

/** One store per member list: a reset replaces the list, and with it the store. */
const stores = new WeakMap<readonly Member[], MemberBytes>();

function storeOf(org: OrgModel): MemberBytes {
  let store = stores.get(org.members);
  if (!store) {
    store = new MemberBytes(org.identity.id, org.members.length);
    stores.set(org.members, store);
  }
  return store;
}

/** Bytes kept for the org's members so far (0 before any page was written). */
export function keptMemberBytes(org: OrgModel): number {
  return stores.get(org.members)?.size ?? 0;
}

/**
 * What a member's entry has between its kept parts (`,"email":…,` or `,`) and after them
 * (`,"assignedCredits":…,"availableCredits":…` for those the caller sees in full, then the
 * closing fields and `}`), for this caller.
 */
function callerText(org: OrgModel, m: Member, caller: Member): { middle: string; end: string } {
  if (!org.seesPrivateFields(caller, m)) return { middle: ',', end: CLOSING };
  const middle = `,"email":${json(m.email)},`;
  if (!org.budgetingEnabled) return { middle, end: CLOSING };
  const c = org.memberCredits(m);
  return {
    middle,
    end: `,"assignedCredits":${json(c.assignedCredits)},"availableCredits":${json(c.availableCredits)}${CLOSING}`,
  };
}

const CLOSING = `,${CLOSING_TEXT}}`;

/** A page: `head`'s fields, then the members under `key`, as `{...head, [key]: [...]}` would be. */
function memberPageBytes(
  org: OrgModel,
  head: object,
  key: 'users' | 'results',
  page: MemberPage,
  caller: Member,
): Uint8Array<ArrayBuffer> {
  const store = storeOf(org);
  const opening = `{${innerJson(head)},${json(key)}:[`;
  const last = page.members.length - 1;
  let size = Buffer.byteLength(opening) + 2;
  const texts = page.members.map((m, k) => {
    store.keep(m);
    const text = callerText(org, m, caller);
    if (k < last) text.end += ',';
    size += store.identityLength(m.index) + Buffer.byteLength(text.middle);
    size += store.restLength(m.index) + Buffer.byteLength(text.end);
    return text;
  });
  const out = new Uint8Array(size);
  const buf = Buffer.from(out.buffer, 0, size);
  let at = buf.write(opening, 0);
  page.members.forEach((m, k) => {
    const text = texts[k]!;
    at += store.copyIdentity(m.index, buf, at);
    at += buf.write(text.middle, at);
    at += store.copyRest(m.index, buf, at);
    at += buf.write(text.end, at);
  });
  at += buf.write(']}', at);
  if (at !== size) throw new Error(`member page: wrote ${at} of ${size} bytes`);
  return out;
}

/** `portals/self/users`: members under `users`. */
export function usersPageBytes(
  org: OrgModel,
  req: PageRequest,
  page: MemberPage,
  caller: Member,
): Uint8Array<ArrayBuffer> {
  return memberPageBytes(org, pageFields(req, page.total), 'users', page, caller);
}

/** `portals/self/users/search` and `community/users`: members under `results`, plus the query. */
export function searchPageBytes(
  org: OrgModel,
  req: PageRequest,
  q: string,
  page: MemberPage,
  caller: Member,
): Uint8Array<ArrayBuffer> {
  return memberPageBytes(org, { query: q, ...pageFields(req, page.total) }, 'results', page, caller);
}
