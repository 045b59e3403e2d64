import { useRef, type MouseEvent, type ReactNode } from 'react';
import type { MemberRow, MemberRowList, MemberSort, PeriodUsage, SortKey } from '../utils/member-rows';
import { userTypeLabel, usedOf, usedShare } from '../utils/member-rows';
import { formatAllocation, formatCredits, formatDate, formatRemaining, formatUsed } from '../utils/format';
import { displayPerson } from '@/lib/presentation';
import { formatCount } from '@/lib/format';
import { useRowWindow } from '../hooks/use-row-window';

const ROW_HEIGHT = 56;

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'member', label: 'Member' },
  { key: 'role', label: 'Role' },
  { key: 'type', label: 'User type' },
  { key: 'allocated', label: 'Allocated', numeric: true },
  { key: 'used', label: 'Used (this period)', numeric: true },
  { key: 'remaining', label: 'Remaining', numeric: true },
  { key: 'lastLogin', label: 'Last sign-in' },
  { key: 'source', label: 'Source' },
];

export interface MemberTableProps {
  rows: MemberRowList;
  sort: MemberSort;
  onSort(key: SortKey): void;
  selected: ReadonlySet<string>;
  /** Toggles one row; `range` = shift-click (select from the last clicked row to this one). */
  onToggle(index: number, range: boolean): void;
  onToggleAll(): void;
  onOpen(username: string): void;
  /** Presentation mode: names and emails masked for screen sharing. */
  isMasked?: boolean;
  /** Filled with each rendered row's open button by username, so focus can return to it. */
  openers?: Map<string, HTMLElement>;
  /** Usage this period of members without a limit, once loaded (their Used cell). */
  periodUsage?: PeriodUsage;
  /** Id of the text that says what "this period" is, for the Used header. */
  usedNoteId?: string;
}

function ariaSort(sort: MemberSort, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

/** The member table: real ARIA table semantics, rows virtualized (only the visible ones are in the DOM). */
export function MemberTable({
  rows,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  onOpen,
  isMasked = false,
  openers,
  periodUsage,
  usedNoteId,
}: MemberTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const { start, end, totalHeight } = useRowWindow(scrollRef, rows.length, ROW_HEIGHT, 8);
  // Nothing selected (the usual case) needs no pass over every row.
  const visibleRows = () => {
    const out: ReactNode[] = [];
    for (let index = start; index < end; index++) {
      const row = rows.at(index);
      if (!row) continue;
      out.push(
        <MemberTableRow
          key={row.username}
          row={row}
          index={index}
          top={index * ROW_HEIGHT}
          isSelected={selected.has(row.username)}
          isMasked={isMasked}
          onToggle={onToggle}
          onOpen={onOpen}
          openers={openers}
          periodUsage={periodUsage}
        />,
      );
    }
    return out;
  };
  const allSelected = selected.size > 0 && rows.length > 0 && rows.every((r) => selected.has(r.username));
  const someSelected = selected.size > 0 && !allSelected && rows.some((r) => selected.has(r.username));

  return (
    <div className="member-table-wrap">
      <div role="table" aria-label="Members" aria-rowcount={rows.length + 1} className="member-table">
        <div role="rowgroup" className="member-table-head" ref={headRef}>
          <div role="row" aria-rowindex={1} className="member-row">
            <div role="columnheader" className="member-cell member-cell-check">
              <input
                type="checkbox"
                aria-label={`Select all ${formatCount(rows.length)} matching members`}
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected;
                }}
                onChange={onToggleAll}
              />
            </div>
            {COLUMNS.map((c) => (
              <div
                key={c.key}
                role="columnheader"
                aria-sort={ariaSort(sort, c.key)}
                className={`member-cell member-cell-${c.key}${c.numeric ? ' member-cell-numeric' : ''}`}
              >
                <button
                  type="button"
                  className="member-sort"
                  onClick={() => onSort(c.key)}
                  aria-describedby={c.key === 'used' ? usedNoteId : undefined}
                >
                  {c.label}
                  <span aria-hidden="true" className="member-sort-icon">
                    {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </div>
            ))}
          </div>
        </div>
        {/* The body scrolls both ways (the head follows sideways), so the checkbox and member
            columns can stay in view on a narrow screen. */}
        <div
          role="rowgroup"
          ref={scrollRef}
          className="member-table-body"
          onScroll={(e) => {
            if (headRef.current) headRef.current.scrollLeft = e.currentTarget.scrollLeft;
          }}
        >
          <div
            role="presentation"
            className="member-table-canvas"
            style={{ height: totalHeight, position: 'relative' }}
          >
            {visibleRows()}
          </div>
        </div>
      </div>
    </div>
  );
}

