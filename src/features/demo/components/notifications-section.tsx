import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import type { DemoNotification } from '@/lib/arcgis/demo';
import { describeError } from '@/lib/arcgis/errors';
import { formatCount } from '@/lib/format';
import { memberIndexQueries } from '@/lib/member-index';
import { maskPerson, usePresentationMode } from '@/lib/presentation';
import { demoNotificationQueries } from '../api/demo-notification-queries';
import { formatDemoDate } from '../utils/format';

interface Person {
  username: string;
  fullName?: string | null;
  firstName?: string | null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` with the recipients' names and usernames replaced by their aliases (presentation mode). */
function maskRecipients(text: string, people: readonly Person[]): string {
  let out = text;
  for (const p of people) {
    const alias = maskPerson(p);
    for (const [name, shown] of [
      [p.fullName, alias.fullName],
      [p.firstName, alias.fullName],
      [p.username, alias.displayUsername],
    ] as const) {
      if (name && name.length > 1) out = out.replace(new RegExp(escape(name), 'gi'), shown);
    }
  }
  return out;
}

function Recipients({ n, masked }: { n: DemoNotification; masked: boolean }) {
  const shown = n.users.slice(0, 3).map((u) => (masked ? maskPerson({ username: u }).displayUsername : u));
  const more = n.users.length - shown.length;
  return (
    <>
      {shown.join(', ')}
      {more > 0 && ` and ${formatCount(more)} more`}
    </>
  );
}

/** The last notifications members were sent (the demo org records them; nothing is e-mailed). */
export function NotificationsSection() {
  const client = useArcGISClient();
  const latest = useQuery(demoNotificationQueries.latest(client));
  const index = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const [masked] = usePresentationMode();
  const byName = new Map((index.data ?? []).map((m) => [m.username, m]));

  let body;
  if (latest.isPending) body = <p className="muted small">Loading…</p>;
  else if (latest.isError)
    body = (
      <p className="notice notice-error" role="alert">
        The notifications could not be loaded: {describeError(latest.error)}
      </p>
    );
  else if (latest.data.length === 0) body = <p className="muted small">No notifications sent yet.</p>;
  else
    body = (
      <ul className="demo-notifications" aria-label="Last notifications">
        {latest.data.map((n) => {
          const people = n.users.flatMap((u) => {
            const m = byName.get(u);
            return m ? [m] : [{ username: u }];
          });
          const subject = masked ? maskRecipients(n.subject, people) : n.subject;
          return (
            <li key={n.id}>
              <strong>{subject || '(no subject)'}</strong>
              <span className="muted small">
                {' '}
                · {n.channel === 'email' ? 'E-mail' : 'ArcGIS Online notification'} ·{' '}
                {formatDemoDate(n.created)} · to {formatCount(n.users.length)}:{' '}
                <Recipients n={n} masked={masked} />
              </span>
            </li>
          );
        })}
      </ul>
    );

  return (
    <section className="demo-section" aria-labelledby="demo-notifications-title">
      <h3 id="demo-notifications-title">Notifications sent</h3>
      <p className="field-hint">
        What members were sent from Notify. The demo organization records them; e-mail is never sent.
      </p>
      {body}
    </section>
  );
}
