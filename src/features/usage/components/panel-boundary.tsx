import type { ReactNode } from 'react';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ErrorState } from '@/components/ui/error-state';
import { describeError } from '@/lib/arcgis/errors';

export interface PanelBoundaryProps {
  title: string;
  resetKeys?: readonly unknown[];
  children: ReactNode;
}

/** Keeps one panel's failure (e.g. a 5xx thrown by its query) inside that panel. */
export function PanelBoundary({ title, resetKeys, children }: PanelBoundaryProps) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary
          onReset={reset}
          resetKeys={resetKeys}
          fallback={({ error, reset: retry }) => (
            <ErrorState title={title} message={describeError(error)} onRetry={retry} />
          )}
        >
          {children}
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}
