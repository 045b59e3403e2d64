/** Loads the sign-in code (its own chunk). Started early by main.tsx when a sign-in is in progress. */
import type * as Identity from '@/lib/arcgis/identity';

export type IdentityModule = typeof Identity;

let loading: Promise<IdentityModule> | null = null;

export function loadIdentity(): Promise<IdentityModule> {
  loading ??= import('@/lib/arcgis/identity');
  return loading;
}
