import { useQuery } from '@tanstack/react-query';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { policyNotebookJson } from '@/lib/notebook/policy-notebook';
import { demoStatusQueries } from '@/lib/org-clock';
import { POLICY_ITEM_TAG, POLICY_ITEM_TYPE } from '@/lib/policies/store';

/** Starts a browser download of a text file. */
function download(filename: string, text: string, type: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Schedule in ArcGIS Notebooks": a browser cannot run on a schedule, so the console hands over a
 * notebook that applies the same policies with the ArcGIS API for Python, as a scheduled task.
 */
export function ScheduleNotebookCard() {
  const { client } = useArcGISSession();
  const demo = useQuery(demoStatusQueries.status(client));
  const onDownload = () => {
    const day = new Date().toISOString().slice(0, 10);
    const text = policyNotebookJson({
      item: { type: POLICY_ITEM_TYPE, tag: POLICY_ITEM_TAG },
      portalUrl: client.portalUrl,
      isDemoPortal: demo.isSuccess,
      generatedAt: day,
    });
    download('credit-console-policies.ipynb', text, 'application/x-ipynb+json');
  };
  return (
    <section className="card" aria-labelledby="schedule-notebook-title">
      <h2 id="schedule-notebook-title" className="overview-card-title">
        Schedule in ArcGIS Notebooks
      </h2>
      <p className="muted">
        Apply the allocation policies on a schedule — a monthly reset, or keeping new members in line —
        without this page open: a notebook for ArcGIS Notebooks that reads the policies from your organization
        and allocates with the ArcGIS API for Python. It only prints what it would change until you set{' '}
        <code>DRY_RUN = False</code>.
      </p>
      <button type="button" className="button button-secondary" onClick={onDownload}>
        Download notebook (.ipynb)
      </button>
    </section>
  );
}
