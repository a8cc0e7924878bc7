"""Presidio's predefined *pattern* recognizers (no spaCy model, no NER, no phonenumbers matcher)
on the benchmark corpus, for bench/compare (scripts/bench.sh).

  python presidio_bench.py corpus REPORTS.jsonl RUNS OUT.json   # throughput + findings per report
  python presidio_bench.py worst INPUT.txt OUT.json             # one timed call on a crafted input
  python presidio_bench.py serve                                # the same, one JSON job per stdin line
                                                                #   {"file": path, "reps": n} → one JSON line

REPORTS.jsonl: one JSON string (a report's text) per line. Offsets in OUT.json are Python str
indices (code points); the corpus is ASCII, so they equal the UTF-16 offsets the JS side uses.
Every PatternRecognizer enabled in Presidio's default_recognizers.yaml for language "en" runs,
as AnalyzerEngine would run it, minus context enhancement (which needs the NLP artefacts).
"""

import json
import sys
import time
from importlib.metadata import version

import logging

import tldextract

# Presidio's e-mail validator calls tldextract, which would try to download the Public Suffix
# List at first use; the bench must not touch the network, so use the bundled snapshot only.
_offline = tldextract.TLDExtract(suffix_list_urls=())
tldextract.extract = _offline
logging.getLogger("tldextract").setLevel(logging.CRITICAL)

from presidio_analyzer import PatternRecognizer  # noqa: E402
from presidio_analyzer.recognizer_registry.recognizers_loader_utils import (  # noqa: E402
    RecognizerConfigurationLoader,
    RecognizerListLoader,
)


def pattern_recognizers():
    conf = RecognizerConfigurationLoader.get(
        registry_configuration={"global_regex_flags": 26, "supported_languages": ["en"]}
    )
    recs = RecognizerListLoader.get(**conf)
    return [r for r in recs if isinstance(r, PatternRecognizer) and r.supported_language == "en"]


def analyze(recs, text):
    out = []
    for r in recs:
        for res in r.analyze(text, r.supported_entities, None):
            out.append((res.start, res.end, res.entity_type, round(res.score, 3)))
    return out


def main():
    mode = sys.argv[1]
    t_load = time.perf_counter()
    recs = pattern_recognizers()
    load_s = time.perf_counter() - t_load
    meta = {
        "presidioVersion": version("presidio-analyzer"),
        "regexVersion": version("regex"),
        "python": sys.version.split()[0],
        "recognizers": sorted({r.name for r in recs}),
        "entities": sorted({e for r in recs for e in r.supported_entities}),
        "loadSeconds": load_s,
    }
    if mode == "corpus":
        reports = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
        runs = int(sys.argv[3])
        total = sum(len(t.encode("utf-8")) for t in reports)
        analyze(recs, reports[0])  # warm-up: compiles the patterns
        times, findings = [], None
        for _ in range(runs):
            t0 = time.perf_counter()
            found = [analyze(recs, t) for t in reports]
            times.append(time.perf_counter() - t0)
            findings = found
        meta.update({"bytes": total, "reports": len(reports), "seconds": times, "findings": findings})
        json.dump(meta, open(sys.argv[4], "w"))
    elif mode == "worst":
        text = open(sys.argv[2], encoding="utf-8").read()
        t0 = time.perf_counter()
        found = analyze(recs, text)
        meta.update({"seconds": time.perf_counter() - t0, "findings": len(found), "bytes": len(text)})
        json.dump(meta, open(sys.argv[3], "w"))
    elif mode == "serve":
        # The parent kills this process when a call exceeds its timeout (a backtracking regex
        # cannot be interrupted), and starts a new one; so the load time is paid once per timeout.
        print(json.dumps({"ready": True, **meta}), flush=True)
        for line in sys.stdin:
            job = json.loads(line)
            text = open(job["file"], encoding="utf-8").read()
            times = []
            for _ in range(job.get("reps", 1)):
                t0 = time.perf_counter()
                found = analyze(recs, text)
                times.append(time.perf_counter() - t0)
            print(json.dumps({"ok": True, "times": times, "findings": len(found)}), flush=True)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
