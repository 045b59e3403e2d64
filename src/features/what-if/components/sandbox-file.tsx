import { useId, useRef, useState } from 'react';
import { usePresentationMode } from '@/lib/presentation';
import { parseSandboxFile, sandboxFile, type Sandbox } from '@/lib/what-if/sandbox';
import { downloadJson } from '../utils/download';

export interface SandboxFileActionsProps {
  sandbox: Sandbox | null;
  portalUrl: string;
  onOpen(sandbox: Sandbox): void;
}

/** Share a what-if as a file, and open one (checked before it replaces anything). */
export function SandboxFileActions({ sandbox, portalUrl, onOpen }: SandboxFileActionsProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [masked] = usePresentationMode();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | undefined>();

  const open = async (file: File) => {
    setMessage(undefined);
    const text = await file.text().catch(() => undefined);
    if (text === undefined) {
      setMessage({ kind: 'error', text: `“${file.name}” could not be read.` });
      return;
    }
    const result = parseSandboxFile(text, portalUrl);
    if (!result.ok) setMessage({ kind: 'error', text: `“${file.name}”: ${result.message}` });
    else {
      onOpen(result.sandbox);
      setMessage({ kind: 'ok', text: `Opened the what-if from “${file.name}”.` });
    }
  };

  return (
    <div className="what-if-file print-hide">
      {sandbox && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            downloadJson(
              `what-if-${new Date().toISOString().slice(0, 10)}.json`,
              sandboxFile(sandbox, masked),
            )
          }
        >
          Save the what-if as a file
        </button>
      )}
      <button type="button" className="button button-secondary" onClick={() => input.current?.click()}>
        Open a what-if file…
      </button>
      <input
        ref={input}
        id={`${id}-file`}
        hidden
        tabIndex={-1}
        aria-label="What-if file"
        type="file"
        accept="application/json,.json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void open(file);
        }}
      />
      <div aria-live="polite">
        {message && (
          <p
            className={`notice ${message.kind === 'error' ? 'notice-error' : 'notice-success'}`}
            role={message.kind === 'error' ? 'alert' : undefined}
          >
            {message.text}
          </p>
        )}
      </div>
    </div>
  );
}
