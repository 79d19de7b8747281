#!/usr/bin/env python3
"""`opscheck summary --by area|subject --format json`, computed with pandas.

    bench/.venv/bin/python bench/pandas_summary.py --by area DIR
    bench/.venv/bin/python bench/pandas_summary.py --by subject DIR

Prints the same JSON document as `opscheck summary --by VIEW --format json` (see
bench/README.md, "What is compared"). The usual pandas way, kept lean: each report is read
with `json.load` and only the fields the view needs become rows (one per report for
`subject`, one per report and section for `area`); then one DataFrame and a groupby.
Holding whole reports (`pd.json_normalize` of every document) would need several GB at
100,000 reports. Single process, as a notebook would run it.
"""

import argparse
import json
import math
import os
import sys

import pandas as pd


def report_files(directory: str):
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if d != ".drafts"]
        for name in files:
            if name.endswith(".json"):
                yield os.path.join(root, name)


def load(directory: str):
    for path in report_files(directory):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        if report.get("format") == "opscheck-report/1":
            yield report


def nan_to_none(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def area(directory: str) -> dict:
    rows = []
    versions: dict[str, set] = {}
    totals: dict[str, int] = {}
    for r in load(directory):
        template = r["template"]["id"]
        versions.setdefault(template, set()).add(r["template"]["version"])
        totals[template] = totals.get(template, 0) + 1
        pass_mark = r["overall"]["pass_mark"]
        for position, s in enumerate(r["sections"]):
            rows.append((template, s["id"], s["title"], position, s["percent"], pass_mark))
    df = pd.DataFrame(
        rows, columns=["template", "section", "title", "position", "percent", "pass_mark"]
    )
    df["percent"] = df["percent"].astype("float64")
    df["below"] = (df["percent"] < df["pass_mark"]).astype("float64")
    df.loc[df["percent"].isna(), "below"] = float("nan")
    agg = (
        df.groupby(["template", "section"], sort=False)
        .agg(
            title=("title", "first"),
            position=("position", "min"),
            reports=("percent", "count"),
            mean=("percent", "mean"),
            min=("percent", "min"),
            max=("percent", "max"),
            below_pass_mark=("below", "mean"),
        )
        .reset_index()
        .sort_values(["template", "position", "section"])
    )
    groups: dict[str, dict] = {}
    for row in agg.itertuples(index=False):
        group = groups.setdefault(
            row.template,
            {"template": row.template, "versions": sorted(versions[row.template]), "areas": []},
        )
        group["areas"].append(
            {
                "section": row.section,
                "title": row.title,
                "reports": int(row.reports),
                "mean": nan_to_none(row.mean),
                "min": nan_to_none(row.min),
                "max": nan_to_none(row.max),
                "below_pass_mark": nan_to_none(row.below_pass_mark),
            }
        )
    return {
        "view": "area",
        "reports": sum(totals.values()),
        "skipped": 0,
        "mean": "inspections",
        "groups": [groups[t] for t in sorted(groups)],
    }


def subject(directory: str) -> dict:
    rows = [
        (
            r["template"]["id"],
            r["subject"],
            r["date"],
            r["finished_at"],
            r["overall"]["percent"],
        )
        for r in load(directory)
    ]
    df = pd.DataFrame(rows, columns=["template", "subject", "date", "finished_at", "percent"])
    df["percent"] = df["percent"].astype("float64")
    # Instants, whatever the offset each report was written in.
    df["finished_at"] = pd.to_datetime(df["finished_at"], utc=True, format="ISO8601")
    df = df.sort_values(["template", "subject", "date", "finished_at"])
    grouped = df.groupby(["template", "subject"], sort=True)
    last = grouped.nth(-1).set_index(["template", "subject"])
    previous = grouped.nth(-2).set_index(["template", "subject"])["percent"]
    counts = grouped.size()
    means = grouped["percent"].mean()
    out = []
    for (template, name), count in counts.items():
        latest = nan_to_none(last.at[(template, name), "percent"])
        prev = nan_to_none(previous.get((template, name))) if count > 1 else None
        out.append(
            {
                "template": template,
                "subject": name,
                "count": int(count),
                "latest_date": last.at[(template, name), "date"],
                "latest": latest,
                "previous": prev,
                "change": None if latest is None or prev is None else latest - prev,
                "mean": nan_to_none(means.get((template, name))),
            }
        )
    return {
        "view": "subject",
        "reports": int(counts.sum()),
        "skipped": 0,
        "mean": "inspections",
        "rows": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--by", choices=["area", "subject"], required=True)
    parser.add_argument("directory")
    args = parser.parse_args()
    out = area(args.directory) if args.by == "area" else subject(args.directory)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
