import { useState } from 'react';
import './changes.css';
import * as Dialog from '@radix-ui/react-dialog';
import { useRuns } from '@/lib/change-plan/runner-context';
import { formatCount, formatPercent } from '@/lib/format';
import { RunStatus } from './run-status';

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * The header's run indicator: "Applying 2,502 changes — 40%" while a run is sending (whatever page
 * or dialog is open), then the last run's result. Opens the run's status.
 */
export function RunIndicator() {
  const runs = useRuns();
  const [open, setOpen] = useState(false);
  const current = runs.find((r) => r.state !== 'finished') ?? runs[runs.length - 1];
  if (!current) return null;

  const queued = runs.filter((r) => r.state !== 'finished').length;
  let label: string;
  if (current.state === 'finished') {
    const notUpdated = current.total - current.counts.applied;
    label =
      notUpdated > 0
        ? `${formatCount(current.counts.applied)} of ${plural(current.total, 'change', 'changes')} applied`
        : `${plural(current.counts.applied, 'change', 'changes')} applied`;
  } else if (current.state === 'waiting-for-sign-in') {
    label = `Paused: sign in to finish ${plural(current.total, 'change', 'changes')}`;
  } else {
    const pct = current.total ? Math.floor((current.done / current.total) * 100) : 0;
    label = `Applying ${plural(current.total, 'change', 'changes')} — ${formatPercent(pct)}${queued > 1 ? ` (+${queued - 1} queued)` : ''}`;
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        className={`button button-small run-indicator${current.state === 'finished' ? '' : ' run-indicator-busy'}`}
        aria-live="polite"
      >
        {label}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog bulk-dialog" aria-describedby={undefined}>
          <Dialog.Title className="dialog-title">{current.plan.title}</Dialog.Title>
          <RunStatus key={current.id} runId={current.id} onClose={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
