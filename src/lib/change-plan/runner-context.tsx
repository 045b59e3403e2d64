import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { createBatchClient } from './batch-client';
import { createJournal, type JournalStore } from './journal';
import { journalQueries } from './journal-queries';
import { ChangeRunner, type Run } from './runner';

interface RunnerContextValue {
  runner: ChangeRunner;
  journal: JournalStore;
  /** Portal and user the journal belongs to. */
  owner: string;
}

const RunnerContext = createContext<RunnerContextValue | null>(null);

export interface ChangeRunnerProviderProps {
  children: ReactNode;
  /** Tests pass an in-memory journal. */
  journal?: JournalStore;
}

/** Mounts the one change runner of the signed-in app (outside every dialog and page). */
export function ChangeRunnerProvider({ children, journal: given }: ChangeRunnerProviderProps) {
  const session = useArcGISSession();
  const queryClient = useQueryClient();
  const [batches] = useState(() => createBatchClient(session.client));
  useEffect(() => batches.close, [batches]);
  const [value] = useState<RunnerContextValue>(() => {
    const journal = given ?? createJournal(session.client.portalUrl, session.username);
    const owner = `${session.client.portalUrl} ${session.username}`;
    // After each run or setting change: share it with the org (in the background; a failure shows
    // on the Journal page and is retried there).
    // Coalesced: a burst of quick saves is shared in one write of the org's journal, 2 s after the last.
    let shareTimer: ReturnType<typeof setTimeout> | undefined;
    const onJournaled = () => {
      clearTimeout(shareTimer);
      shareTimer = setTimeout(
        () =>
          void queryClient.prefetchQuery(
            journalQueries.org(session.client, journal, owner, session.username),
          ),
        2000,
      );
    };
    return {
      journal,
      owner,
      runner: new ChangeRunner({
        client: session.client,
        batchClient: batches.client,
        queryClient,
        journal,
        username: session.username,
        onJournaled,
      }),
    };
  });
  const { runner } = value;

  useEffect(() => session.onSignedInAgain(() => runner.signedInAgain()), [session, runner]);

  const runs = useSyncExternalStore(runner.subscribe, runner.getRuns);
  const busy = runs.some((r) => r.state !== 'finished');
  useEffect(() => {
    if (!busy) return;
    // Leaving or reloading the page while a run is sending asks first.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [busy]);

  return <RunnerContext.Provider value={value}>{children}</RunnerContext.Provider>;
}

function useRunnerContext(): RunnerContextValue {
  const value = useContext(RunnerContext);
  if (!value) throw new Error('useChangeRunner() used outside ChangeRunnerProvider.');
  return value;
}

export function useChangeRunner(): ChangeRunner {
  return useRunnerContext().runner;
}

export function useJournal(): { journal: JournalStore; owner: string } {
  const { journal, owner } = useRunnerContext();
  return { journal, owner };
}

/** This page's runs, oldest first. */
export function useRuns(): readonly Run[] {
  const runner = useChangeRunner();
  return useSyncExternalStore(runner.subscribe, runner.getRuns);
}

/** One run by id, live. */
export function useRun(id: string | undefined): Run | undefined {
  const runs = useRuns();
  return id === undefined ? undefined : runs.find((r) => r.id === id);
}
