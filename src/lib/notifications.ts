import { useSyncExternalStore } from 'react';

/** App-wide notifications (toasts): the one small UI store. */
export interface Notification {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
}

let items: Notification[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

export function notify(n: Omit<Notification, 'id'>, timeoutMs = 6000): number {
  const id = nextId++;
  items = [...items.filter((i) => i.message !== n.message), { ...n, id }].slice(-4);
  emit();
  if (timeoutMs > 0) setTimeout(() => dismiss(id), timeoutMs);
  return id;
}

export function dismiss(id: number): void {
  items = items.filter((i) => i.id !== id);
  emit();
}

export function useNotifications(): Notification[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
  );
}