interface MemberTableRowProps {
  row: MemberRow;
  index: number;
  top: number;
  isSelected: boolean;
  isMasked: boolean;
  onToggle(index: number, range: boolean): void;
  onOpen(username: string): void;
  openers: Map<string, HTMLElement> | undefined;
  periodUsage: PeriodUsage | undefined;
}

function MemberTableRow({
  row,
  index,
  top,
  isSelected,
  isMasked,
  onToggle,
  onOpen,
  openers,
  periodUsage,
}: MemberTableRowProps) {
  const share = usedShare(row.limit);
  const person = displayPerson(row, isMasked);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      className={`member-row${isSelected ? ' member-row-selected' : ''}`}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
      }}
    >
      <div role="cell" className="member-cell member-cell-check">
        <input
          type="checkbox"
          aria-label={`Select ${person.displayUsername}`}
          checked={isSelected}
          onChange={() => {}}
          onClick={(e: MouseEvent<HTMLInputElement>) => onToggle(index, e.shiftKey)}
        />
      </div>
      <div role="cell" className="member-cell member-cell-member">
        <button
          type="button"
          className="member-open"
          ref={(el) => {
            if (!openers || !el) return;
            openers.set(row.username, el);
            return () => {
              if (openers.get(row.username) === el) openers.delete(row.username);
            };
          }}
          onClick={() => onOpen(row.username)}
        >
          <span className="member-name">{person.fullName}</span>{' '}
          <span className="member-username">{person.displayUsername}</span>
        </button>
        <span className="member-email">{person.email}</span>
      </div>
      <div role="cell" className="member-cell member-cell-role">
        {row.roleName}
      </div>
      <div role="cell" className="member-cell member-cell-type">
        {userTypeLabel(row.userType)}
      </div>
      <div role="cell" className="member-cell member-cell-numeric">
        {formatAllocation(row.limit)}
      </div>
      <div role="cell" className="member-cell member-cell-numeric">
        <UsedCell row={row} periodUsage={periodUsage} />
      </div>
      <div role="cell" className="member-cell member-cell-numeric member-cell-remaining">
        <span>{formatRemaining(row.limit)}</span>
        {share !== undefined && (
          <span className={`member-bar member-bar-${row.status ?? 'capped'}`} aria-hidden="true">
            <span style={{ width: `${Math.round((1 - share) * 100)}%` }} />
          </span>
        )}
      </div>
      <div role="cell" className="member-cell member-cell-lastLogin">
        {formatDate(row.lastLogin)}
      </div>
      <div
        role="cell"
        className={`member-cell member-cell-source member-source-${row.source?.kind ?? 'unknown'}`}
      >
        {row.source?.label ?? '—'}
      </div>
    </div>
  );
}

/** A capped member's use of their allocation; a member with no limit, their last 30 days. */
function UsedCell({ row, periodUsage }: { row: MemberRow; periodUsage: PeriodUsage | undefined }) {
  if (row.limit.kind !== 'unlimited') return <>{formatUsed(row.limit)}</>;
  const used = usedOf(row, periodUsage);
  if (used === undefined) return <>—</>;
  return (
    <span className="member-used-period">
      {formatCredits(used)} <span className="member-used-period-note">last 30 d</span>
    </span>
  );
}
