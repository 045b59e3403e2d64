import { useEffect, useId, useRef, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { readAllocationsFile, type AllocationsProblem } from '@/lib/change-plan/allocations-csv';
import { allocationOf, planForTargets, type ChangePlan } from '@/lib/change-plan/plan';
import { CsvFileError, parseCsvFile } from '@/lib/csv-parse';
import { maskMentions, usePresentationMode } from '@/lib/presentation';
import type { MemberRow } from '../utils/member-rows';
import { formatCount } from '../utils/format';
import { PlanFlow } from './plan-flow';

interface ImportPlan {
  plan: ChangePlan;
  unchanged: number;
  problems: AllocationsProblem[];
  /** Why the file as a whole can't be used, and its first row when that helps (see AllocationsFile). */
  fileProblem?: string;
  firstRow?: string;
  /** The column separator found in the header row. */
  delimiter: string;
}

const DELIMITER_NAMES: Record<string, string> = { ';': 'semicolons (;)', '\t': 'tabs' };

export interface ImportDialogProps {
  open: boolean;
  /** Every member (not only the filtered view): the file may name anyone. */
  rows: readonly MemberRow[];
  /** `rows` holds only the members loaded so far: a file is checked once every member is in. */
  partial?: boolean;
  onClose(): void;
  sumOfAllocations: number;
  /** Where focus goes when the dialog closes. */
  onCloseAutoFocus?: (event: Event) => void;
}

/** Import `username,credits` from a CSV file: validate with line numbers, preview, apply in bulk. */
export function ImportDialog(props: ImportDialogProps) {
  const { open, onClose } = props;
  return (
    <Dialog.Root open={open} onOpenChange={(o) => !o && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog bulk-dialog"
          aria-describedby={undefined}
          onInteractOutside={(e) => e.preventDefault()}
          onCloseAutoFocus={props.onCloseAutoFocus}
        >
          <Dialog.Title className="dialog-title">Import allocations</Dialog.Title>
          {open && <ImportBody {...props} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function planFile(file: File, rows: readonly MemberRow[]): Promise<ImportPlan> {
  const byName = new Map(rows.map((r) => [r.username.toLowerCase(), r]));
  return parseCsvFile(file).then((table) => {
    const read = readAllocationsFile(table, (u) => byName.get(u.toLowerCase())?.username);
    const { plan, unchanged } = planForTargets(read.targets, (u) => {
      const row = byName.get(u.toLowerCase());
      return row ? allocationOf(row.user) : undefined;
    });
    return {
      plan,
      unchanged,
      problems: read.problems,
      fileProblem: read.fileProblem,
      firstRow: read.firstRow,
      delimiter: table.delimiter,
    };
  });
}

function ImportBody({ rows, partial = false, onClose, sumOfAllocations }: ImportDialogProps) {
  const id = useId();
  const [file, setFile] = useState<File | undefined>();
  const [plan, setPlan] = useState<ImportPlan | undefined>();
  const [readError, setReadError] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const [masked] = usePresentationMode();
  // The file last checked: a member list still loading would call members it hasn't read yet unknown,
  // so a file chosen meanwhile is checked once every member is in.
  const checked = useRef<File | undefined>(undefined);
  useEffect(() => {
    if (!file || partial || checked.current === file) return;
    checked.current = file;
    planFile(file, rows).then(
      (next) => {
        if (checked.current !== file) return;
        setPlan(next);
        setVersion((v) => v + 1);
      },
      (error: unknown) => {
        if (checked.current !== file) return;
        setReadError(error instanceof CsvFileError ? error.message : 'The file could not be read.');
      },
    );
  }, [file, partial, rows]);

  return (
    <div className="form">
      <div className="field">
        <label htmlFor={`${id}-file`}>CSV file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            checked.current = undefined;
            setPlan(undefined);
            setReadError(undefined);
            setFile(e.target.files?.[0]);
          }}
        />
        <p className="field-hint">
          Columns <code>username</code> and <code>credits</code> (a number, or “no limit”); other columns are
          ignored. Any allocations file this console exports (member list, allocations record, outcome,
          journal) works as it is.
        </p>
      </div>
      {file && partial && !plan && !readError && (
        <p className="notice" role="status">
          Reading every member of the organization first: this file is checked against all of them.
        </p>
      )}
      {/* A file that can't be used at all: one message, where the admin is looking. */}
      {(readError ?? plan?.fileProblem) && (
        <p className="notice notice-error" role="alert">
          {readError ?? plan?.fileProblem}
          {!readError && plan?.firstRow && !masked && ` Its first row is: “${plan.firstRow}”.`}
        </p>
      )}
      {plan && DELIMITER_NAMES[plan.delimiter] && (
        <p className="notice" role="status">
          This file separates its columns with {DELIMITER_NAMES[plan.delimiter]}; it was read that way.
        </p>
      )}
      {plan && plan.problems.length > 0 && (
        <section className="notice notice-error" aria-label="Rows with problems">
          <p>
            <strong>
              {formatCount(plan.problems.length)}{' '}
              {plan.problems.length === 1 ? 'row has a problem' : 'rows have problems'}
            </strong>{' '}
            and will be skipped:
          </p>
          {/* A scroll area: focusable so the keyboard can scroll it, named for screen readers. */}
          <div
            className="import-problems"
            role="region"
            aria-label="Problems by line"
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to scroll by keyboard
            tabIndex={0}
          >
            <ul>
              {plan.problems.slice(0, 100).map((p) => (
                <li key={`${p.line}-${p.message}`}>
                  Line {p.line}: {p.name ? maskMentions(p.message, p.name, masked) : p.message}
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
      {plan && !plan.fileProblem && plan.plan.changes.length === 0 && plan.problems.length === 0 && (
        <p className="notice">Nothing to change: every member in the file already has that allocation.</p>
      )}
      {plan && plan.plan.changes.length > 0 && (
        <PlanFlow
          key={version}
          plan={plan.plan}
          unchanged={plan.unchanged}
          onClose={onClose}
          sumOfAllocations={sumOfAllocations}
        />
      )}
      {!(plan && plan.plan.changes.length > 0) && (
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
