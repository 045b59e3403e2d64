/**
 * The notebook's reset cells: which resets are due (the logic cell's `due_resets`, fed the last
 * resets from the organization's change journal), applying them with `gis.admin.credits.allocate`,
 * and appending the run to the journal item in the console's format (`source: "notebook"`), merged
 * the same way the console does (re-read, merge by id, bound, write, re-read check, a few attempts).
 */

export const READ_JOURNAL_PY = String.raw`# Which resets are due: the rules' reset periods and the org's change journal
import json
import time


def find_journal_item():
    found = gis.content.search(
        query='tags:"{}"'.format(JOURNAL_ITEM_TAG), item_type=JOURNAL_ITEM_TYPE, max_items=100
    )
    found = [i for i in found if JOURNAL_ITEM_TAG in (i.tags or [])]
    # The console settles on the oldest such item, so this does too.
    return sorted(found, key=lambda i: (i.created, i.id))[0] if found else None


def journal_entries(item):
    if item is None:
        return []
    data = gis.content.get(item.id).get_data(try_json=True)
    if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT:
        raise SystemExit("Item {} does not hold a Credit Console journal.".format(item.id))
    return data.get("entries", [])


now_ms = int(time.time() * 1000)
last_resets = last_resets_from_journal(journal_entries(find_journal_item())) if RUN_RESETS else {}
due = due_resets(doc, last_resets, now_ms) if RUN_RESETS else []
for d in due:
    missed = " ({} earlier missed)".format(d["missed"] - 1) if d["missed"] > 1 else ""
    label = d["rule"].get("targetLabel") or d["rule"]["target"]["kind"]
    print("Reset due: rule {} ({}), due {}{}".format(d["rule"]["id"], label, iso_day(d["dueOn"]), missed))
if RUN_RESETS and not due:
    print("No reset is due today ({}).".format(iso_day(now_ms)))`;

export const APPLY_RESETS_PY = String.raw`# Apply the due resets (only when DRY_RUN is False) and record them in the org's journal
import uuid

due_ids = {d["rule"]["id"] for d in due}
# Every member whose allocation comes from a due rule gets its amount again (a new allocation
# period); members the rule gives no limit, and members without an allocation, are left out.
reset_members = [
    r for r in results
    if r["source"]["kind"] == "rule" and r["source"]["ruleId"] in due_ids
    and r["current"] != "off" and r["effective"] is not None
]
print("{} members to reset.".format(len(reset_members)))
BATCH = 100


def write_journal_entry(entry, attempts=3):
    """Re-read the journal, add the entry, bound it, write, re-read to check; a few attempts."""
    for attempt in range(attempts):
        item = find_journal_item()
        if item is None:
            gis.content.add({
                "title": JOURNAL_ITEM_TITLE,
                "type": JOURNAL_ITEM_TYPE,
                "tags": JOURNAL_ITEM_TAG,
                "typeKeywords": "Credit Console," + JOURNAL_ITEM_TAG,
                "snippet": "The change journal of Credit Console.",
                "text": json.dumps({"format": JOURNAL_FORMAT, "version": 1, "entries": [entry]}),
            })
        else:
            entries = [e for e in journal_entries(item) if e.get("id") != entry["id"]] + [entry]
            oldest = now_ms - JOURNAL_MAX_AGE_DAYS * 86400000
            entries = [e for e in entries if e.get("startedAt", 0) >= oldest]
            entries = sorted(entries, key=lambda e: -e.get("startedAt", 0))[:JOURNAL_MAX_ENTRIES]
            doc_out = {"format": JOURNAL_FORMAT, "version": 1, "entries": entries}
            item.update(item_properties={"text": json.dumps(doc_out)})
        time.sleep(0.5)
        if any(e.get("id") == entry["id"] for e in journal_entries(find_journal_item())):
            return True
    return False


if due and reset_members and not DRY_RUN:
    started = int(time.time() * 1000)
    outcomes = []
    for start in range(0, len(reset_members), BATCH):
        for r in reset_members[start:start + BATCH]:
            try:
                ok = credits.allocate(r["username"], r["effective"])
                outcome = {"username": r["username"], "status": "applied" if ok is True else "failed"}
                if ok is not True:
                    outcome["error"] = "The portal did not allocate ({})".format(ok)
            except Exception as error:  # one member's failure does not stop the others
                outcome = {"username": r["username"], "status": "failed", "error": str(error)}
            outcomes.append(outcome)
        print("  {} of {} sent".format(len(outcomes), len(reset_members)))
    counts = {"applied": 0, "not-assigned": 0, "failed": 0, "not-sent": 0}
    for o in outcomes:
        counts[o["status"]] += 1
    changes = [
        {"username": r["username"], "before": r["current"], "after": r["effective"]} for r in reset_members
    ]
    n = len(due)
    entry = {
        "type": "allocations",
        "id": str(uuid.uuid4()),
        "portalUrl": gis.url,
        "username": gis.users.me.username,
        "startedAt": started,
        "finishedAt": int(time.time() * 1000),
        "state": "finished",
        "source": "notebook",
        "plan": {
            "kind": "reset",
            "title": "Reset allocations of {} rule{}".format(n, "" if n == 1 else "s"),
            "changes": changes,
            "resets": [{"ruleId": d["rule"]["id"], "dueOn": d["dueOn"]} for d in due],
        },
        "outcomes": outcomes,
        "counts": counts,
    }
    if len(changes) > JOURNAL_MEMBER_CAP:
        entry["plan"]["changes"], entry["outcomes"] = [], []
        entry["membersOmitted"], entry["memberCount"] = True, len(changes)
    if write_journal_entry(entry):
        print("Reset recorded in the organization's journal.")
    else:
        print("The reset was applied but could not be recorded in the journal: the console may offer it again.")
    print("Resets: {} applied, {} failed.".format(counts["applied"], counts["failed"]))
elif due and DRY_RUN:
    print("Dry run: no reset was applied. Set DRY_RUN = False to apply.")`;
