#!/usr/bin/env bash
# `opscheck import` over every XLSForm in a directory (default ../shared/external/xlsform,
# or ../../shared/external/xlsform from a worktree under wt/; pyxform's own test forms):
# per file imported / refused, the exit code, the templates written, every message
# (`FILE:SHEET!CELL: …`) and whether each written template passes `opscheck validate`.
# Fails when a run panics, exits with anything but 0 or 1, prints an error or warning
# that does not start with its file, or writes a template `validate` refuses.
# Writes bench/results-xlsform-import.md.
#
#   bench/xlsform_import.sh
#   bench/xlsform_import.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# A worktree under wt/ finds the shared directory one level further up.
default=$ROOT/../shared/external/xlsform
[[ -d $default ]] || default=$ROOT/../../shared/external/xlsform
forms=${1:-$default}
[[ -d $forms ]] || { echo "xlsform_import.sh: no directory $forms" >&2; exit 2; }
forms=$(cd "$forms" && pwd)

echo "== building opscheck (release)"
cargo build --release --locked
OPSCHECK=$ROOT/target/release/opscheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rows=$work/rows
details=$work/details
: >"$rows"
: >"$details"
bad=0
total=0
imported=0
refused=0
cd "$forms"
for form in *.xlsx *.csv; do
  [[ -f $form ]] || continue
  total=$((total + 1))
  out=$work/out/${form%.*}
  set +e
  "$OPSCHECK" --lang en import "$form" --out "$out" >"$work/stdout" 2>"$work/stderr"
  code=$?
  set -e
  warnings=$(grep -c '^warning: ' "$work/stderr" || true)
  errors=$(grep -c '^error: ' "$work/stderr" || true)
  # Every warning and error names the file, and a sheet and cell unless the whole
  # workbook is unreadable.
  unlocated=$(grep -E '^(warning|error): ' "$work/stderr" | grep -vcE "^(warning|error): $form:" || true)
  case $code in
    0) result=imported; imported=$((imported + 1)) ;;
    1) result=refused; refused=$((refused + 1)) ;;
    *) result="**exit $code**"; bad=1 ;;
  esac
  if grep -q 'panicked' "$work/stderr"; then result="**panic**"; bad=1; fi
  ((unlocated == 0)) || { bad=1; result="$result, **$unlocated unlocated**"; }
  written=()
  valid=0
  while IFS= read -r path; do
    [[ -n $path ]] || continue
    written+=("$(basename "$path")")
    if "$OPSCHECK" --lang en validate "$path" >"$work/validate" 2>&1; then
      valid=$((valid + 1))
    else
      bad=1
      { echo "validate $(basename "$path") failed:"; sed 's/^/    /' "$work/validate"; } >>"$details"
    fi
  done <"$work/stdout"
  if ((${#written[@]})); then
    templates="${written[*]}"
    check="$valid of ${#written[@]} pass"
  else
    templates="—"
    check="—"
  fi
  printf '| `%s` | %s | %s | %s | %s | %s | %s |\n' \
    "$form" "$result" "$code" "$templates" "$check" "$warnings" "$errors" >>"$rows"
  {
    echo
    echo "### \`$form\` ($result, exit $code)"
    echo
    if [[ -s $work/stderr ]]; then
      echo '```'
      cat "$work/stderr"
      echo '```'
    else
      echo "(no messages)"
    fi
  } >>"$details"
done
cd "$ROOT"

{
  echo "# opscheck import over real XLSForms"
  echo
  echo "Every form in \`${forms#"$ROOT/"}\` (pyxform's test forms, BSD licence),"
  echo "imported with \`opscheck --lang en import FORM --out DIR\`; each template written is"
  echo "then checked with \`opscheck validate\`. $(date -u +%Y-%m-%d), $("$OPSCHECK" --version | head -1)."
  echo "Regenerate with \`bench/xlsform_import.sh\`."
  echo
  echo "$total forms: $imported imported, $refused refused, no panic, every message located" \
    "(\`FILE:SHEET!CELL: …\`)$( ((bad)) && echo ' — EXCEPT WHERE MARKED')."
  echo
  echo "| form | result | exit | templates written | validate | warnings | errors |"
  echo "|---|---|---:|---|---|---:|---:|"
  cat "$rows"
  echo
  echo "## Messages, per form"
  cat "$details"
} >bench/results-xlsform-import.md
cat "$rows"
echo "$total forms: $imported imported, $refused refused"
if ((bad)); then
  echo "xlsform_import.sh: a form panicked, exited oddly, had an unlocated message or wrote an invalid template; see bench/results-xlsform-import.md" >&2
  exit 1
fi
