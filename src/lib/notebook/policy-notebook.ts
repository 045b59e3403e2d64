import {
  JOURNAL_FORMAT,
  JOURNAL_ITEM_TAG,
  JOURNAL_ITEM_TITLE,
  JOURNAL_ITEM_TYPE,
  MAX_AGE_DAYS,
  MAX_ENTRIES,
  MEMBER_CAP,
} from '@/lib/change-plan/journal-sync';
import { POLICY_LOGIC_PY } from './policy-logic.py';
import { APPLY_RESETS_PY, READ_JOURNAL_PY } from './reset-cells.py';

/**
 * "Schedule in ArcGIS Notebooks": a Jupyter notebook (nbformat 4.5) that applies the org's
 * allocation policies with Esri's ArcGIS API for Python, so they keep applying without a browser
 * open — as an ArcGIS Notebook scheduled task, or by hand against any portal. It reads the policies
 * from the same org item the console saves them in, resolves every member with the same precedence
 * (the logic cell mirrors src/lib/policies/engine.ts) and allocates through `gis.admin.credits`.
 */

/** How the notebook finds the policy item (the console's policy store). */
export interface PolicyItemRef {
  /** Item type, "Application" (as the console saves it). */
  type: string;
  /** The tag the console puts on the item. */
  tag: string;
  /**
   * Only items this member owns; left out (or "") the notebook finds the item in anyone's content
   * in the organization, as the console does.
   */
  owner?: string;
}

export interface PolicyNotebookOptions {
  item: PolicyItemRef;
  /**
   * The portal the console is signed in to, written into the notebook as the address to use outside
   * ArcGIS Notebooks (inside, `GIS("home")` signs in as the notebook's owner).
   */
  portalUrl: string;
  /** True on the demo portal: its self-signed certificate needs `verify_cert=False`. */
  isDemoPortal: boolean;
  /** When it was made (ISO date), for the first cell. */
  generatedAt: string;
}

/** Metadata tag of the cell that holds the pure policy logic (tests run it on its own). */
export const LOGIC_CELL_TAG = 'policy-logic';

export interface NotebookCell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: { tags?: string[] };
  source: string[];
  execution_count?: null;
  outputs?: [];
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** Jupyter keeps source as lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  const parts = text.replace(/\s+$/, '').split('\n');
  return parts.map((line, i) => (i < parts.length - 1 ? `${line}\n` : line));
}

function markdown(id: string, text: string): NotebookCell {
  return { cell_type: 'markdown', id, metadata: {}, source: lines(text) };
}

function code(id: string, text: string, tags?: string[]): NotebookCell {
  return {
    cell_type: 'code',
    id,
    metadata: tags ? { tags } : {},
    execution_count: null,
    outputs: [],
    source: lines(text),
  };
}

/** A Python string literal (JSON's escaping is valid Python for these strings). */
function py(value: string): string {
  return JSON.stringify(value);
}

function intro(o: PolicyNotebookOptions): string {
  return `# Credit Console: apply allocation policies

Made by Credit Console on ${o.generatedAt}. Each run reads the allocation policies your administrators
keep in Credit Console (the **${o.item.type}** item tagged \`${o.item.tag}\` in your organization),
works out every member's allocation with the same precedence as the console — *member override >
group rule > user type rule > role rule > organization default*, a member in several groups getting the
highest or lowest group rule as the policies say — and allocates credits to the members whose
allocation differs.

* **DRY_RUN = True** (the default) only prints what would change. Set it to \`False\` to apply.
* **REAPPLY_ALL = True** gives every member covered by a rule or an override their amount again, even
  when it has not changed: a new allocation period (a reset).
* **RUN_RESETS = True** (the default) applies the policy resets that are due: for each rule with a reset
  period (monthly, given dates, fiscal year) it reads when the rule was last reset from the
  organization's change journal (the **${JOURNAL_ITEM_TYPE}** item tagged \`${JOURNAL_ITEM_TAG}\`); if a reset date
  has come since, every member the rule covers gets its amount again as a new allocation, and the reset
  is recorded in that journal, so the console does not offer it again. Schedule the notebook daily (or
  on the reset days): each reset happens once.

To run it on a schedule: in ArcGIS Online open this notebook, choose **Tasks → Create task**, and set
it to repeat (for example monthly, on the 1st). See the Credit Console README for details.`;
}

