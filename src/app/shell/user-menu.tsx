import * as DropdownMenu from '@radix-ui/react-dropdown-menu';

export interface UserMenuProps {
  username: string;
  fullName?: string;
  /** The role's name ("Credit manager", "Administrator"). */
  role?: string;
  onSignOut(): void;
}

export function UserMenu({ username, fullName, role, onSignOut }: UserMenuProps) {
  const name = fullName || username;
  const initials = name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its focusable
    // controls stay focusable (axe: aria-hidden-focus). Escape, Tab and a click outside close it.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="user-button" aria-label={`Account: ${name}`}>
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-name">{name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Label className="menu-label">
            <strong>{name}</strong>
            <span className="muted small">
              {username}
              {role ? ` · ${role}` : ''}
            </span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item" onSelect={onSignOut}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
