import { useMutation, useQueryClient } from '@tanstack/react-query';
import { resetDemoOrg } from '@/lib/arcgis/demo';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { DEMO_MUTATION_KEY } from './demo-queries';
import { refreshAfterDemoChange } from './refresh-after-demo-change';

export function useResetDemoOrg(client: ArcGISClient) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...DEMO_MUTATION_KEY, 'reset'],
    mutationFn: () => resetDemoOrg(client),
    onSuccess: () => refreshAfterDemoChange(queryClient),
  });
}
