#!/usr/bin/env python3
"""borderseal vs Microsoft Presidio's predefined pattern recognizers on the evaluation set.

    python3 tools/eval/presidio_compare.py [--fixture tests/fixtures/eval/eval.jsonl]
                                           [--threshold 0.5] [--repeat 3]

* Installs `presidio-analyzer` with pip if it is missing (idempotent; nothing else is
  needed: spaCy models are NOT downloaded).
* Presidio runs WITHOUT an NER model: a blank spaCy tokenizer per language feeds the
  context enhancer (lemma = lower-cased token), and the registry holds every predefined
  pattern/logic recognizer (regex + validator, and the phonenumbers-based PHONE_NUMBER)
  instantiated for each of the twelve languages of the set, including the ones Presidio's
  default YAML disables. NER, remote and LLM recognizers are left out, so Presidio has no
  PERSON (recall 0 for it here, by construction).
* borderseal runs in Node on the built npm package (`pkg/borderseal_node.js`, the wasm of
  the browser) through `tools/eval/borderseal_findings.mjs`.
* Both are scored like `tests/eval.rs`: exact span + entity = TP; anything else = FP;
  any finding on a decoy is a decoy hit. Presidio's entity names are mapped to ours
  (PRESIDIO_MAP); findings of types outside our schema (DATE_TIME, US_BANK_NUMBER, …) are
  not scored, only counted. Types Presidio lacks have recall 0 for it.
* MB/s: analyze time only (best of --repeat passes), UTF-8 bytes of the set.
"""

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from collections import defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "eval", "eval.jsonl")
LANGS = ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "fi", "da", "no"]
# spaCy's language codes where they differ (Norwegian Bokmål).
SPACY_LANG = {"no": "nb"}

# Presidio entity → borderseal entity.
PRESIDIO_MAP = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "CREDIT_CARD": "CREDIT_CARD",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "URL": "URL",
    "CRYPTO": "BTC_ADDRESS",
    "US_SSN": "US_SSN",
    "UK_NINO": "UK_NINO",
    "UK_NHS": "UK_NHS",
    "DE_TAX_ID": "DE_TAX_ID",
    "DE_ID_CARD": "DE_ID_CARD",
    "DE_PASSPORT": "PASSPORT_NUMBER",
    "US_PASSPORT": "PASSPORT_NUMBER",
    "UK_PASSPORT": "PASSPORT_NUMBER",
    "IT_PASSPORT": "PASSPORT_NUMBER",
    "ES_PASSPORT": "PASSPORT_NUMBER",
    "IN_PASSPORT": "PASSPORT_NUMBER",
    "IT_FISCAL_CODE": "IT_FISCAL_CODE",
    "ES_NIF": "ES_DNI",
    "ES_NIE": "ES_NIE",
    "PL_PESEL": "PL_PESEL",
    "SE_PERSONNUMMER": "SE_PERSONNUMMER",
    "FI_PERSONAL_IDENTITY_CODE": "FI_HETU",
    "CA_SIN": "CA_SIN",
    "AU_TFN": "AU_TFN",
    "IN_AADHAAR": "IN_AADHAAR",
    "DE_KFZ": "LICENSE_PLATE",
    "UK_VEHICLE_REGISTRATION": "LICENSE_PLATE",
    "PERSON": "PERSON",
}
# Recognizers that need a model, a service or an LLM: not "pattern recognizers".
SKIP = {
    "SpacyRecognizer", "StanzaRecognizer", "TransformersRecognizer", "GLiNERRecognizer", "HuggingFaceNerRecognizer",
    "MedicalNERRecognizer", "AzureAILanguageRecognizer", "AzureHealthDeidRecognizer", "AzureOpenAILangExtractRecognizer",
    "BasicLangExtractRecognizer", "LangExtractRecognizer",
}


