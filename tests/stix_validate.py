#!/usr/bin/env python3
"""Validates redacted STIX 2.1 bundles with the OASIS stix2-validator (pip install stix2-validator).

The bundles are written by `cargo test --test redact_audit` into target/tmp/redacted-*.json; each is
validated next to its input fixture, so that a finding the redaction introduced stands out from one
the input already had.  Exit status 1 if a redacted bundle has an error its input does not have.
Usage: python3 tests/stix_validate.py [bundle.json ...]
"""
import glob
import json
import os
import sys

from stix2validator import ValidationOptions, validate_instance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPTIONS = ValidationOptions(version="2.1", strict=False)


def messages(path):
    with open(path, encoding="utf-8") as f:
        results = validate_instance(json.load(f), OPTIONS)
    objects = results if isinstance(results, list) else [results]
    errors = sorted({str(e) for o in objects for e in o.errors})
    warnings = sorted({str(w) for o in objects for w in o.warnings})
    return results.is_valid, errors, warnings


def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "target", "tmp", "redacted-*.json")))
    if not paths:
        print("no redacted bundles; run `cargo test --test redact_audit` first")
        return 1
    failed = False
    for path in paths:
        name = os.path.basename(path).split("--", 1)[-1]
        fixture = os.path.join(ROOT, "tests", "fixtures", "structured", name)
        ok, errors, warnings = messages(path)
        base_errors = set(messages(fixture)[1]) if os.path.exists(fixture) else set()
        new = [e for e in errors if e not in base_errors]
        print(f"{os.path.basename(path)}: valid={ok} errors={len(errors)} (new: {len(new)}) warnings={len(warnings)}")
        for e in new:
            print(f"  NEW ERROR: {e}")
        failed |= bool(new)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
