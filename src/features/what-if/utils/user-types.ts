/** User type names (ArcGIS Online's names since June 2024; the IDs did not change). */
const USER_TYPE_NAMES: Record<string, string> = {
  creatorUT: 'Creator',
  GISProfessionalStdUT: 'Professional',
  GISProfessionalAdvUT: 'Professional Plus',
  fieldWorkerUT: 'Mobile Worker',
  editorUT: 'Contributor',
  viewerUT: 'Viewer',
  storytellerUT: 'Storyteller',
  GISProfessionalBasicUT: 'Professional Basic (retired)',
};

/** A user type's name, plural for a heading ("Creators"); unknown IDs stay readable. */
export function userTypeName(id: string): string {
  const known = USER_TYPE_NAMES[id];
  if (known) return known;
  const words = id
    .replace(/UT$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown';
}
