#!/usr/bin/env python3
"""Checks TOML templates against checklists/schema.json: the Python way to do what
`opscheck validate` does for the schema part (tomllib + jsonschema).

    bench/.venv/bin/python bench/validate_jsonschema.py [--schema checklists/schema.json] PATH...

PATH is a file or a directory (searched for *.toml, recursively). Prints every schema
error as `PATH: key.path: message` and a count; exits 1 if any file is invalid (not TOML
or not matching the schema), else 0. The validator is built once and reused.
"""

import argparse
import json
import sys
import tomllib
from pathlib import Path

import jsonschema


def toml_files(paths: list[str]):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.toml") if not p.name.startswith("."))
        else:
            yield path


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", default=str(here.parent / "checklists" / "schema.json"))
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    schema = json.loads(Path(args.schema).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    files = invalid = errors = 0
    for path in toml_files(args.paths):
        files += 1
        try:
            with open(path, "rb") as f:
                document = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            print(f"{path}: {e}")
            invalid += 1
            errors += 1
            continue
        found = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in found:
            where = ".".join(str(p) for p in error.path) or "(root)"
            print(f"{path}: {where}: {error.message}")
        if found:
            invalid += 1
            errors += len(found)
    print(f"checked {files} files: {files - invalid} valid, {invalid} invalid ({errors} errors)")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
