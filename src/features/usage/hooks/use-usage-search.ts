import { useCallback, useMemo } from 'react';

import { HOUR_MS } from '@/lib/time';
import { useSearchParams } from 'react-router';
import {
  customRange,
  DEFAULT_PRESET,
  isPresetId,
  presetRange,
  type RangePresetId,
  type UsageRange,
} from '../utils/ranges';

export type RangeSelection =
  { kind: 'preset'; preset: RangePresetId } | { kind: 'custom'; from: string; to: string };

export interface UsageSearch {
  selection: RangeSelection;
  range: UsageRange;
  /** Service type code to show alone, or undefined for all services. */
  service: string | undefined;
  setPreset(preset: RangePresetId): void;
  setCustom(from: string, to: string): void;
  setService(service: string | undefined): void;
}

/**
 * Range and service filter, kept in the URL (`?range=90d`, `?from=2026-01-01&to=2026-03-31`,
 * `&service=geocode`). An invalid custom range in the URL falls back to the default preset.
 */
export function useUsageSearch(orgNow: number): UsageSearch {
  const [params, setParams] = useSearchParams();
  // Ranges end at the next whole hour of the organization's clock, so keys stay stable while shown.
  const now = Math.floor(orgNow / HOUR_MS) * HOUR_MS;
  const rangeParam = params.get('range');
  const from = params.get('from');
  const to = params.get('to');
  const service = params.get('service') ?? undefined;

  const { selection, range } = useMemo(() => {
    if (rangeParam === 'custom' && from && to) {
      const custom = customRange(from, to, now);
      if (custom) return { selection: { kind: 'custom' as const, from, to }, range: custom };
    }
    const preset = isPresetId(rangeParam) ? rangeParam : DEFAULT_PRESET;
    return { selection: { kind: 'preset' as const, preset }, range: presetRange(preset, now) };
  }, [rangeParam, from, to, now]);

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          change(next);
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  return {
    selection,
    range,
    service: service === '' ? undefined : service,
    setPreset: (preset) =>
      update((next) => {
        next.set('range', preset);
        next.delete('from');
        next.delete('to');
      }),
    setCustom: (f, t) =>
      update((next) => {
        next.set('range', 'custom');
        next.set('from', f);
        next.set('to', t);
      }),
    setService: (s) =>
      update((next) => {
        if (s) next.set('service', s);
        else next.delete('service');
      }),
  };
}
