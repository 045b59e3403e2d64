import { JournalView } from '@/components/changes/journal-view';

export function JournalRoute() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Journal</h1>
      </header>
      <JournalView />
    </div>
  );
}
