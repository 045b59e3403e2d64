import { PoliciesPage } from '@/features/policies/components/policies-page';
import { useDocumentTitle } from '@/lib/document-title';

export function PoliciesRoute() {
  useDocumentTitle('Policies');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Policies</h1>
        <p className="muted">
          Allocations by role, user type and group, with per-member overrides — kept in the organization so
          every administrator sees the same policies.
        </p>
      </header>
      <PoliciesPage />
    </div>
  );
}
