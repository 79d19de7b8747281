#!/usr/bin/env bash
# Times `opscheck validate` on 1,000 templates against taplo (with the committed JSON
# Schema) and against a Python script (tomllib + jsonschema).
#
#   bench/validate.sh
#   COUNT=2000 RUNS=10 bench/validate.sh
#
# 1. makes COUNT (default 1000) valid template files in bench/corpus/templates: variants of
#    the two shipped checklists and of the 345-item ASVS checklist that
#    bench/generate/src/main.rs builds (45 % en, 35 % zh-CN, 20 % ASVS; each with its own id,
#    title, version and pass mark; `#:schema` removed in half of them and pointing at the
#    committed checklists/schema.json in the other half);
# 2. runs each tool once (all must accept every file; peak memory with /usr/bin/time);
# 3. times them with hyperfine (WARMUP, default 1; RUNS, default 5):
#      opscheck validate DIR
#      taplo check --no-auto-config --schema file://$PWD/checklists/schema.json DIR/*.toml
#      bench/.venv/bin/python bench/validate_jsonschema.py DIR
#    and writes the table, with ratios to opscheck, to bench/results-validate.md.
# What each checks differs: opscheck does everything the schema says plus what it cannot
# (duplicate ids, `when` references, scale labels, ...) with located diagnostics; taplo and
# jsonschema check the schema only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${COUNT:-1000}
[[ $COUNT =~ ^[1-9][0-9]*$ ]] || { echo "validate.sh: COUNT must be a positive number" >&2; exit 2; }

bench/setup.sh
PY=$ROOT/bench/.venv/bin/python
TAPLO=$ROOT/bench/.venv/bin/taplo
OPSCHECK=$ROOT/target/release/opscheck
SCHEMA=$ROOT/checklists/schema.json

echo "== building opscheck and the corpus generator (release)"
cargo build --release --locked
cargo build --release --locked -p opscheck-generate

dir=bench/corpus/templates
out=bench/corpus/out-validate
rm -rf "$dir" "$out" bench/corpus/asvs-template
mkdir -p "$dir" "$out"

# The ASVS checklist, as the corpus generator builds it (no reports).
asvs=""
if target/release/generate --out bench/corpus/asvs-template --count 0 >/dev/null; then
  [[ -f bench/corpus/asvs-template/templates/asvs-5.toml ]] && asvs=bench/corpus/asvs-template/templates/asvs-5.toml
fi
[[ -n $asvs ]] || echo "validate.sh: note: no ASVS checklist (../shared/external/asvs missing); shipped ones only"

python3 - "$dir" "$COUNT" "$SCHEMA" checklists/ops-inspection.toml checklists/ops-inspection.zh-CN.toml "$asvs" <<'PY'
import re, sys
from pathlib import Path
out, count, schema, en, zh, asvs = sys.argv[1:7]
count = int(count)
sources = {"en": Path(en).read_text(), "zh": Path(zh).read_text()}
if asvs:
    sources["asvs"] = Path(asvs).read_text()
def strip_schema(text):
    return "\n".join(l for l in text.splitlines() if not l.startswith("#:schema")) + "\n"
total = 0
for i in range(count):
    slot = i % 20
    kind = "en" if slot < 9 else "zh" if slot < 16 or "asvs" not in sources else "asvs"
    text = strip_schema(sources[kind])
    if i % 2:
        text = f"#:schema file://{schema}\n" + text
    text = re.sub(r'^id = "([a-z0-9-]+)"', lambda m: f'id = "{m[1]}-{i:04d}"', text, count=1, flags=re.M)
    text = re.sub(r'^title = "(.*)"', lambda m: f'title = "{m[1]} {i}"', text, count=1, flags=re.M)
    text = re.sub(r'^version = "[^"]*"', f'version = "1.{i // 100}.{i % 100}"', text, count=1, flags=re.M)
    text = re.sub(r"^pass_mark = \d+", f"pass_mark = {60 + i % 26}", text, count=1, flags=re.M)
    name = Path(out) / f"{i:04d}-{kind}.toml"
    name.write_text(text)
    total += len(text.encode())
print(f"templates: {count} files, {total / 1e6:.1f} MB in {out}")
PY

