import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addDemoMember } from '@/lib/arcgis/demo';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { DEMO_MUTATION_KEY } from './demo-queries';
import { refreshAfterDemoChange } from './refresh-after-demo-change';

export function useAddDemoMember(client: ArcGISClient) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...DEMO_MUTATION_KEY, 'add-member'],
    mutationFn: ({ fullName }: { fullName?: string }) => addDemoMember(client, { fullName }),
    onSuccess: () => refreshAfterDemoChange(queryClient),
  });
}
