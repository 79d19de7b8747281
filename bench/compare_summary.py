#!/usr/bin/env python3
"""Checks that several `summary --format json` outputs of one view give the same numbers.

    python3 bench/compare_summary.py NAME=FILE NAME=FILE [NAME=FILE...]

The first file is the reference. Compared, within 1e-6 (absolute):
- area: per (template, section): reports, mean, min, max, below_pass_mark; the template's
  versions; the total report count. Titles are not compared (en and zh-CN reports of one
  template id have different section titles; which one a tool shows is its own choice).
  An area with no report that has a percent counts as absent.
- subject: per (template, subject): count, latest_date, latest, previous, change, and the
  mean of the subject's percents when every output has it; the total.
Exits 1 and lists the first differences when they do not agree. Standard library only.
"""

import json
import sys

TOLERANCE = 1e-6
# Compared only when both outputs have them.
OPTIONAL = ("mean",)
SHOWN = 12


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def flatten(doc: dict) -> tuple[str, dict]:
    """The view and {key: {field: value}} of one output."""
    view = doc.get("view")
    out: dict = {("total",): {"reports": doc.get("reports")}}
    if view == "area":
        for group in doc["groups"]:
            template = group["template"]
            out[(template, "versions")] = {"versions": sorted(group.get("versions") or [])}
            for a in group["areas"]:
                if not a.get("reports"):
                    continue
                out[(template, a["section"])] = {
                    k: a.get(k) for k in ("reports", "mean", "min", "max", "below_pass_mark")
                }
    elif view == "subject":
        for row in doc["rows"]:
            fields = ("count", "latest_date", "latest", "previous", "change")
            out[(row["template"], row["subject"])] = {k: row.get(k) for k in fields} | {
                k: row[k] for k in OPTIONAL if k in row
            }
    else:
        raise SystemExit(f"compare: unknown view {view!r}")
    return view, out


def same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= TOLERANCE
    return a == b


def main() -> int:
    named = [arg.split("=", 1) for arg in sys.argv[1:]]
    if len(named) < 2 or any(len(n) != 2 for n in named):
        print(__doc__, file=sys.stderr)
        return 2
    flat = [(name, *flatten(load(path))) for name, path in named]
    ref_name, ref_view, ref = flat[0]
    ok = True
    for name, view, other in flat[1:]:
        problems = []
        if view != ref_view:
            problems.append(f"view {view!r} vs {ref_view!r}")
        for key in sorted(set(ref) | set(other), key=str):
            a, b = ref.get(key), other.get(key)
            if a is None or b is None:
                problems.append(f"{key}: only in {ref_name if b is None else name}")
                continue
            for field in a:
                if field in OPTIONAL and field not in b:
                    continue
                if not same(a[field], b.get(field)):
                    problems.append(f"{key} {field}: {ref_name} {a[field]!r}, {name} {b.get(field)!r}")
        rows = len(ref) - 1
        if problems:
            ok = False
            print(f"MISMATCH {ref_view}: {ref_name} vs {name}: {len(problems)} difference(s)")
            for p in problems[:SHOWN]:
                print(f"  {p}")
        else:
            print(f"ok {ref_view}: {name} = {ref_name} ({rows} groups, within {TOLERANCE:g})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
