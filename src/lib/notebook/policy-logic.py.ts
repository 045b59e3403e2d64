/**
 * The notebook's policy logic in Python: the same precedence as the TypeScript engine
 * (src/lib/policies/engine.ts), with no ArcGIS imports so a test can run it on its own.
 * Override > group (highest or lowest, the document's setting) > user type > role > org default
 * (or, when the document's `uncovered` setting says "keep", the member's current allocation);
 * between rules of one level the earlier in the list wins; deleted entries (tombstones) are ignored.
 * Reset dates follow src/lib/resets/due.ts: UTC calendar days, a day past a short month's end falls on
 * its last day, a reset is due when a reset date has come since the rule's last reset (or since it was
 * saved), and the last resets come from the journal as src/lib/resets/reset-plan.ts reads them.
 */
export const POLICY_LOGIC_PY = String.raw`# Policy logic: the same precedence as Credit Console (no ArcGIS calls in this cell).
# An allocation is a number of credits (>= 0) or None for no limit.


def value_of(allocation):
    """A rule's or override's allocation: credits, or None for no limit."""
    if allocation.get("kind") == "no-limit":
        return None
    return float(allocation["credits"])


def org_default_value(default_user_credit_assignment):
    """The org default (-1 = no limit) as a value."""
    if default_user_credit_assignment is None or default_user_credit_assignment < 0:
        return None
    return float(default_user_credit_assignment)


def current_value_of(assigned_credits):
    """A member's allocation now: None for no limit, "off" while budgeting is off."""
    if assigned_credits is None:
        return "off"
    return None if assigned_credits < 0 else float(assigned_credits)


def compare_values(a, b):
    """Orders two values by size; no limit (None) is above every number."""
    if a == b:
        return 0
    if a is None:
        return 1
    if b is None:
        return -1
    return -1 if a < b else 1


def live_rules(doc):
    rules = [r for r in doc.get("rules", []) if not r.get("deleted")]
    return sorted(rules, key=lambda r: (r["position"], r["id"]))


def role_key_of(member):
    return member.get("roleId") or member.get("role") or ""


def rule_matches(rule, member, groups):
    target = rule["target"]
    kind = target["kind"]
    if kind == "role":
        return role_key_of(member) == target["roleKey"]
    if kind == "user-type":
        return (member.get("userLicenseTypeId") or "") == target["userTypeId"]
    if kind == "group":
        return target["groupId"] in groups
    return False


def groups_by_member(membership):
    """{group id: [usernames]} -> {lower-case username: {group ids}}."""
    out = {}
    for group_id, usernames in membership.items():
        for username in usernames:
            out.setdefault(username.lower(), set()).add(group_id)
    return out


def make_resolver(doc, org_default, membership):
    """resolve(member) -> (effective value, source) under the policy document."""
    rules = live_rules(doc)
    group_rules = [r for r in rules if r["target"]["kind"] == "group"]
    type_rules = [r for r in rules if r["target"]["kind"] == "user-type"]
    role_rules = [r for r in rules if r["target"]["kind"] == "role"]
    overrides = {}
    for o in doc.get("overrides", []):
        if not o.get("deleted"):
            overrides[o["username"].lower()] = o
    member_groups = groups_by_member(membership)
    conflict = doc.get("groupConflict", {}).get("value", "highest")
    # Members no rule covers: the org default, or (setting "keep") their current allocation.
    keep_uncovered = (doc.get("uncovered") or {}).get("value", "org-default") == "keep"

    def group_winner(member, groups):
        best = None
        for rule in group_rules:
            if not rule_matches(rule, member, groups):
                continue
            if best is None:
                best = rule
                continue
            c = compare_values(value_of(rule["allocation"]), value_of(best["allocation"]))
            if (conflict == "highest" and c > 0) or (conflict == "lowest" and c < 0):
                best = rule
        return best

    def first_match(candidates, member, groups):
        for rule in candidates:
            if rule_matches(rule, member, groups):
                return rule
        return None

    def resolve(member):
        key = member["username"].lower()
        override = overrides.get(key)
        if override is not None:
            return value_of(override["allocation"]), {"kind": "override", "overrideId": override["id"]}
        groups = member_groups.get(key, set())
        rule = (
            group_winner(member, groups)
            or first_match(type_rules, member, groups)
            or first_match(role_rules, member, groups)
        )
        if rule is not None:
            source = {"kind": "rule", "ruleId": rule["id"], "level": rule["target"]["kind"]}
            return value_of(rule["allocation"]), source
        current = current_value_of(member.get("assignedCredits"))
        if keep_uncovered and current != "off":
            return current, {"kind": "kept"}
        return org_default, {"kind": "org-default"}

    return resolve


def effective_allocations(members, doc, org_default, membership):
    """Every member's effective allocation, its source, and whether they have drifted."""
    resolve = make_resolver(doc, org_default, membership)
    out = []
    for member in members:
        effective, source = resolve(member)
        current = current_value_of(member.get("assignedCredits"))
        out.append(
            {
                "username": member["username"],
                "effective": effective,
                "source": source,
                "current": current,
                "drift": current != "off" and current != effective,
            }
        )
    return out


# Resets: when each rule's reset is due (UTC calendar days, epoch milliseconds).
import calendar
import datetime
import re


def day_start(year, month, day):
    """00:00 UTC of a calendar day; a day past the month's end falls on its last day."""
    last = calendar.monthrange(year, month)[1]
    return calendar.timegm((year, month, min(max(1, day), last), 0, 0, 0)) * 1000


def iso_day(ms):
    return datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc).strftime("%Y-%m-%d")


def parse_iso_day(text):
    """A YYYY-MM-DD date as epoch ms, or None for a date that does not exist."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", text or "")
    if not m:
        return None
    try:
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return calendar.timegm((d.year, d.month, d.day, 0, 0, 0)) * 1000


def _year_month(ms):
    d = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    return d.year, d.month


def latest_reset_at_or_before(period, now):
    """The latest reset date at or before now (epoch ms), or None."""
    year, month = _year_month(now)
    kind = period.get("kind")
    if kind == "monthly":
        here = day_start(year, month, period["day"])
        if here <= now:
            return here
        if month == 1:
            return day_start(year - 1, 12, period["day"])
        return day_start(year, month - 1, period["day"])
    if kind == "fiscal-year":
        here = day_start(year, period["startMonth"], period["startDay"])
        if here <= now:
            return here
        return day_start(year - 1, period["startMonth"], period["startDay"])
    if kind == "dates":
        days = [parse_iso_day(t) for t in period.get("dates", [])]
        days = [d for d in days if d is not None and d <= now]
        return max(days) if days else None
    return None


def resets_between(period, since, now):
    """How many reset dates fall after since and at or before now (more than 1: some were missed)."""
    count = 0
    t = latest_reset_at_or_before(period, now)
    while t is not None and t > since and count < 1000:
        count += 1
        t = latest_reset_at_or_before(period, t - 1)
    return count


def due_resets(doc, last_resets, now):
    """[{"rule", "dueOn", "missed"}] for each live rule whose reset date has come since its last reset."""
    out = []
    for rule in live_rules(doc):
        period = rule.get("reset")
        if not period:
            continue
        since = last_resets.get(rule["id"], rule["updated"])
        due_on = latest_reset_at_or_before(period, now)
        if due_on is None or due_on <= since:
            continue
        out.append({"rule": rule, "dueOn": due_on, "missed": resets_between(period, since, now)})
    return sorted(out, key=lambda d: d["dueOn"])


def last_resets_from_journal(entries):
    """{rule id: reset date} of the finished reset runs in the journal that applied someone."""
    out = {}
    for e in entries:
        if e.get("type") != "allocations" or e.get("state") == "running":
            continue
        resets = (e.get("plan") or {}).get("resets") or []
        if not resets or (e.get("counts") or {}).get("applied", 0) == 0:
            continue
        for r in resets:
            if r["dueOn"] > out.get(r["ruleId"], float("-inf")):
                out[r["ruleId"]] = r["dueOn"]
    return out
`;
