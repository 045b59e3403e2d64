import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DemoAdvanceStep } from '@/lib/arcgis/demo';
import { advanceDemoClock } from '@/lib/arcgis/demo';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { DEMO_MUTATION_KEY } from './demo-queries';
import { refreshAfterDemoChange } from './refresh-after-demo-change';

export function useAdvanceDemoClock(client: ArcGISClient) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...DEMO_MUTATION_KEY, 'advance'],
    mutationFn: ({ days }: { days: DemoAdvanceStep }) => advanceDemoClock(client, days),
    onSuccess: () => refreshAfterDemoChange(queryClient),
  });
}
