/** What the sign-in parts of the demo portal need to know about a member. */
export interface Account {
  username: string;
  fullName: string;
  role: string;
  privileges: readonly string[];
}

/** Implemented by the org model: looks members up and checks demo passwords. */
export interface AccountDirectory {
  getAccount(username: string): Account | undefined;
  verifyPassword(username: string, password: string): boolean;
}

export const MANAGE_CREDITS = 'portal:admin:manageCredits';

export function canManageCredits(account: Pick<Account, 'role' | 'privileges'>): boolean {
  return account.role === 'org_admin' || account.privileges.includes(MANAGE_CREDITS);
}
