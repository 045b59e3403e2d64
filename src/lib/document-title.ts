import { useEffect } from 'react';

const APP_NAME = 'Credit Console';

/**
 * Titles the browser tab (and what a screen reader announces on navigation) "<page> · Credit Console".
 * Titles name pages only, never a person or an organization, so they are safe to share in
 * presentation mode.
 */
export function useDocumentTitle(page: string | undefined): void {
  useEffect(() => {
    document.title = page ? `${page} · ${APP_NAME}` : APP_NAME;
  }, [page]);
}