function settings(o: PolicyNotebookOptions): string {
  const verify = o.isDemoPortal ? 'False' : 'True';
  return `# Settings
DRY_RUN = True          # True: only print what would change. False: apply it.
REAPPLY_ALL = False     # True: re-allocate every covered member (a reset), not only those that differ.

# Inside ArcGIS Notebooks, "home" signs in as the notebook's owner (an administrator).
# Elsewhere, the portal address, an administrator's username, and the password in the
# CREDIT_CONSOLE_PASSWORD environment variable.
PORTAL = "home"  # "home" inside ArcGIS Notebooks; "other" for OTHER_PORTAL_URL below
OTHER_PORTAL_URL = ${py(o.portalUrl)}
OTHER_PORTAL_USERNAME = ""
VERIFY_CERT = ${verify}

POLICY_ITEM_TYPE = ${py(o.item.type)}
POLICY_ITEM_TAG = ${py(o.item.tag)}
POLICY_ITEM_OWNER = ${py(o.item.owner ?? '')}  # "" = whoever holds it in the organization (as the console finds it)
POLICY_SCHEMA = "credit-console/policies"

RUN_RESETS = True       # Apply the policy resets that are due (and record them in the org's journal).
JOURNAL_ITEM_TYPE = ${py(JOURNAL_ITEM_TYPE)}
JOURNAL_ITEM_TAG = ${py(JOURNAL_ITEM_TAG)}
JOURNAL_ITEM_TITLE = ${py(JOURNAL_ITEM_TITLE)}
JOURNAL_FORMAT = ${py(JOURNAL_FORMAT)}
JOURNAL_MEMBER_CAP = ${MEMBER_CAP}  # members' outcomes kept per entry; beyond it, the counts only
JOURNAL_MAX_AGE_DAYS = ${MAX_AGE_DAYS}
JOURNAL_MAX_ENTRIES = ${MAX_ENTRIES}`;
}

const CONNECT = `# Sign in
import os
from arcgis.gis import GIS

if PORTAL == "home":
    gis = GIS("home")
else:
    gis = GIS(
        OTHER_PORTAL_URL,
        OTHER_PORTAL_USERNAME,
        os.environ.get("CREDIT_CONSOLE_PASSWORD", ""),
        verify_cert=VERIFY_CERT,
    )
credits = gis.admin.credits
print("Signed in to", gis.properties.name, "as", gis.users.me.username)
if not credits.is_enabled:
    raise SystemExit("Credit budgeting is off in this organization: nothing to allocate.")`;

const READ_POLICIES = `# Read the policies from the organization
query = 'tags:"{}"'.format(POLICY_ITEM_TAG)
if POLICY_ITEM_OWNER:
    query += ' AND owner:"{}"'.format(POLICY_ITEM_OWNER)
# Searches this organization only (outside_org=False): the item is shared with it, whoever owns it.
found = gis.content.search(query=query, item_type=POLICY_ITEM_TYPE, max_items=100, outside_org=False)
found = [i for i in found if POLICY_ITEM_TAG in (i.tags or [])]
if not found:
    raise SystemExit("No Credit Console policies found (an item tagged {}).".format(POLICY_ITEM_TAG))
# The console settles on the oldest such item, so this does too.
policy_item = sorted(found, key=lambda i: (i.created, i.id))[0]
doc = policy_item.get_data(try_json=True)
if not isinstance(doc, dict) or doc.get("schema") != POLICY_SCHEMA:
    raise SystemExit("Item {} does not hold Credit Console policies.".format(policy_item.id))
rules = live_rules(doc)
overrides = [o for o in doc.get("overrides", []) if not o.get("deleted")]
print("Policies:", policy_item.title, "({}), {} rules, {} member overrides, groups: {}, not covered: {}".format(
    policy_item.id, len(rules), len(overrides), doc.get("groupConflict", {}).get("value", "highest"),
    (doc.get("uncovered") or {}).get("value", "org-default")))`;

