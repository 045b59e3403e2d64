import { describe, expect, it } from 'vitest';
import { roleKeyOf, roleName, roleNamesOf } from './role-names';

describe('role names', () => {
  const names = roleNamesOf([{ id: 'cRdtMgr0000000001', name: 'Credit manager' }]);

  it('names a custom role from the org’s roles, keyed by its id', () => {
    const member = { role: 'org_publisher', roleId: 'cRdtMgr0000000001' };
    expect(roleKeyOf(member)).toBe('cRdtMgr0000000001');
    expect(roleName(member, names)).toBe('Credit manager');
  });

  it('names built-in roles and ArcGIS Online’s pre-built Viewer and Data Editor roles', () => {
    expect(roleName({ role: 'org_admin' }, names)).toBe('Administrator');
    expect(roleName({ role: 'org_user', roleId: 'iAAAAAAAAAAAAAAA' })).toBe('Viewer');
    expect(roleName({ role: 'org_user', roleId: 'iBBBBBBBBBBBBBBB' })).toBe('Data Editor');
  });

  it('never shows an id for a custom role whose name is not known', () => {
    expect(roleName({ role: 'org_publisher', roleId: 'xYz0123456789abc' })).toBe('Custom role (Publisher)');
    expect(roleName({ roleId: 'xYz0123456789abc' })).toBe('Custom role');
    expect(roleName({})).toBe('Unknown');
  });
});
