import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { usePresentationMode } from '@/lib/presentation';
import { loadIdentity } from '../api/identity-loader';
import { useReturnFocus } from '@/lib/use-return-focus';

export interface ReauthDialogProps {
  open: boolean;
  username: string;
  onSignedIn(): void;
  onSignOut(): void;
}

/**
 * Shown when the session ended and a silent refresh failed. Signing in again happens in a popup, so
 * the page underneath (open dialogs, typed values) stays exactly as it was.
 */
export function ReauthDialog({ open, username, onSignedIn, onSignOut }: ReauthDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Presentation mode: the screen may be shared, so no username, not even the administrator's own.
  const [masked] = usePresentationMode();

  async function signInAgain() {
    setPending(true);
    setError(null);
    try {
      const identity = await loadIdentity();
      const credential = await identity.signInWithPopup();
      if (credential.username !== username) {
        setError(
          masked
            ? 'You signed in with a different account. Sign in with the account you used before, or sign out.'
            : `You signed in as ${credential.username}. Sign in as ${username} to continue, or sign out.`,
        );
        return;
      }
      onSignedIn();
    } catch (e) {
      const name = typeof e === 'object' && e && 'name' in e ? String(e.name) : '';
      setError(
        name === 'identity-manager:popup-blocked'
          ? 'The sign-in window was blocked. Allow pop-ups for this site and try again.'
          : 'Sign-in did not complete. Try again.',
      );
    } finally {
      setPending(false);
    }
  }

  const returnFocus = useReturnFocus(open);
  return (
    <Dialog.Root open={open}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          onCloseAutoFocus={returnFocus}
          className="dialog"
          onEscapeKeyDown={(e) => e.preventDefault()}
          onPointerDownOutside={(e) => e.preventDefault()}
        >
          <Dialog.Title className="dialog-title">Your session has ended</Dialog.Title>
          <Dialog.Description>
            {masked ? (
              'Sign in again with the same account to continue.'
            ) : (
              <>
                Sign in again as <strong>{username}</strong> to continue.
              </>
            )}{' '}
            Nothing you typed is lost.
          </Dialog.Description>
          {error && (
            <p role="alert" className="notice notice-error">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onSignOut}>
              Sign out
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={pending}
              onClick={() => void signInAgain()}
            >
              {pending ? 'Waiting for sign-in…' : 'Sign in again'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
