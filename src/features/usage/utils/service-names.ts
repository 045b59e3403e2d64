/** Readable names for usage service types (`stype`). The set is open: unknown codes keep their code. */
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  geocode: 'Geocoding',
  spanalysis: 'Spatial analysis',
  geoenrich: 'GeoEnrichment',
  tiles: 'Tile generation',
  notebooks: 'Notebooks',
  elevation: 'Elevation analysis',
  routing: 'Routing & directions',
  // No parentheses: the name is itself shown in parentheses ("Total credits used (…)").
  storage: 'Storage, charged to the org',
  applogin: 'App logins',
  portal: 'Portal',
  featurestorage: 'Feature storage',
  filestorage: 'File storage',
};

/** Known services in a stable display order (chart stacking, legends, tables). */
export const KNOWN_SERVICES: readonly string[] = Object.keys(SERVICE_NAMES);

export function serviceName(code: string): string {
  const known = SERVICE_NAMES[code.toLowerCase()];
  if (known) return known;
  return code.trim() === '' ? 'Unspecified service' : code;
}

/** The number of colour slots in usage.css (`--usage-color-0` … `--usage-color-11`). */
const COLOR_SLOTS = 12;
const KNOWN_SLOTS: Readonly<Record<string, number>> = {
  geocode: 0,
  spanalysis: 1,
  geoenrich: 2,
  tiles: 3,
  notebooks: 4,
  elevation: 5,
  routing: 6,
  storage: 7,
};

/** Stable colour slot per service: fixed for known services, a hash of the code for the rest. */
export function serviceColorSlot(code: string): number {
  const known = KNOWN_SLOTS[code.toLowerCase()];
  if (known !== undefined) return known;
  let hash = 0;
  for (const ch of code) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const extra = COLOR_SLOTS - 8;
  return 8 + (hash % extra);
}

/** A CSS colour (a variable defined in usage.css, light and dark) usable as an SVG fill. */
export function serviceColor(code: string): string {
  return `var(--usage-color-${serviceColorSlot(code)})`;
}

/** Orders service codes: known services first in their fixed order, then unknown codes alphabetically. */
export function compareServices(a: string, b: string): number {
  const ia = KNOWN_SERVICES.indexOf(a.toLowerCase());
  const ib = KNOWN_SERVICES.indexOf(b.toLowerCase());
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a.localeCompare(b);
}