def ensure_presidio():
    try:
        importlib.import_module("presidio_analyzer")
    except ImportError:
        print("installing presidio-analyzer with pip …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "presidio-analyzer"], check=True)
        importlib.invalidate_caches()


def build_presidio():
    import spacy
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    import presidio_analyzer.predefined_recognizers as pr

    class BlankSpacyEngine(NlpEngine):
        """Tokenization only (spacy.blank): no NER, lemmas = lower-cased tokens."""

        def __init__(self, langs):
            self.nlp = {lang: spacy.blank(SPACY_LANG.get(lang, lang)) for lang in langs}

        def load(self):
            pass

        def is_loaded(self):
            return True

        def process_text(self, text, language):
            doc = self.nlp[language](text)
            return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                                lemmas=[t.text.lower() for t in doc], nlp_engine=self, language=language)

        def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
            for t in texts:
                yield t, self.process_text(t, language)

        def is_stopword(self, word, language):
            return self.nlp[language].vocab[word].is_stop

        def is_punct(self, word, language):
            return self.nlp[language].vocab[word].is_punct

        def get_supported_entities(self):
            return []

        def get_supported_languages(self):
            return list(self.nlp)

    # The e-mail recognizer's tldextract would download the public-suffix list on first use;
    # the snapshot bundled with tldextract is used instead (no network here).
    import tldextract
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    offline = tldextract.TLDExtract(suffix_list_urls=())

    class _Tld:
        extract = staticmethod(offline)

    email_recognizer.tldextract = _Tld

    engine = BlankSpacyEngine(LANGS)
    registry = RecognizerRegistry(supported_languages=LANGS)
    made, failed = 0, []
    for name in sorted(dir(pr)):
        cls = getattr(pr, name)
        if not isinstance(cls, type) or name in SKIP or not issubclass(cls, EntityRecognizer):
            continue
        if not (issubclass(cls, PatternRecognizer) or name == "PhoneRecognizer"):
            continue
        for lang in LANGS:
            try:
                registry.add_recognizer(cls(supported_language=lang))
                made += 1
            except Exception as e:  # a recognizer whose constructor wants more
                failed.append(f"{name}/{lang}: {type(e).__name__}")
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=LANGS)
    return analyzer, made, failed


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def to_bytes(text, i):
    return len(text[:i].encode("utf-8"))


def run_presidio(records, threshold, repeat):
    analyzer, made, failed = build_presidio()
    analyzer.analyze("warm up IBAN DE89 3704 0044 0532 0130 00", language="en")
    best = None
    out = {}
    for _ in range(repeat):
        t = 0.0
        for rec in records:
            t0 = time.perf_counter()
            res = analyzer.analyze(rec["text"], language=rec["lang"], score_threshold=threshold)
            t += time.perf_counter() - t0
            out[rec["id"]] = [
                {"entity": r.entity_type, "start": to_bytes(rec["text"], r.start), "end": to_bytes(rec["text"], r.end)}
                for r in res
            ]
        best = t if best is None else min(best, t)
    return out, best, made, failed


def run_borderseal(path, repeat):
    proc = subprocess.run(["node", os.path.join(ROOT, "tools", "eval", "borderseal_findings.mjs"), path, str(repeat)],
                          check=True, capture_output=True, text=True)
    lines = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    timing = lines.pop()
    return {x["id"]: x["findings"] for x in lines}, timing["seconds"]


def score(records, findings, mapping=None):
    """Per-type counts: support, tp, fp, decoy hits; plus unmapped findings."""
    per = defaultdict(lambda: {"support": 0, "tp": 0, "fp": 0, "decoy": 0})
    unmapped = defaultdict(int)
    for rec in records:
        labels = [s for s in rec["spans"] if not s.get("decoy")]
        decoys = [s for s in rec["spans"] if s.get("decoy")]
        for s in labels:
            per[s["entity"]]["support"] += 1
        seen = set()
        for f in findings.get(rec["id"], []):
            ent = f["entity"]
            if mapping is not None:
                if ent not in mapping:
                    unmapped[ent] += 1
                    continue
                ent = mapping[ent]
            key = (ent, f["start"], f["end"])
            if key in seen:  # the same span from two recognizers of one type
                continue
            seen.add(key)
            if any(s["entity"] == ent and s["start"] == f["start"] and s["end"] == f["end"] for s in labels):
                per[ent]["tp"] += 1
                continue
            per[ent]["fp"] += 1
            if any(f["start"] < d["end"] and d["start"] < f["end"] for d in decoys):
                per[ent]["decoy"] += 1
    return per, unmapped


