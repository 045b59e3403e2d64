import { useArcGISClient } from '@/lib/arcgis/client-context';
import { emptySandbox } from '@/lib/what-if/sandbox';
import { useCurrentSandbox } from '@/lib/what-if/sandbox-store';

/** "Try a what-if": opens the sandbox (nothing changes in the organization). */
export function WhatIfButton() {
  const client = useArcGISClient();
  const { sandbox, set } = useCurrentSandbox();
  if (sandbox) return null;
  return (
    <button
      type="button"
      className="button button-secondary print-hide"
      onClick={() => {
        set(emptySandbox(client.portalUrl));
        // Bring the panel (at the top of the page) into view for keyboard and screen reader users.
        requestAnimationFrame(() => document.getElementById('what-if-title')?.focus());
      }}
    >
      Try a what-if
    </button>
  );
}
