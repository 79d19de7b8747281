#!/usr/bin/env python3
"""Checks that the README's DuckDB queries over `opscheck export` give opscheck's figures.

    bench/.venv/bin/python bench/export_duckdb.py OPSCHECK DIR

Takes the two `duckdb -c "…"` queries of the README block that starts with
`opscheck export reports > answers.jsonl`, exactly as written there, runs them in DuckDB
over `OPSCHECK export DIR` (in a temp directory, as `answers.jsonl`), and compares:

- the first (per template and area: the mean of the reports' weighted area percents,
  rounded to 0.1) with `OPSCHECK summary --by area --format json DIR` (and the report
  count);
- the second (per report: the overall percent, rounded to 0.1) with each report's
  `overall.percent` (the `overall_percent` column of the export).

A figure matches when it is the exact one rounded to 0.1: within 0.05 of it.

Also runs the README's former query (an unweighted mean of the answer scores) to show by
how much it was off. Prints the counts and the largest differences; exits 1 on any
mismatch.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(HERE, "..", "README.md")

FORMER = """SELECT section_title, round(avg(score) * 100, 1) AS percent, count(*) AS answers
           FROM read_json('answers.jsonl') WHERE score IS NOT NULL
           GROUP BY section_title ORDER BY percent"""


def readme_queries():
    text = open(README, encoding="utf-8").read()
    start = text.index("```sh\nopscheck export reports > answers.jsonl\n")
    block = text[start : text.index("\n```", start + 6)]
    queries = re.findall(r'duckdb -c "(.*?)"', block, flags=re.S)
    if len(queries) != 2:
        sys.exit(f"export_duckdb: expected 2 queries in the README block, found {len(queries)}")
    return queries


def same(exact, shown):
    """Whether a figure shown to 0.1 is opscheck's exact one rounded: within 0.05 of it
    (a tie may go either way, as the two sum in different orders)."""
    return exact is not None and shown is not None and abs(exact - shown) <= 0.05 + 1e-9


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    opscheck, directory = sys.argv[1], os.path.abspath(sys.argv[2])
    by_area, overall = readme_queries()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "answers.jsonl"), "wb") as out:
            subprocess.run([opscheck, "export", directory], stdout=out, check=True)
        summary = json.loads(
            subprocess.run(
                [opscheck, "summary", "--by", "area", "--format", "json", directory],
                capture_output=True,
                check=True,
            ).stdout
        )
        os.chdir(tmp)
        con = duckdb.connect()
        areas = con.sql(by_area).fetchall()
        reports = con.sql(overall).fetchall()
        stated = dict(
            con.sql(
                "SELECT report, any_value(overall_percent) FROM read_json('answers.jsonl') GROUP BY report"
            ).fetchall()
        )
        former = con.sql(FORMER).fetchall()

    expected = {}
    for group in summary["groups"]:
        for area in group["areas"]:
            expected[(group["template"], area["section"])] = (area["mean"], area["reports"])
    mismatches = 0
    worst = 0.0
    for template, section, _title, mean, count in areas:
        want, want_count = expected.pop((template, section), (None, None))
        if not same(want, mean) or want_count != count:
            mismatches += 1
            print(f"area {template}/{section}: duckdb {mean} over {count}, opscheck {want} over {want_count}")
        else:
            worst = max(worst, abs(want - mean))
    for key in expected:
        mismatches += 1
        print(f"area {key}: in opscheck's summary, not in DuckDB's")
    report_worst = 0.0
    for report, percent in reports:
        want = stated.get(report)
        if not same(want, percent):
            mismatches += 1
            print(f"report {report}: duckdb {percent}, overall.percent {want}")
        else:
            report_worst = max(report_worst, abs(want - percent))
    former_by_title = {title: percent for title, percent, _ in former}
    weighted_by_title = {}
    for template, section, title, mean, count in areas:
        weighted_by_title.setdefault(title, []).append(mean)
    off = [
        abs(former_by_title[t] - m)
        for t, means in weighted_by_title.items()
        if t in former_by_title and len(means) == 1
        for m in means
    ]
    print(f"areas compared: {len(areas)}; reports compared: {len(reports)}; mismatches: {mismatches}")
    print(f"largest difference from the exact figure: areas {worst:.4f}, reports {report_worst:.4f} points (rounding to 0.1)")
    if off:
        print(f"the former unweighted query was off by up to {max(off):.1f} points (mean {sum(off) / len(off):.1f})")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
