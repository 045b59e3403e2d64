import type { ReactNode } from 'react';
import { useDocumentTitle } from '@/lib/document-title';

export interface FullPageStatusProps {
  title: string;
  children?: ReactNode;
}

/** A centered card used before the app shell exists (start-up, redirects, the admin gate). */
export function FullPageStatus({ title, children }: FullPageStatusProps) {
  useDocumentTitle(title);
  return (
    <main className="center-page">
      <section
        className="card center-card"
        aria-labelledby="status-title"
        aria-busy={children ? undefined : true}
      >
        <div className="brand-mark" aria-hidden="true">
          cc
        </div>
        <h1 id="status-title" className="center-title">
          {title}
        </h1>
        {children}
      </section>
    </main>
  );
}
