import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/** The rows to put in the DOM: `[start, end)` of `count`, each `rowHeight` tall. */
export interface RowWindow {
  start: number;
  end: number;
  totalHeight: number;
}

/**
 * Which rows of a fixed-height list are on screen (plus `overscan` either side), from the scroller's
 * scroll position and height. Every row of the member table is the same height, so this is
 * arithmetic on two numbers: nothing per row, whatever the count (a general virtualizer keeps a
 * measurement per row and rebuilds all of them when the count changes, which at 250,000 members
 * cost more than the search itself). Re-renders only when the first visible row or the number of
 * visible rows changes, not on every scrolled pixel.
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  const [view, setView] = useState({ first: 0, visible: 0, height: 0 });
  const read = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    // jsdom (and a hidden tab) report a zero-height scroller: assume a screenful so rows still render.
    const height = el.clientHeight > 0 ? el.clientHeight : 640;
    const first = Math.floor(el.scrollTop / rowHeight);
    const visible = Math.ceil(height / rowHeight) + 1;
    setView((prev) =>
      prev.first === first && prev.visible === visible && prev.height === height
        ? prev
        : { first, visible, height },
    );
  }, [scrollRef, rowHeight]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    read();
    el.addEventListener('scroll', read, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(read) : undefined;
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      observer?.disconnect();
    };
  }, [scrollRef, read]);
  // A shorter list moves the scroll position back (the browser clamps it, then tells with a scroll
  // event). Worked out here rather than read back, which would force a layout in every commit.
  const lastFirst = Math.floor(Math.max(0, count * rowHeight - view.height) / rowHeight);
  const first = Math.min(view.first, lastFirst);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + view.visible + overscan);
  return { start, end: Math.max(start, end), totalHeight: count * rowHeight };
}
