import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useCurrentSandbox } from '@/lib/what-if/sandbox-store';
import '../what-if.css';

/**
 * The band across the app while a what-if is open: every page says the figures on the Overview are
 * a sandbox, nothing has changed in the organization. Announced when it opens and closes.
 */
export function SandboxBand() {
  const { sandbox } = useCurrentSandbox();
  const location = useLocation();
  const onOverview = location.pathname === paths.overview.href();
  const open = Boolean(sandbox);
  useEffect(() => {
    document.documentElement.classList.toggle('what-if-open', open);
    return () => document.documentElement.classList.remove('what-if-open');
  }, [open]);
  return (
    <>
      {/* Always present, so opening and closing the sandbox is announced. */}
      <p role="status" className="visually-hidden">
        {sandbox ? 'What-if sandbox open: nothing changes in the organization until you apply it.' : ''}
      </p>
      {sandbox && (
        <div className="what-if-band" role="region" aria-label="What-if sandbox">
          <strong>What-if sandbox</strong>
          <span>Nothing changes in the organization until you apply it.</span>
          {!onOverview && (
            <Link to={paths.overview.href()} className="what-if-band-link">
              Back to the what-if
            </Link>
          )}
        </div>
      )}
    </>
  );
}