names=("opscheck validate" "taplo check" "python jsonschema")
cmds=(
  "$(printf '%q' "$OPSCHECK") validate $dir"
  "$(printf '%q' "$TAPLO") check --no-auto-config --schema file://$(printf '%q' "$SCHEMA") $dir/*.toml"
  "$(printf '%q' "$PY") bench/validate_jsonschema.py --schema $(printf '%q' "$SCHEMA") $dir"
)

echo "-- every tool accepts every file? (and peak memory)"
for i in "${!names[@]}"; do
  slug=${names[$i]// /-}
  if ! /usr/bin/time -f %M -o "$out/$slug.rss" bash -c "${cmds[$i]}" >"$out/$slug.log" 2>&1; then
    echo "validate.sh: ${names[$i]} rejected the corpus:" >&2
    tail -20 "$out/$slug.log" >&2
    exit 1
  fi
  printf '  %-20s ok  %8.1f MiB  %s\n' "${names[$i]}" "$(awk '{ x = $1 } END { print x / 1024 }' "$out/$slug.rss")" \
    "$(grep -E '^checked' "$out/$slug.log" | tail -1 || true)"
done

echo "-- timing (hyperfine)"
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine --warmup "${WARMUP:-1}" --runs "${RUNS:-5}" --style basic --export-json "$out/hyperfine.json" "${args[@]}"

python3 - "$out" "$COUNT" "$dir" "$OPSCHECK" "${WARMUP:-1}" >bench/results-validate.md <<'PY'
import datetime, json, os, platform, subprocess, sys
from pathlib import Path
out, count, directory, opscheck, warmup = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5]
results = json.loads((out / "hyperfine.json").read_text())["results"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1])
def version(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "?"
files = list(directory.glob("*.toml"))
size = sum(f.stat().st_size for f in files)
kinds = {k: sum(1 for f in files if f.stem.endswith(k)) for k in ("en", "zh", "asvs")}
ops = next(r for r in results if r["command"] == "opscheck validate")
jsonschema_version = version("bench/.venv/bin/python", "-c",
                             "from importlib.metadata import version as v; print('jsonschema', v('jsonschema'))")
load = os.getloadavg()
lines = [
    f"# opscheck validate benchmark: {count} templates", "",
    f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}",
    f"- machine: {os.cpu_count()} CPUs (`nproc`), {mem / 2**20:.1f} GiB RAM, {cpu}, Linux {platform.release()}",
    f"- load average (1, 5, 15 min) at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
    f"- versions: {version(opscheck, '--version')}, {version(str(Path('bench/.venv/bin/taplo')), '--version')}, "
    f"{jsonschema_version}, "
    f"{version('hyperfine', '--version')}",
    f"- corpus: `{directory}`, {len(files)} files, {size / 1e6:.1f} MB ({kinds['en']} en, {kinds['zh']} zh-CN, "
    f"{kinds['asvs']} ASVS 345-item), all valid; made by bench/validate.sh",
    f"- hyperfine: {warmup} warm-up and {len(results[0]['times'])} timed runs per command; mean ± σ", "",
    "| command | time (s) | min (s) | × opscheck | CPU (s) | peak RSS (MiB) |", "|---|---:|---:|---:|---:|---:|",
]
for r in results:
    rss = out / (r["command"].replace(" ", "-") + ".rss")
    kib = int(rss.read_text().split()[-1]) if rss.exists() else 0
    lines.append(f"| {r['command']} | {r['mean']:.3f} ± {r['stddev'] or 0:.3f} | {r['min']:.3f} | "
                 f"{r['mean'] / ops['mean']:.2f} | {r['user'] + r['system']:.2f} | {kib / 1024:.1f} |")
taplo = next(r for r in results if r["command"] == "taplo check")
ratio = taplo["mean"] / ops["mean"]
lines += ["", "`time`: wall clock. `× opscheck`: this time ÷ opscheck's (above 1: slower than "
          "opscheck). `CPU`: user + system time.", "",
          f"Target (issue 4): validate at least 2× faster than taplo: taplo takes {ratio:.2f}× as long "
          f"({'met' if ratio >= 2 else 'MISSED'})."]
print("\n".join(lines))
PY
echo
cat bench/results-validate.md
