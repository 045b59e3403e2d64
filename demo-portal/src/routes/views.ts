import type { CustomRole, Member } from '../model/member.ts';
import type { OrgModel } from '../model/org.ts';
import { CURRENT_VERSION, MAX_TOKEN_EXPIRATION_MINUTES } from '../model/org.ts';
import { hexId } from '../model/random.ts';
import type { PageRequest } from '../model/user-query.ts';

/**
 * The wire JSON of the REST API, built from the org model: the shapes ArcGIS Online sends (keys,
 * types and order as in real captures, see /work/shared/real-shapes and the contract).
 */

export type UserJson = Record<string, unknown> & { username: string };

interface UserViewOptions {
  privileges: boolean;
  email: boolean;
  credits: boolean;
}

/**
 * A member's wire JSON is written in parts, in ArcGIS Online's key order: who they are, [email],
 * their access, [privileges], their profile, [credits], and fields every member has alike. The
 * object form (`userView`) and the text form of list and search pages (`listedUserJson`) are both
 * built from these parts, so they cannot drift apart.
 */
function identityFields(m: Member) {
  return {
    username: m.username,
    id: m.id,
    fullName: m.fullName,
    firstName: m.firstName,
    lastName: m.lastName,
    description: null,
  };
}

function accessFields(m: Member) {
  return {
    // The access type, not the user type (that is `userLicenseTypeId`).
    userType: 'arcgisonly',
    idpUsername: null,
    favGroupId: null,
    role: m.role,
    ...(m.roleId ? { roleId: m.roleId } : {}),
  };
}

function profileFields(org: OrgModel, m: Member) {
  return {
    level: m.level,
    userLicenseTypeId: m.userLicenseTypeId,
    disabled: false,
    provider: 'arcgis',
    access: 'org',
    orgId: org.identity.id,
    lastLogin: m.lastLogin,
    created: m.created,
    modified: m.modified,
    mfaEnabled: false,
    mfaEnforcementExempt: false,
    udn: null,
    categories: [] as string[],
    emailStatus: 'verified',
    emailStatusDate: m.created,
    preferredView: null,
    storageUsage: m.storageUsage,
    storageQuota: m.storageQuota,
  };
}

function creditFields(org: OrgModel, m: Member) {
  const credits = org.memberCredits(m);
  return { assignedCredits: credits.assignedCredits, availableCredits: credits.availableCredits };
}

function closingFields() {
  return {
    groups: [] as unknown[],
    tags: [] as string[],
    culture: 'en-US',
    cultureFormat: 'us',
    region: 'US',
    units: 'english',
    thumbnail: null,
  };
}

/** One member. Every list and search page uses this same shape, so clients can mix them. */
export function userView(org: OrgModel, m: Member, opts: UserViewOptions): UserJson {
  const user: UserJson = identityFields(m);
  if (opts.email) user.email = m.email;
  Object.assign(user, accessFields(m));
  if (opts.privileges) user.privileges = [...m.privileges];
  Object.assign(user, profileFields(org, m));
  if (opts.credits && org.budgetingEnabled) Object.assign(user, creditFields(org, m));
  return Object.assign(user, closingFields());
}

/**
 * Everything about a member, for themselves or a credit administrator; with `licensedItems`, the
 * app licenses assigned to them (`returnUserLicensedItems=true`; none in the demo org).
 */
export function fullUserView(org: OrgModel, m: Member, licensedItems = false): UserJson {
  const user = userView(org, m, { privileges: true, email: true, credits: true });
  if (licensedItems) user.userLicensedItems = [];
  return user;
}

/** A member as a list or search page shows them to `caller`. */
export function listedUserView(org: OrgModel, m: Member, caller: Member): UserJson {
  const full = org.seesPrivateFields(caller, m);
  return userView(org, m, { privileges: false, email: full, credits: full });
}

/** The members of an object's JSON text, without its braces (`{"a":1}` → `"a":1`). */
export function innerJson(fields: object): string {
  return JSON.stringify(fields).slice(1, -1);
}

