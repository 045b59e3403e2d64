import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';

/**
 * A quiet line about the organization's journal (shared on the Journal page and the Overview's
 * reset card), with a Retry button when reading or sharing it failed.
 */
export function OrgJournalStatus({ org, children }: { org: UseQueryResult<unknown>; children: ReactNode }) {
  return (
    <p className="small muted" role="status">
      {children}
      {org.isError && (
        <>
          {' '}
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={org.isFetching}
            onClick={() => void org.refetch()}
          >
            Retry
          </button>
        </>
      )}
    </p>
  );
}
