import { Skeleton } from '@/components/ui/skeleton';

export function RouteLoading() {
  return (
    <div className="page">
      <Skeleton lines={4} label="Loading page…" />
    </div>
  );
}
