import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { savePolicyChanges, type PolicyAdmin } from '@/lib/policies/store';
import type { PolicyRule } from '@/lib/policies/types';
import { policyQueries } from '@/lib/policies/policy-queries';
import { policyInForceQueries } from '@/lib/what-if/policy-queries';

/**
 * Saves the what-if's rule amounts with the organization's policies (merged by entry, so another
 * administrator's save at the same time is kept), then reads the policies again.
 */
export function useSaveRuleAmounts() {
  const client = useArcGISClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...policyInForceQueries.all(client), 'save-rule-amounts'] as const,
    mutationFn: ({ me, rules }: { me: PolicyAdmin; rules: PolicyRule[] }) =>
      savePolicyChanges(client, me, { rules }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policyQueries.all(client) }),
  });
}
