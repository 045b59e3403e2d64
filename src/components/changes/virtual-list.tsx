import { useRef, type ReactNode } from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** The list's accessible name. */
  label: string;
  keyOf(item: T): string;
  render(item: T): ReactNode;
  rowHeight?: number;
}

// jsdom (and a hidden tab) reports a zero-size scroller; assume a screenful so rows still render.
function observeRectWithFallback(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) =>
    cb(rect.height > 0 ? rect : { width: rect.width || 600, height: 320 }),
  );
}

/** A long list (thousands of members) with only the visible rows in the DOM. */
export function VirtualList<T>({ items, label, keyOf, render, rowHeight = 44 }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    getItemKey: (i) => {
      const item = items[i];
      return item === undefined ? i : keyOf(item);
    },
    observeElementRect: observeRectWithFallback,
  });
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the scroller must be reachable from the keyboard
    <div ref={scrollRef} className="change-list" tabIndex={0}>
      <ul aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          if (item === undefined) return null;
          return (
            <li
              key={v.key}
              aria-setsize={items.length}
              aria-posinset={v.index + 1}
              style={{ transform: `translateY(${v.start}px)`, height: rowHeight }}
            >
              {render(item)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
