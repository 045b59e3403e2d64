export interface SkeletonProps {
  lines?: number;
  label?: string;
}

/** A loading placeholder with an accessible name. */
export function Skeleton({ lines = 3, label = 'Loading…' }: SkeletonProps) {
  return (
    <div className="skeleton" role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}