/** The closing fields as JSON text (`"groups":[],…`), the same for every member. */
export const CLOSING_TEXT = innerJson(closingFields());
/** Whether JSON.stringify escapes anything in `s` (quotes, backslashes, controls, lone surrogates). */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** `JSON.stringify` of a string or number, without its per-call overhead for the common case. */
export function json(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : 'null';
  return needsEscape(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * Paging as ArcGIS Online answers it: `num` echoes the request (not the count on the page);
 * `nextStart` is -1 on the last page, and for `start=-1` (what clients send after the last page).
 */
export function pageFields(req: PageRequest, total: number) {
  if (req.start < 1) return { total, start: req.start, num: req.num, nextStart: -1 };
  const next = req.start + req.num;
  return { total, start: req.start, num: req.num, nextStart: req.num > 0 && next <= total ? next : -1 };
}

export function subscriptionInfoView(org: OrgModel) {
  const sub = org.subscription();
  return {
    id: sub.id,
    type: 'Annual Subscription',
    options: [],
    state: 'active',
    expDate: sub.expDate,
    userLicenseTypes: sub.seatsByUserType,
    maxUsersPerLevel: sub.seatsByLevel,
    maxUsers: sub.seatsByLevel['1'] + sub.seatsByLevel['2'],
    availableCredits: org.availableCredits,
    companionOrganizations: [],
    orgCapabilities: [],
    collaborationSettings: { level: '4', maxItemSizeInMB: 1024, maxReplicationPackageSizeInMB: 5120 },
    hubSettings: { enabled: false },
  };
}

const ORG_EXTENT = {
  type: 'extent',
  xmin: -13880000,
  ymin: 5680000,
  xmax: -13550000,
  ymax: 6080000,
  spatialReference: { wkid: 102100 },
};

const UTILITY = 'https://utility.arcgisonline.com/arcgis/rest/services';

/** The helper services Esri's clients look up (geocoding, printing, routing, elevation…). */
function helperServices() {
  return {
    geocode: [
      {
        url: 'https://geocode-api.arcgis.com/arcgis/rest/services/World/GeocodeServer',
        northLat: 'Ymax',
        southLat: 'Ymin',
        eastLon: 'Xmax',
        westLon: 'Xmin',
        name: 'ArcGIS World Geocoding Service',
        suggest: true,
        placefinding: true,
        batch: true,
      },
    ],
    printTask: { url: `${UTILITY}/Utilities/PrintingTools/GPServer/Export%20Web%20Map%20Task` },
    geometry: { url: `${UTILITY}/Geometry/GeometryServer` },
    elevation: { url: 'https://elevation.arcgis.com/arcgis/rest/services/Tools/Elevation/GPServer' },
    route: { url: 'https://route-api.arcgis.com/arcgis/rest/services/World/Route/NAServer/Route_World' },
    analysis: { url: 'https://analysis1.arcgis.com/arcgis/rest/services/tasks/GPServer' },
    geoenrichment: { url: 'https://geoenrich.arcgis.com/arcgis/rest/services/World/geoenrichmentserver' },
  };
}

const STATIC = 'https://static.arcgis.com';

/** Gallery and style group queries: the Esri groups clients list basemaps, styles, templates from. */
const GROUP_QUERIES = {
  '2DSketchStylesGroupQuery': 'title:"Esri Sketch Styles" AND owner:esri_en',
  '2DStylesGroupQuery': 'title:"Esri 2D Styles" AND owner:esri_en',
  '3DBasemapGalleryGroupQuery': 'title:"ArcGIS Online 3D Basemaps" AND owner:esri_en',
  analysisLayersGroupQuery: 'title:"Living Atlas Analysis Layers" AND owner:esri',
  basemapGalleryGroupQuery: 'title:"United States Basemaps" AND owner:Esri_cy_US',
  colorSetsGroupQuery: 'title:"Esri Colors" AND owner:esri_en',
  contentCategorySetsGroupQuery: 'title:"ArcGIS Online Content Category Sets" AND owner:esri_en',
  default3DBasemapQuery: 'typekeywords:"sourceId#topographic" AND type:"Web Scene" AND owner:esri_en',
  dev3DBasemapGalleryGroupQuery: 'title:"World 3D Basemaps for Developers" AND owner:esri_en',
  devBasemapGalleryGroupQuery: 'title:"World Basemaps for Developers" AND owner:esri',
  galleryTemplatesGroupQuery: 'title:"Gallery Templates" AND owner:esri_en',
  layerTemplatesGroupQuery: 'title:"Esri Layer Templates" AND owner:esri_en',
  livingAtlasGroupQuery: 'title:"LAW Search" AND owner:Esri_LivingAtlas',
  rasterFunctionTemplatesGroupQuery: 'title:"Raster Function Templates" AND owner:esri_en',
  stylesGroupQuery: 'title:"Esri Styles" AND owner:esri_en',
  symbolSetsGroupQuery: 'title:"Esri Symbols" AND owner:esri_en',
  templatesGroupQuery: 'title:"Web Application Templates" AND owner:esri_en',
  vectorBasemapGalleryGroupQuery: 'title:"United States Vector Basemaps" AND owner:Esri_cy_US',
};

function basemap(title: string, id?: string) {
  return {
    ...(id ? { id } : {}),
    title,
    baseMapLayers: [
      {
        id: 'World_Topographic_Map',
        layerType: 'VectorTileLayer',
        title,
        styleUrl: 'https://basemaps-api.arcgis.com/arcgis/rest/services/styles/arcgis/topographic?type=style',
      },
    ],
    operationalLayers: [],
  };
}

/** The app behind the caller's OAuth token (ArcGIS adds `appInfo` for app tokens). */
export interface CallerApp {
  clientId: string;
  title: string;
}

/** `portals/self`: the anonymous view, or the signed-in one (credits, subscription, `user`). */
export function orgView(org: OrgModel, caller: Member | undefined, portalHostname: string, app?: CallerApp) {
  const id = org.identity;
  const view: Record<string, unknown> = {
    ...GROUP_QUERIES,
    access: 'public',
    aiAssistantsEnabled: false,
    allSSL: true,
    allowedExternalLinks: [],
    allowedOrigins: [],
    allowedRedirectUris: [],
    authorizedCrossOriginDomains: [],
    authorizedCrossOriginNoCorsDomains: [],
    canListApps: false,
    canListConsultingServices: false,
    canListData: false,
    canListPreProvisionedItems: false,
    canListSolutions: false,
    canProvisionDirectPurchase: false,
    canSearchPublic: true,
    canSetCustomBuyLink: false,
    canSetQuestionnaire: false,
    canShareBingPublic: false,
    canSharePublic: true,
    canSignInArcGIS: true,
    canSignInIDP: false,
    canSignInOIDC: false,
    canSignInSocial: false,
    cdnUrl: 'https://cdn.arcgis.com',
    colocateCompute: false,
    commentsEnabled: true,
    created: org.created,
    culture: 'en-US',
    cultureFormat: 'us',
    currentVersion: CURRENT_VERSION,
    customBaseUrl: id.customBaseUrl,
    databaseQuota: -1,
    databaseUsage: -1,
    defaultBasemap: basemap('Topographic', '67372ff42cd145319639a99152b15bc3'),
    defaultDevBasemap: basemap('Topographic'),
    defaultExtent: ORG_EXTENT,
    defaultVectorBasemap: basemap('Topographic'),
    description: `${id.name}: maps and apps for county staff.`,
    eueiEnabled: false,
    featuredGroups: [{ title: 'Esri Maps and Data', owner: 'esri' }],
    featuredGroupsId: '',
    featuredItemsGroupQuery: '',
    fontManifestUrl: `${STATIC}/fonts/fontManifestUrl.json`,
    hasCategorySchema: false,
    hasMemberCategorySchema: false,
    helpBase: 'https://doc.arcgis.com/en/arcgis-online/',
    helpMap: {},
    helperServices: helperServices(),
    homePageFeaturedContent: '',
    homePageFeaturedContentCount: 12,
    httpPort: 80,
    httpsPort: 443,
    id: id.id,
    inactivityTimeout: 0,
    ipCntryCode: 'US',
    isHubEnabled: false,
    isPortal: false,
    isReadOnly: false,
    isVerified: false,
    maxTokenExpirationMinutes: MAX_TOKEN_EXPIRATION_MINUTES,
    metadataEditable: false,
    metadataFormats: [],
    mfaAdmins: [],
    mfaEnabled: false,
    modified: org.now() - ((org.now() - org.created) % (97 * 86_400_000)),
    name: id.name,
    notificationsEnabled: true,
    platformSSO: false,
    portalHostname,
    portalMode: 'multitenant',
    portalName: 'ArcGIS Online',
    portalProperties: {
      links: { contactUs: { visible: false, url: '' } },
      openData: { enabled: false },
      sharedTheme: { header: { background: '#0f3d4c', text: '#ffffff' }, logo: { small: '' } },
      showSocialMediaLinks: false,
      hub: { enabled: false },
      homePage: 'modern',
      mapViewer: 'modern',
      topNav: {},
      mapViewerSwitchDate: org.created + 900 * 86_400_000,
    },
    portalThumbnail: null,
    recycleBinEnabled: true,
    recycleBinSupported: true,
    region: 'US',
    rotatorPanels: [],
    showHomePageDescription: false,
    staticImagesUrl: `${STATIC}/images`,
    supports3DTilesServices: true,
    supportsHostedServices: true,
    supportsOAuth: true,
    thumbnail: null,
    units: 'english',
    updateUserProfileDisabled: false,
    urlKey: id.urlKey,
    use3dBasemaps: true,
    useDefault3dBasemap: false,
    useStandardizedQuery: true,
    useVectorBasemaps: true,
  };
  if (!caller) return view;
  return {
    ...view,
    availableCredits: org.availableCredits,
    // Members the org lists as its administrative contacts (signed-in view only).
    contacts: ['demo_admin'],
    creditAssignments: org.orgSettings.creditAssignments,
    defaultUserCreditAssignment: org.orgSettings.defaultUserCreditAssignment,
    storageQuota: 2_199_023_255_552,
    storageUsage: org.members.reduce((sum, m) => sum + m.storageUsage, 0),
    subscriptionInfo: subscriptionInfoView(org),
    user: fullUserView(org, caller),
    ...(app ? { appInfo: appInfoView(org, app, caller) } : {}),
  };
}

function appInfoView(org: OrgModel, app: CallerApp, caller: Member) {
  let code = 0;
  for (const ch of app.clientId) code = (code * 31 + ch.charCodeAt(0)) >>> 0;
  return {
    appId: app.clientId,
    itemId: hexId(org.seed, 0xa991, code, 32),
    appOwner: 'demo_admin',
    orgId: org.identity.id,
    appTitle: app.title,
    // An app acting for a member has the member's premium privileges.
    privileges: caller.privileges.filter((p) => p.startsWith('premium:')),
  };
}

/** `portals/self/settings`: the org's configuration as the caller sees it. */
export function settingsView(org: OrgModel) {
  return {
    allowedRedirectUris: [],
    helperServices: helperServices(),
    informationalBanner: {
      text: '',
      bgColor: 'grey',
      fontColor: 'black',
      enabled: false,
    },
    accessNotice: { memberNotice: null, anonymousNotice: null },
    config: {},
    mapViewer: 'modern',
    sceneViewer: 'current',
    defaultExtent: ORG_EXTENT,
    culture: 'en-US',
    region: 'US',
    orgId: org.identity.id,
  };
}

/** `portals/regions` (documented shape: name, region code, localized name). */
export function regionsView() {
  return REGIONS.map(([region, name]) => ({ name, region, localizedName: name }));
}

const REGIONS: readonly (readonly [string, string])[] = [
  ['WO', 'World'],
  ['AR', 'Argentina'],
  ['AU', 'Australia'],
  ['AT', 'Austria'],
  ['BE', 'Belgium'],
  ['BO', 'Bolivia'],
  ['BR', 'Brazil'],
  ['CA', 'Canada'],
  ['CL', 'Chile'],
  ['CN', 'China'],
  ['DK', 'Denmark'],
  ['FI', 'Finland'],
  ['FR', 'France'],
  ['DE', 'Germany'],
  ['IN', 'India'],
  ['IE', 'Ireland'],
  ['IT', 'Italy'],
  ['JP', 'Japan'],
  ['MX', 'Mexico'],
  ['NL', 'Netherlands'],
  ['NZ', 'New Zealand'],
  ['NO', 'Norway'],
  ['PL', 'Poland'],
  ['PT', 'Portugal'],
  ['ES', 'Spain'],
  ['SE', 'Sweden'],
  ['CH', 'Switzerland'],
  ['GB', 'United Kingdom'],
  ['US', 'United States'],
];

export function roleView(role: CustomRole, withPrivileges: boolean) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    created: role.created,
    modified: role.modified,
    ...(withPrivileges ? { privileges: [...role.privileges] } : {}),
  };
}

/** `portals/self/roles`: custom roles, paged like every list. */
export function rolesPageView(roles: readonly CustomRole[], req: PageRequest, withPrivileges: boolean) {
  const from = Math.max(0, req.start - 1);
  const page = req.start < 1 ? [] : roles.slice(from, from + req.num);
  return { ...pageFields(req, roles.length), roles: page.map((r) => roleView(r, withPrivileges)) };
}

/** `portals/self/users/counts`: members per key (user type, role…), paged. */
export function countsPageView(counts: ReadonlyMap<string, number>, req: PageRequest) {
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, count }));
  const from = Math.max(0, req.start - 1);
  const page = req.start < 1 ? [] : rows.slice(from, from + req.num);
  return { ...pageFields(req, rows.length), results: page };
}

/** `community/users/<user>/tags`: the tags a member used on their items (none in the demo). */
export function userTagsView() {
  return { tags: [] as { tag: string; count: number }[] };
}

/** `community/users/<user>/properties`: app settings stored for the member. */
export function userPropertiesView() {
  return { properties: { mapViewer: 'modern', landingPage: { url: 'home.html' } } };
}