def prf(c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else (1.0 if c["support"] == 0 else 0.0)
    r = c["tp"] / c["support"] if c["support"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def total(per):
    t = {"support": 0, "tp": 0, "fp": 0, "decoy": 0}
    for c in per.values():
        for k in t:
            t[k] += c[k]
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixture", default=FIXTURE)
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="Presidio score_threshold (borderseal uses its default 0.5)")
    ap.add_argument("--repeat", type=int, default=2, help="Presidio timing passes (best is kept)")
    ap.add_argument("--repeat-borderseal", type=int, default=10, help="borderseal timing passes (best is kept)")
    a = ap.parse_args()
    ensure_presidio()
    records = load(a.fixture)
    nbytes = sum(len(r["text"].encode()) for r in records)
    bs_found, bs_s = run_borderseal(a.fixture, a.repeat_borderseal)
    pr_found, pr_s, made, failed = run_presidio(records, a.threshold, a.repeat)
    bs, _ = score(records, bs_found)
    pr, unmapped = score(records, pr_found, PRESIDIO_MAP)
    types = sorted(set(bs) | set(pr))
    mapped_types = set(PRESIDIO_MAP.values())
    print(f"evaluation set: {len(records)} documents, {nbytes} bytes, {total(bs)['support']} labelled spans")
    print(f"Presidio: {made} pattern-recognizer instances ({len(LANGS)} languages), score_threshold {a.threshold}, "
          f"no NER model; {len(failed)} could not be built")
    hdr = f"{'type':<18} {'support':>7} | {'borderseal P':>12} {'R':>6} {'F1':>6} {'decoy':>5} | {'Presidio P':>10} {'R':>6} {'F1':>6} {'decoy':>5}"
    print(hdr)
    print("-" * len(hdr))
    for t in types:
        cb, cp = bs[t], pr[t]
        pb, rb, fb = prf(cb)
        pp, rp, fp = prf(cp)
        mark = "" if t in mapped_types else " (no Presidio type)"
        print(f"{t:<18} {cb['support']:>7} | {pb:>12.3f} {rb:>6.3f} {fb:>6.3f} {cb['decoy']:>5} | "
              f"{pp:>10.3f} {rp:>6.3f} {fp:>6.3f} {cp['decoy']:>5}{mark}")
    tb, tp_ = total(bs), total(pr)
    pb, rb, fb = prf(tb)
    pp, rp, fp = prf(tp_)
    print("-" * len(hdr))
    print(f"{'ALL (micro)':<18} {tb['support']:>7} | {pb:>12.3f} {rb:>6.3f} {fb:>6.3f} {tb['decoy']:>5} | "
          f"{pp:>10.3f} {rp:>6.3f} {fp:>6.3f} {tp_['decoy']:>5}")
    common = [t for t in types if t in mapped_types and t != "PERSON"]
    sub_b = total({t: bs[t] for t in common})
    sub_p = total({t: pr[t] for t in common})
    print(f"{'types both have':<18} {sub_b['support']:>7} | {prf(sub_b)[0]:>12.3f} {prf(sub_b)[1]:>6.3f} {prf(sub_b)[2]:>6.3f} "
          f"{sub_b['decoy']:>5} | {prf(sub_p)[0]:>10.3f} {prf(sub_p)[1]:>6.3f} {prf(sub_p)[2]:>6.3f} {sub_p['decoy']:>5}")
    print(f"Presidio findings of types outside borderseal's schema (not scored): {dict(sorted(unmapped.items()))}")
    print(f"throughput (analyze calls only, one call per document): borderseal wasm in Node {nbytes / bs_s / 1e6:.2f} MB/s "
          f"(best of {a.repeat_borderseal}: {bs_s:.3f} s); Presidio patterns {nbytes / pr_s / 1e6:.3f} MB/s "
          f"(best of {a.repeat}: {pr_s:.3f} s); ratio {pr_s / bs_s:.0f}x")


if __name__ == "__main__":
    main()