const READ_MEMBERS = `# Read the members and the groups the rules name
users = gis.users.search(query="", max_users=1000000)
members = [
    {
        "username": u.username,
        # A User is a dict of the portal's fields; .get() reads them without another request.
        "role": u.get("role"),
        "roleId": u.get("roleId"),
        "userLicenseTypeId": u.get("userLicenseTypeId"),
        "assignedCredits": u.get("assignedCredits"),
    }
    for u in users
]

membership = {}
for group_id in sorted({r["target"]["groupId"] for r in rules if r["target"]["kind"] == "group"}):
    group = gis.groups.get(group_id)
    if group is None:
        print("Group {} was not found: its rule covers nobody.".format(group_id))
        membership[group_id] = []
        continue
    m = group.get_members()
    membership[group_id] = sorted(set([m.get("owner")] + m.get("admins", []) + m.get("users", [])) - {None})
org_default = org_default_value(credits.default_limit)
print("{} members, {} groups read.".format(len(members), len(membership)))`;

const PLAN = `# Work out what changes
results = effective_allocations(members, doc, org_default, membership)
changes = [
    r for r in results
    if r["current"] != "off"
    and (r["drift"] or (REAPPLY_ALL and r["source"]["kind"] not in ("org-default", "kept")))
]


def shown(value):
    return "no limit" if value is None else "{:,.3f}".format(value).rstrip("0").rstrip(".")


for r in changes[:50]:
    print("  {}: {} -> {}".format(r["username"], shown(r["current"]), shown(r["effective"])))
if len(changes) > 50:
    print("  ... and {} more".format(len(changes) - 50))
print("{} of {} members to change.".format(len(changes), len(results)))`;

const APPLY = `# Apply (only when DRY_RUN is False) and print a summary
applied, failed = [], []
if DRY_RUN:
    print("Dry run: nothing was changed. Set DRY_RUN = False to apply.")
else:
    for r in changes:
        try:
            if r["effective"] is None:
                ok = credits.deallocate(r["username"])
            else:
                ok = credits.allocate(r["username"], r["effective"])
            (applied if ok is True else failed).append((r["username"], ok))
        except Exception as error:  # one member's failure does not stop the others
            failed.append((r["username"], str(error)))
    for username, why in failed:
        print("  Failed: {}: {}".format(username, why))
print("Summary: {} to change, {} applied, {} failed, {} unchanged, dry run: {}.".format(
    len(changes), len(applied), len(failed), len(results) - len(changes), DRY_RUN))`;

/** The notebook, as the object Jupyter reads. */
export function buildPolicyNotebook(o: PolicyNotebookOptions): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells: [
      markdown('intro', intro(o)),
      code('settings', settings(o)),
      code('policy-logic', POLICY_LOGIC_PY, [LOGIC_CELL_TAG]),
      code('connect', CONNECT),
      code('read-policies', READ_POLICIES),
      code('read-members', READ_MEMBERS),
      code('plan', PLAN),
      code('apply', APPLY),
      code('read-journal', READ_JOURNAL_PY),
      code('apply-resets', APPLY_RESETS_PY),
    ],
  };
}

/** The `.ipynb` file's text. */
export function policyNotebookJson(o: PolicyNotebookOptions): string {
  return `${JSON.stringify(buildPolicyNotebook(o), null, 1)}\n`;
}
