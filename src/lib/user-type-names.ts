/**
 * User type names since ArcGIS Online's June 2024 rename. The IDs did not change, so an org still
 * sends `GISProfessionalAdvUT` for what is now "Professional Plus".
 */
export const USER_TYPE_LABELS: Record<string, string> = {
  creatorUT: 'Creator',
  GISProfessionalStdUT: 'Professional',
  GISProfessionalAdvUT: 'Professional Plus',
  fieldWorkerUT: 'Mobile Worker',
  editorUT: 'Contributor',
  viewerUT: 'Viewer',
  storytellerUT: 'Storyteller',
  // Merged into Creator in 2024; shown for orgs that still report it.
  GISProfessionalBasicUT: 'Professional Basic (retired)',
};

/** A user type's name; unknown IDs stay readable ("newThingUT" → "New Thing"). */
export function userTypeLabel(type: string): string {
  const known = USER_TYPE_LABELS[type];
  if (known) return known;
  if (!type) return 'Unknown';
  const words = type
    .replace(/UT$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : type;
}
