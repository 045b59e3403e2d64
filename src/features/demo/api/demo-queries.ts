import { demoStatusQueries } from '@/lib/org-clock';

/** Every demo action's mutation key starts with this, so the panel can tell when any is running. */
export const DEMO_MUTATION_KEY = ['demo-action'] as const;

/** The demo portal's status is shared with the organization's clock (src/lib/org-clock.ts). */
export const demoQueries = demoStatusQueries;
