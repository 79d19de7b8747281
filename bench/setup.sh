#!/usr/bin/env bash
# Installs what the benchmarks compare against, idempotently:
#   - bench/.venv (python3 -m venv) with duckdb, pandas, taplo (the PyPI package ships the
#     taplo binary) and jsonschema;
#   - hyperfine and GNU time (/usr/bin/time) with apt-get, when they are missing.
# Run it directly, or let bench/summary.sh and bench/validate.sh call it.
set -euo pipefail
cd "$(dirname "$0")"

PY_PACKAGES=(duckdb pandas taplo jsonschema)

if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating bench/.venv"
  python3 -m venv .venv
fi
if ! .venv/bin/python - "${PY_PACKAGES[@]}" <<'PY' 2>/dev/null
import importlib.util, shutil, sys, os
missing = [p for p in sys.argv[1:] if p != "taplo" and importlib.util.find_spec(p) is None]
taplo = os.path.join(os.path.dirname(sys.executable), "taplo")
sys.exit(1 if missing or not os.path.exists(taplo) else 0)
PY
then
  echo "setup: installing ${PY_PACKAGES[*]} into bench/.venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
fi

apt_missing=()
command -v hyperfine >/dev/null || apt_missing+=(hyperfine)
[[ -x /usr/bin/time ]] || apt_missing+=(time)
if ((${#apt_missing[@]})); then
  echo "setup: installing ${apt_missing[*]} with apt-get"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

versions=$(.venv/bin/python - <<'PY'
from importlib.metadata import version
print(", ".join(f"{p} {version(p)}" for p in ("duckdb", "pandas", "jsonschema")), end="")
PY
)
echo "setup: ok ($versions, $(.venv/bin/taplo --version | head -1), $(hyperfine --version))"
