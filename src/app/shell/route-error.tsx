import { useRouteError } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { describeError } from '@/lib/arcgis/errors';

/** Last-resort error page for a route that failed to load (e.g. its code chunk after a deploy). */
export function RouteErrorBoundary() {
  const error = useRouteError();
  return (
    <main className="center-page">
      <ErrorState
        title="This page could not be shown"
        message={error instanceof Error ? describeError(error) : 'An unexpected error occurred.'}
        onRetry={() => window.location.reload()}
      />
    </main>
  );
}
