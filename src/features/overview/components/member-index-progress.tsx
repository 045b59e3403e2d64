import { useMemberIndexProgress } from '@/lib/member-index';
import { formatCount } from '../utils/format';
import { useArcGISClient } from '@/lib/arcgis/client-context';

/** The member index's loading progress: a bar with counts. */
export function MemberIndexProgress() {
  const client = useArcGISClient();
  const progress = useMemberIndexProgress(client);
  const label =
    progress && progress.total > 0
      ? `Loading members: ${formatCount(progress.loaded)} of ${formatCount(progress.total)}`
      : 'Loading members…';
  return (
    <div className="overview-progress">
      <progress
        aria-label="Loading members"
        max={progress?.total || 1}
        value={progress && progress.total > 0 ? Math.min(progress.loaded, progress.total) : undefined}
      />
      <p className="muted small">{label}</p>
    </div>
  );
}
