/**
 * The notebook's policy logic in Python: the same precedence as the TypeScript engine
 * (src/lib/policies/engine.ts), with no ArcGIS imports so a test can run it on its own.
 * Override > group (highest or lowest, the document's setting) > user type > role > org default
 * (or, when the document's `uncovered` setting says "keep", the member's current allocation);
 * between rules of one level the earlier in the list wins; deleted entries (tombstones) are ignored.
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
`;
