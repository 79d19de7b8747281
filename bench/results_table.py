#!/usr/bin/env python3
"""Turns one bench/summary.sh run into Markdown (bench/results-N.md): the machine, the
corpus, and per command the time, its ratios and the peak memory, then the targets of
issue 4. Called by bench/summary.sh; standard library only."""

import argparse
import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

MB = 1_000_000


def machine(load_start: str) -> list[str]:
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        total_kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    load = os.getloadavg()
    return [
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"- machine: {os.cpu_count()} CPUs (`nproc`), {total_kib / 1024 / 1024:.1f} GiB RAM, "
        f"{cpu}, Linux {platform.release()}",
        f"- load average (1, 5, 15 min) at the start: {load_start or '?'}; at the end: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other work on the machine skews the figures)",
    ]


def versions(opscheck: str) -> str:
    def run(*cmd: str) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
            return out.strip().splitlines()[0] if out.strip() else "?"
        except OSError:
            return "?"

    py = str(Path(__file__).resolve().parent / ".venv/bin/python")
    libs = run(
        py,
        "-c",
        "from importlib.metadata import version as v; "
        "print(f'duckdb {v(\"duckdb\")}, pandas {v(\"pandas\")}')",
    )
    return f"- versions: {run(opscheck, '--version')}, {libs}, {run('hyperfine', '--version')}"


def corpus(directory: Path) -> str:
    meta = {}
    marker = directory / ".complete"
    if marker.exists():
        for line in marker.read_text().splitlines():
            key, _, value = line.partition("=")
            meta[key] = value
    count = int(meta.get("count", 0))
    size = int(meta.get("bytes", 0))
    per_template: dict[str, list[int]] = {}
    for entry in directory.iterdir():
        if entry.is_dir() and entry.name != "templates":
            sizes = [p.stat().st_size for p in entry.rglob("*.json")]
            per_template[entry.name] = sizes
    parts = ", ".join(
        f"{name} {len(s)} ({sum(s) / len(s) / 1000:.0f} KB each)"
        for name, s in sorted(per_template.items())
        if s
    )
    return (
        f"- corpus: `{directory}`, {count} reports, {size / MB:.0f} MB "
        f"({size / max(count, 1) / 1000:.1f} KB on average; {parts}), seed {meta.get('seed', '?')}, "
        "made by `bench/generate/src/main.rs`; page cache warm"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out-dir", type=Path, required=True)
    ap.add_argument("--opscheck", required=True)
    ap.add_argument("--have-summary", type=int, default=1)
    ap.add_argument("--load-start", default="")
    ap.add_argument("--warmup", default="?")
    args = ap.parse_args()

    results = json.loads((args.out_dir / "hyperfine.json").read_text())["results"]
    by_name = {r["command"]: r for r in results}

    def rss(name: str) -> float | None:
        path = args.out_dir / (name.replace(" ", "-") + ".rss")
        if not path.exists():
            return None
        return int(path.read_text().strip().splitlines()[-1]) * 1024

    floor = by_name["cat"]["mean"]
    lines = [f"# opscheck summary benchmark: {args.count} reports", ""]
    lines += machine(args.load_start)
    lines.append(versions(args.opscheck))
    lines.append(corpus(args.corpus))
    lines.append(
        f"- hyperfine: {args.warmup} warm-up and {len(results[0]['times'])} timed runs per command, "
        "each prepared by a `cat` of the corpus (warm page cache); mean ± σ"
    )
    lines += ["", "| command | time (s) | min (s) | × opscheck | × cat | CPU (s) | peak RSS (MiB) |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        name = r["command"]
        view = name.split()[-1] if name != "cat" else None
        ref = by_name.get(f"opscheck {view}") if view else None
        vs_opscheck = f"{r['mean'] / ref['mean']:.2f}" if ref else "–"
        memory = rss(name)
        lines.append(
            f"| {name} | {r['mean']:.3f} ± {r['stddev'] or 0:.3f} | {r['min']:.3f} | {vs_opscheck} "
            f"| {r['mean'] / floor:.2f} | {r['user'] + r['system']:.2f} "
            f"| {memory / 2**20 if memory else float('nan'):.1f} |"
        )
    lines += ["", "`time`: wall clock. `× opscheck`: this time ÷ opscheck's for the same view "
              "(above 1: slower than opscheck). `× cat`: this time ÷ the `cat` floor. `CPU`: "
              "user + system time of the process tree (less sensitive to other load than "
              "the wall clock; above the wall clock when it uses both cores).", ""]

    # Agreement.
    for view in ("area", "subject"):
        path = args.out_dir / f"compare-{view}.txt"
        if path.exists():
            for line in path.read_text().splitlines():
                lines.append(f"- check: {line}")
    lines.append("")

    # Targets of issue 4.
    if args.have_summary:
        lines.append("Targets (issue 4):")
        lines.append("")
        for view in ("area", "subject"):
            ops = by_name.get(f"opscheck {view}")
            if not ops:
                continue
            duck = min(
                (by_name[n] for n in (f"duckdb read_json {view}", f"duckdb read_text {view}")
                 if n in by_name),
                key=lambda r: r["mean"],
            )
            floor_ratio = ops["mean"] / floor
            duck_ratio = duck["mean"] / ops["mean"]
            memory = rss(f"opscheck {view}") or 0
            lines.append(
                f"- `--by {view}`: {floor_ratio:.2f}× the cat floor (target ≤ 2: "
                f"{'met' if floor_ratio <= 2 else 'MISSED'}); fastest DuckDB "
                f"({duck['command']}) takes {duck_ratio:.2f}× as long (target ≥ 2: "
                f"{'met' if duck_ratio >= 2 else 'MISSED'}); peak {memory / MB:.1f} MB "
                f"(target < 50 MB: {'met' if memory < 50 * MB else 'MISSED'})"
            )
    else:
        lines.append("opscheck has no `summary` command in this build: only the other tools were timed.")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
