import { useId, useState } from 'react';
import type { Cap } from '@/lib/what-if/projection';
import { parseSandboxAmount } from '../utils/parse-amount';

export interface AmountFieldProps {
  label: string;
  hint?: string;
  /** The sandbox's amount now; undefined = unchanged. */
  value: Cap | undefined;
  onChange(next: Cap | undefined): void;
}

function textOf(value: Cap | undefined): string {
  if (value === undefined) return '';
  return value === null ? 'no limit' : String(value);
}

/**
 * One sandbox amount: credits, "no limit", or empty for unchanged. Every valid keystroke moves the
 * figures at once; a typo shows what to fix and leaves the sandbox as it was (the text stays).
 */
export function AmountField({ label, hint, value, onChange }: AmountFieldProps) {
  const id = useId();
  const [text, setText] = useState(() => textOf(value));
  const [error, setError] = useState<string | undefined>();
  // The sandbox can change elsewhere (a file opened, Discard): follow it unless the admin is mid-typo.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    const parsed = parseSandboxAmount(text);
    const shown = parsed.kind === 'cap' ? parsed.cap : undefined;
    if (parsed.kind !== 'error' && shown !== value) setText(textOf(value));
  }
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field what-if-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      <input
        id={`${id}-input`}
        inputMode="decimal"
        autoComplete="off"
        placeholder="unchanged"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const parsed = parseSandboxAmount(next);
          if (parsed.kind === 'error') {
            setError(parsed.message);
            return;
          }
          setError(undefined);
          onChange(parsed.kind === 'cap' ? parsed.cap : undefined);
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
