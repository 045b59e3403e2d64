import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { liveOverrides, liveRules } from '@/lib/policies/engine';
import { LEVEL_LABELS, ruleSummary } from '@/lib/policies/labels';
import { portalQueries } from '@/lib/portal-queries';
import { roleNamesOf } from '@/lib/role-names';
import { formatCount } from '@/lib/format';
import { policyInForceQueries } from '@/lib/what-if/policy-queries';
import '../what-if.css';

/**
 * The policies in force, for the Overview and its handout: each rule and how many members have
 * their own override. Shown only when the organization has policies.
 */
export function PoliciesInForce() {
  const client = useArcGISClient();
  const self = useQuery({ ...portalQueries.self(client), throwOnError: false });
  const roles = useQuery({ ...portalQueries.roles(client), throwOnError: false });
  const user = self.data?.user;
  const policies = useQuery({
    ...policyInForceQueries.inForce(client, {
      username: user?.username ?? '',
      orgId: self.data?.id ?? user?.orgId,
    }),
    enabled: Boolean(user),
    throwOnError: false,
  });
  const doc = policies.data?.doc;
  if (!doc) return null;
  const rules = liveRules(doc);
  const overrides = liveOverrides(doc).length;
  if (rules.length === 0 && overrides === 0) return null;
  const names = { roles: roleNamesOf(roles.data) };
  return (
    <section className="card what-if-policies" aria-labelledby="policies-in-force-title">
      <h2 id="policies-in-force-title" className="overview-card-title">
        Policies in force
      </h2>
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            <span className="muted">{LEVEL_LABELS[r.target.kind]}:</span> {ruleSummary(r, names)}
          </li>
        ))}
      </ul>
      {overrides > 0 && (
        <p className="muted small">
          {formatCount(overrides)} {overrides === 1 ? 'member has' : 'members have'} their own override.
        </p>
      )}
      <p className="muted small">
        Members in several groups with rules get the {doc.groupConflict.value} amount; without a rule, the
        default for new members applies.
      </p>
    </section>
  );
}
