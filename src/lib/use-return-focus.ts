import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * Where focus goes when a dialog without a Radix `Dialog.Trigger` closes. Radix gives it back to the
 * trigger, and with none it falls to the page body, so a keyboard user starts again from the top.
 * This remembers what had focus as the dialog opened (a layout effect runs before the dialog's own
 * focus moves in) and returns it there; when that element has gone, to the page's main region.
 * Pass the result as `Dialog.Content`'s `onCloseAutoFocus`.
 */
export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, [open]);
  return useCallback((event: Event) => {
    const target = opener.current?.isConnected ? opener.current : document.getElementById('main');
    opener.current = null;
    if (!target) return;
    event.preventDefault();
    target.focus();
  }, []);
}
