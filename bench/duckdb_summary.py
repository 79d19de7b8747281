#!/usr/bin/env python3
"""`opscheck summary --by area|subject --format json`, computed in DuckDB.

    bench/.venv/bin/python bench/duckdb_summary.py --by area DIR
    bench/.venv/bin/python bench/duckdb_summary.py --by subject --reader read_text DIR

Reads every `*.json` under DIR (recursively) as an `opscheck-report/1` file and prints the
same JSON document as `opscheck summary --by VIEW --format json` (see bench/README.md,
"What is compared"):

- area: per template id (all versions together) and section, over the reports in which
  the section has a percent: their count, mean, min, max, and the share of them below
  that report's `overall.pass_mark`;
- subject: per template id and subject, the report count and the latest report by
  (date, finished_at): its date and percent, the previous report's percent and the change;
  and the mean of the subject's inspection percents (null ones excluded).

Two ways to read the files, both one SQL query per view on DuckDB's parallel reader:

- `read_json` (default): `read_json('DIR/**/*.json')` with DuckDB's schema detection,
  what a manager who knows SQL types first;
- `read_text`: `read_text('DIR/**/*.json')` and `from_json` with an explicit schema of
  only the fields the view needs: the fastest DuckDB way found (about 4x read_json here,
  because read_json builds typed vectors for all 51..345 answers of every report).
"""

import argparse
import json
import sys

import duckdb

# The fields both views use, as (name, SQL expression over `r`).
FIELDS = """
    r.template.id AS template, r.template.version AS version, r.subject AS subject,
    r.date AS date, r.finished_at::TIMESTAMPTZ AS finished_at,
    r.overall.percent AS percent, r.overall.pass_mark AS pass_mark,
    r.sections AS sections
"""

SCHEMA = json.dumps(
    {
        "format": "VARCHAR",
        "template": {"id": "VARCHAR", "version": "VARCHAR"},
        "subject": "VARCHAR",
        "date": "DATE",
        "finished_at": "TIMESTAMPTZ",
        "overall": {"percent": "DOUBLE", "pass_mark": "DOUBLE"},
        "sections": [{"id": "VARCHAR", "title": "VARCHAR", "percent": "DOUBLE"}],
    }
)


def reports(directory: str, reader: str) -> str:
    """A subquery with one row per report and the columns of FIELDS."""
    pattern = (directory.rstrip("/") + "/**/*.json").replace("'", "''")
    if reader == "read_json":
        source = f"read_json('{pattern}') AS r"
    else:
        source = f"(SELECT from_json(content, '{SCHEMA}') AS r FROM read_text('{pattern}'))"
    return f"(SELECT {FIELDS} FROM {source} WHERE r.format = 'opscheck-report/1')"


AREA_SQL = """
WITH reports AS {reports},
templates AS (
    SELECT template, list(DISTINCT version ORDER BY version) AS versions, count(*) AS total
    FROM reports GROUP BY template
),
s AS (
    SELECT template, pass_mark, unnest(sections) AS s,
           unnest(range(len(sections))) AS position
    FROM reports
)
SELECT template, any_value(t.versions), any_value(t.total), s.id AS section,
       any_value(s.title),
       count(s.percent),
       avg(s.percent),
       min(s.percent),
       max(s.percent),
       avg(CASE WHEN s.percent < pass_mark THEN 1.0 ELSE 0.0 END)
           FILTER (WHERE s.percent IS NOT NULL),
       min(position) AS position
FROM s JOIN templates t USING (template)
GROUP BY template, s.id
ORDER BY template, position, section
"""

SUBJECT_SQL = """
WITH reports AS {reports},
ranked AS (
    SELECT template, subject, date, percent,
           row_number() OVER (PARTITION BY template, subject
                              ORDER BY date DESC, finished_at DESC) AS rank
    FROM reports
)
SELECT template, subject, count(*),
       max(date) FILTER (WHERE rank = 1),
       max(percent) FILTER (WHERE rank = 1),
       max(percent) FILTER (WHERE rank = 2),
       avg(percent)
FROM ranked
GROUP BY template, subject
ORDER BY template, subject
"""


def area(con: duckdb.DuckDBPyConnection, source: str) -> dict:
    groups: dict[str, dict] = {}
    totals: dict[str, int] = {}
    for template, versions, total, section, title, n, mean, lo, hi, below, _ in con.sql(
        AREA_SQL.format(reports=source)
    ).fetchall():
        totals[template] = total
        group = groups.setdefault(
            template, {"template": template, "versions": versions, "areas": []}
        )
        group["areas"].append(
            {
                "section": section,
                "title": title,
                "reports": n,
                "mean": mean,
                "min": lo,
                "max": hi,
                "below_pass_mark": below,
            }
        )
    return {
        "view": "area",
        "reports": sum(totals.values()),
        "skipped": 0,
        "mean": "inspections",
        "groups": list(groups.values()),
    }


def subject(con: duckdb.DuckDBPyConnection, source: str) -> dict:
    rows = []
    for template, name, count, latest_date, latest, previous, mean in con.sql(
        SUBJECT_SQL.format(reports=source)
    ).fetchall():
        rows.append(
            {
                "template": template,
                "subject": name,
                "count": count,
                "latest_date": latest_date.isoformat(),
                "latest": latest,
                "previous": previous,
                "change": None if latest is None or previous is None else latest - previous,
                "mean": mean,
            }
        )
    return {
        "view": "subject",
        "reports": sum(r["count"] for r in rows),
        "skipped": 0,
        "mean": "inspections",
        "rows": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--by", choices=["area", "subject"], required=True)
    parser.add_argument("--reader", choices=["read_json", "read_text"], default="read_json")
    parser.add_argument("directory")
    args = parser.parse_args()
    con = duckdb.connect()
    source = reports(args.directory, args.reader)
    out = area(con, source) if args.by == "area" else subject(con, source)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
