import { JournalView } from '@/components/changes/journal-view';
import { useDocumentTitle } from '@/lib/document-title';

export function JournalRoute() {
  useDocumentTitle('Journal');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Journal</h1>
      </header>
      <JournalView />
    </div>
  );
}
