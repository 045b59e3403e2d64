import { dismiss, useNotifications } from '@/lib/notifications';

/** Toasts, announced politely to screen readers. */
export function NotificationsRegion() {
  const items = useNotifications();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {items.map((n) => (
        <div key={n.id} className={`toast toast-${n.kind}`}>
          <span>{n.message}</span>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => dismiss(n.id)}
            aria-label="Dismiss notification"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
