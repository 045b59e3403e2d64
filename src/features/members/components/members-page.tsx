import { useCallback, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { MemberIndexStatusLine } from '@/components/member-index/index-status';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { useMemberIndexProgress } from '@/lib/member-index';
import { usePresentationMode } from '@/lib/presentation';
import { useMemberRows } from '../hooks/use-member-rows';
import { useMemberTableState } from '../hooks/use-member-table-state';
import { useMemberView } from '../hooks/use-member-view';
import { usePeriodUsage } from '../hooks/use-period-usage';
import { UsedNote } from './used-note';
import type { MemberRow, RoleOption } from '../utils/member-rows';
import { downloadCsv } from '@/lib/csv';
import { membersToCsv } from '../utils/csv';
import { formatCount } from '../utils/format';
import { NotifyDialog } from '@/components/notify/notify-dialog';
import type { NotifyRecipient } from '@/lib/notify/template';
import { BulkDialog, type BulkMode } from './bulk-dialog';
import { ImportDialog } from './import-dialog';
import { MemberDialog } from './member-dialog';
import { MemberTable } from './member-table';
import { MemberToolbar } from './member-toolbar';
import { SelectionBar } from './selection-bar';
import '../members.css';

export interface MembersPageProps {
  /** The per-member usage chart for the dialog, supplied by the app. */
  renderMemberUsage?: (username: string) => ReactNode;
  /** The page heading: focus goes there when a member dialog closes and that member's row is not on screen. */
  pageHeading?: RefObject<HTMLElement | null>;
}

/** M1–M5: the member table over the whole org, with the member dialog, bulk changes and CSV. */
export function MembersPage({ renderMemberUsage, pageHeading }: MembersPageProps) {
  const client = useArcGISClient();
  const { portal, index, derived, isBudgetingEnabled, orgAvailable } = useMemberRows(client);
  const state = useMemberTableState();

  if (index.isPending || portal.isPending) return <MembersLoading />;
  if (index.isError && !derived) {
    return (
      <ErrorState
        title="The member list could not be loaded"
        message={describeError(index.error)}
        onRetry={() => void index.refetch()}
      />
    );
  }
  if (portal.isError && !portal.data) {
    return (
      <ErrorState
        title="The organization could not be loaded"
        message={describeError(portal.error)}
        onRetry={() => void portal.refetch()}
      />
    );
  }
  if (!derived || derived.rows.length === 0) {
    return <p className="card">This organization has no members yet.</p>;
  }

  return (
    <MembersView
      rows={derived.rows}
      baseRows={derived.baseRows}
      roles={derived.roles}
      userTypes={derived.userTypes}
      sumOfAllocations={derived.sumOfAllocations}
      isBudgetingEnabled={isBudgetingEnabled}
      orgAvailable={orgAvailable}
      partial={derived.partial}
      state={state}
      renderMemberUsage={renderMemberUsage}
      pageHeading={pageHeading}
    />
  );
}

/**
 * Before the first members show: the load's progress. Its own component, so that the counts ticking
 * re-render only this, never the table (which shows, with the status line, from the first members on).
 */
function MembersLoading() {
  const progress = useMemberIndexProgress(useArcGISClient());
  return (
    <div className="card">
      {progress && progress.total > 0 ? (
        <div className="member-loading">
          <p>
            Loading members: {formatCount(progress.loaded)} of {formatCount(progress.total)}
          </p>
          <progress aria-label="Loading members" max={progress.total} value={progress.loaded} />
        </div>
      ) : (
        <Skeleton lines={6} label="Loading members…" />
      )}
    </div>
  );
}

interface MembersViewProps extends MembersPageProps {
  rows: readonly MemberRow[];
  /** `rows` before the Source column was joined on (see `useMemberView`). */
  baseRows: readonly MemberRow[];
  roles: RoleOption[];
  userTypes: string[];
  sumOfAllocations: number;
  isBudgetingEnabled: boolean;
  orgAvailable: number | undefined;
  /** Only some of the org's members are loaded so far (a first load, or the kept first screen). */
  partial: boolean;
  state: ReturnType<typeof useMemberTableState>;
}

function MembersView(props: MembersViewProps) {
  const { rows, state, isBudgetingEnabled } = props;
  const { filters, sort, setParam } = state;
  // The search box filters from its own text at once; the URL follows.
  const [q, setQ] = useState(filters.q);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [bulk, setBulk] = useState<{ mode: BulkMode; rows: MemberRow[] } | null>(null);
  const [importing, setImporting] = useState(false);
  const [notifying, setNotifying] = useState<NotifyRecipient[] | null>(null);
  const anchor = useRef<number | null>(null);
  const [isMasked] = usePresentationMode();
  // The member whose dialog just closed, to put focus back on their row.
  const returnFocusTo = useRef<string | null>(null);
  // Each rendered row's open button by username (kept by the table; rows are virtualized).
  const [openers] = useState(() => new Map<string, HTMLElement>());
  // The button that opened the bulk or import dialog, to put focus back on it.
  const dialogOpener = useRef<HTMLElement | null>(null);
  const returnToOpener = (e: Event) => {
    const el = dialogOpener.current;
    if (el?.isConnected && !el.matches(':disabled')) {
      e.preventDefault();
      el.focus();
    }
  };

  // Usage this period of members without a limit: their Used figure.
  const hasUncapped = useMemo(() => rows.some((r) => r.limit.kind === 'unlimited'), [rows]);
  const client = useArcGISClient();
  const period = usePeriodUsage(client, isBudgetingEnabled && hasUncapped);
  const periodUsage = period.query.data;
  // Sorted once per data/sort change; a keystroke then scans the search index and picks rows.
  const view = useMemberView(rows, { ...filters, q }, sort, {
    isMasked,
    periodUsage,
    baseRows: props.baseRows,
    partial: props.partial,
  });
  const usedNoteId = useId();
  const byName = useMemo(() => new Map(rows.map((r) => [r.username, r])), [rows]);

  const onToggle = useCallback(
    (index: number, range: boolean) => {
      // Read the anchor now: the updater below runs later, after it has moved.
      const from0 = range ? anchor.current : null;
      setSelected((prev) => {
        const next = new Set(prev);
        const row = view.at(index);
        if (!row) return prev;
        const on = !prev.has(row.username);
        if (from0 !== null) {
          const [from, to] = from0 < index ? [from0, index] : [index, from0];
          for (let i = from; i <= to; i++) {
            const r = view.at(i);
            if (r) {
              if (on) next.add(r.username);
              else next.delete(r.username);
            }
          }
        } else if (on) next.add(row.username);
        else next.delete(row.username);
        return next;
      });
      anchor.current = index;
    },
    [view],
  );

  const allMatchingSelected =
    selected.size > 0 && view.length > 0 && view.every((r) => selected.has(r.username));
  const selectAllMatching = () => setSelected((prev) => new Set([...prev, ...view.map((r) => r.username)]));
  const onToggleAll = () => {
    if (allMatchingSelected) setSelected(new Set());
    else selectAllMatching();
  };
  const openBulk = (mode: BulkMode, opener: HTMLElement) => {
    dialogOpener.current = opener;
    const chosen = [...selected].flatMap((u) => {
      const r = byName.get(u);
      return r ? [r] : [];
    });
    setBulk({ mode, rows: chosen });
  };
  const openNotify = (opener: HTMLElement) => {
    dialogOpener.current = opener;
    setNotifying(
      [...selected].flatMap((u) => {
        const r = byName.get(u);
        return r
          ? [
              {
                username: r.username,
                fullName: r.fullName,
                firstName: r.user.firstName,
                email: r.email,
                limit: r.limit,
              },
            ]
          : [];
      }),
    );
  };
  const exportCsv = () => {
    const day = new Date().toISOString().slice(0, 10);
    // Presentation mode: the file carries the same aliases as the screen, and says so.
    downloadCsv(`members-${day}.csv`, membersToCsv(view.toArray(), isMasked));
  };

  return (
    <>
      <MemberIndexStatusLine />
      {!isBudgetingEnabled && (
        <p className="notice notice-warning">
          Credit budgeting is off: members have no allocations, so the credit columns show “—” and allocation
          controls are disabled. Turn budgeting on in the Overview to allocate credits.
        </p>
      )}
      <MemberToolbar
        filters={{ ...filters, q }}
        roles={props.roles}
        userTypes={props.userTypes}
        isBudgetingEnabled={isBudgetingEnabled}
        onSearch={(value) => {
          setQ(value);
          setParam('q', value || null);
        }}
        onFilter={(name, value) => setParam(name, value || null)}
        onClear={() => {
          setQ('');
          state.clearFilters();
        }}
        actions={
          <>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={exportCsv}
              disabled={view.length === 0}
            >
              Export CSV
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={(e) => {
                dialogOpener.current = e.currentTarget;
                setImporting(true);
              }}
              disabled={!isBudgetingEnabled}
              title={isBudgetingEnabled ? undefined : 'Credit budgeting is off'}
            >
              Import CSV
            </button>
          </>
        }
      />
      <SelectionBar
        matching={view.length}
        total={rows.length}
        selected={selected.size}
        allMatchingSelected={allMatchingSelected}
        isBudgetingEnabled={isBudgetingEnabled}
        onSelectAllMatching={selectAllMatching}
        onClear={() => setSelected(new Set())}
        onBulk={openBulk}
        onNotify={openNotify}
      />
      {view.length === 0 ? (
        <div className="card member-empty">
          <p>No members match this search and these filters.</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setQ('');
              state.clearFilters();
            }}
          >
            Clear filters
          </button>
        </div>
      ) : (
        <MemberTable
          rows={view}
          sort={sort}
          onSort={state.toggleSort}
          selected={selected}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          onOpen={(username) => setParam('member', username)}
          isMasked={isMasked}
          openers={openers}
          periodUsage={periodUsage}
          usedNoteId={usedNoteId}
        />
      )}
      {isBudgetingEnabled && (
        <UsedNote
          id={usedNoteId}
          window={period.window}
          hasUncapped={hasUncapped}
          isPending={period.query.isPending}
          error={period.query.error}
          onRetry={() => void period.query.refetch()}
        />
      )}
      <MemberDialog
        username={state.member}
        row={state.member ? byName.get(state.member) : undefined}
        isBudgetingEnabled={isBudgetingEnabled}
        orgAvailable={props.orgAvailable}
        sumOfAllocations={props.sumOfAllocations}
        onClose={() => {
          returnFocusTo.current = state.member;
          setParam('member', null);
        }}
        onCloseAutoFocus={(e) => {
          const username = returnFocusTo.current;
          const button = username ? openers.get(username) : undefined;
          // The dialog has no trigger (it opens from the URL), so without this focus would fall to the body.
          const target = button?.isConnected ? button : props.pageHeading?.current;
          if (target?.isConnected) {
            e.preventDefault();
            target.focus();
          }
        }}
        renderMemberUsage={props.renderMemberUsage}
        periodUsage={periodUsage}
        isMasked={isMasked}
      />
      <BulkDialog
        mode={bulk?.mode ?? null}
        rows={bulk?.rows ?? []}
        onClose={() => setBulk(null)}
        sumOfAllocations={props.sumOfAllocations}
        onCloseAutoFocus={returnToOpener}
      />
      <NotifyDialog
        recipients={notifying}
        onClose={() => setNotifying(null)}
        onCloseAutoFocus={returnToOpener}
      />
      <ImportDialog
        open={importing}
        rows={rows}
        partial={props.partial}
        onClose={() => setImporting(false)}
        sumOfAllocations={props.sumOfAllocations}
        onCloseAutoFocus={returnToOpener}
      />
    </>
  );
}
