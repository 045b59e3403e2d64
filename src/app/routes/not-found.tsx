import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Page not found</h1>
      </header>
      <p>There is no page at this address in Credit Console.</p>
      <p>
        <Link to={paths.overview.href()}>Go to the Overview</Link>
      </p>
    </div>
  );
}
