//! Bindings of the redaction pipeline: `Redactor` (analyze, redactText, redactJson) and the
//! preset list. Offsets leave as UTF-16 code units, and the audit record says so.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

use super::convert::{self, Kind};
use super::error::{invalid_argument, to_js};
use crate::offsets::utf16_positions;
use crate::redact::{self, PseudonymKey, RedactionFinding, SendContext};
use crate::{Error, ErrorCode};

fn err(e: Error) -> JsValue {
    to_js(&e)
}

// Findings cross in five pieces instead of as JSON: each distinct string once (entity
// names, recognizers, reasons, actions, rules and paths repeat), joined into one string
// with each one's length in UTF-16 units, the offsets and the string indices as
// Uint32Arrays and the scores as a Float64Array; this builds the objects. (The offsets, at
// most MAX_TEXT_BYTES, are small integers that V8 stores in the object itself: read from a
// Float64Array they were doubles, each boxed in a heap number of its own, two allocations
// more per finding. Building 31,662 findings in Node: 6.3–7.5 → 4.6–6.1 ms by the median.)
// The arrays of objects grow by `push`: made `new Array(n)` up front, they took up to three
// times as long to fill (Node, synthetic findings: the same at 3,000, 3× at 20,000 and
// 31,662, the same again at 60,000, where the grown array is as large; most likely the
// write barrier of young objects stored into an array allocated outside the young
// generation). Mixed corpus: this function's share of `analyze` 2.1 → 0.9 % by CPU profile.
// Serialising every finding's strings as JSON and parsing them back was a third to a half
// of `analyze` on inputs dense with findings; the table itself as a JSON array still cost a
// fifth of a one-report call (~40 distinct strings each; measured in wasm, Node).
#[wasm_bindgen(
    inline_js = "export function borderseal_findings(joined, lens, pos, scores, idx) {
  const t = new Array(lens.length);
  for (let i = 0, p = 0; i < lens.length; i++) { t[i] = joined.slice(p, p + lens[i]); p += lens[i]; }
  const n = scores.length;
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = 6 * i;
    const f = { entity: t[idx[k]], start: pos[2 * i], end: pos[2 * i + 1], score: scores[i],
      recognizer: t[idx[k + 1]], reason: t[idx[k + 2]], action: t[idx[k + 3]], rule: t[idx[k + 4]] };
    if (idx[k + 5] !== 0xffffffff) f.path = t[idx[k + 5]];
    out.push(f);
  }
  return out;
}
export function borderseal_redaction(text, value, findings, rest) {
  const r = {};
  if (text !== undefined) r.text = text;
  if (value !== undefined) r.value = JSON.parse(value);
  r.findings = findings;
  // The record's findings are the result's, member for member (see `rest_json`): their JSON
  // is cut out before parsing, and they are built from the findings instead.
  const at = rest.indexOf('\"findings\":[');
  const end = at < 0 ? -1 : rest.indexOf('],\"input\":', at);
  const o = JSON.parse(end < 0 ? rest : rest.slice(0, at + 12) + rest.slice(end));
  const a = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    a.push(f.path === undefined
      ? { action: f.action, end: f.end, entity: f.entity, recognizer: f.recognizer, rule: f.rule, score: f.score, start: f.start }
      : { action: f.action, end: f.end, entity: f.entity, path: f.path, recognizer: f.recognizer, rule: f.rule, score: f.score, start: f.start });
  }
  o.audit.findings = a;
  r.audit = o.audit;
  r.auditDigest = o.auditDigest;
  r.conditions = o.conditions;
  return r;
}"
)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn borderseal_findings(
        joined: &str,
        lens: &[u32],
        pos: &[u32],
        scores: &[f64],
        idx: &[u32],
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn borderseal_redaction(
        text: Option<String>,
        value: Option<String>,
        findings: &JsValue,
        rest: &str,
    ) -> Result<JsValue, JsValue>;
}

/// The findings as an array of plain objects (`{ entity, start, end, score, recognizer,
/// reason, action, rule, path? }`, in that key order), each with its UTF-16 offsets from
/// `units` (start and end of each finding in turn, see [`utf16_spans`]).
fn findings_to_js(findings: &[RedactionFinding], units: &[usize]) -> Result<JsValue, JsValue> {
    let mut table = Interner::default();
    // Sized up front and written by index: this crate is built for size, where every
    // `push` stays a call (a megabyte of short e-mail addresses holds 142,857 findings).
    let mut pos = vec![0u32; findings.len() * 2];
    let mut scores = vec![0f64; findings.len()];
    let mut idx = vec![u32::MAX; findings.len() * 6];
    // Each field's last string and its index (see `Interner::intern_after`).
    let mut last: [(&str, u32); 6] = [("", u32::MAX); 6];
    for (i, f) in findings.iter().enumerate() {
        // UTF-16 offsets, at most MAX_TEXT_BYTES.
        let (Some(&start), Some(&end)) = (units.get(2 * i), units.get(2 * i + 1)) else {
            return Err(result_error());
        };
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
            return Err(result_error());
        };
        // Element by element: a slice copy is a call of `copy_from_slice` (this crate is built
        // for size), and a `memory.copy` call in it, per finding.
        if let Some([s, e]) = pos.get_mut(2 * i..2 * i + 2) {
            (*s, *e) = (start, end);
        }
        if let Some(score) = scores.get_mut(i) {
            *score = crate::audit::round_score(f.score);
        }
        // Field by field, each string straight to the interner, whose cache answers by address
        // (findings share their strings). Not as an array of the six zipped with their slots:
        // this crate is built for size, and the array and the iterators' state went through
        // memory for every finding (`findings_to_js` 26.2 M V8 instructions for the 31,662
        // findings of the mixed corpus). Comparing each string with its field's last one first
        // cost more: where neighbours differ (most findings), the comparison fell back to the
        // text, a `memcmp` call (docs/PERFORMANCE.md, fifteenth round). The last string is
        // still the interner's first guess where its cache misses: an equal string at another
        // address (a reason past the detector's table of shared ones, a JSON path) then costs
        // one comparison, not a search of the table.
        if let Some([entity, recognizer, reason, action, rule, path]) =
            idx.get_mut(6 * i..6 * i + 6)
        {
            let [l0, l1, l2, l3, l4, l5] = &mut last;
            *entity = table.intern_after(f.entity, l0);
            *recognizer = table.intern_after(&f.recognizer, l1);
            *reason = table.intern_after(&f.reason, l2);
            *action = table.intern_after(f.action, l3);
            *rule = table.intern_after(&f.rule, l4);
            // No path: the slot keeps u32::MAX.
            if let Some(p) = f.path.as_deref() {
                *path = table.intern_after(p, l5);
            }
        }
    }
    let mut joined = String::with_capacity(table.strings.iter().map(|s| s.len()).sum());
    let mut lens = Vec::with_capacity(table.strings.len());
    for s in &table.strings {
        joined.push_str(s);
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        lens.push(u32::try_from(units).map_err(|_| result_error())?);
    }
    borderseal_findings(&joined, &lens, &pos, &scores, &idx).map_err(|_| result_error())
}

/// A string table: each distinct string once, in order of first sight.
struct Interner<'a> {
    strings: Vec<&'a str>,
    /// [`short_hash`] of each string, while the table is scanned (up to [`SCAN`] strings).
    hashes: Vec<u32>,
    /// Built once the table outgrows a linear scan (many JSON paths).
    index: BTreeMap<&'a str, u32>,
    /// `(address, length, index)` of strings seen, in sets of two by a hash of the address:
    /// findings share their strings (`'static` names, one `Arc` per reason and rule), so most
    /// look-ups are of a string seen before at the same address, answered without comparing
    /// text. A miss (an equal string elsewhere, or one pushed out) only costs the look-up
    /// below. Two ways: with one, a few strings in use together always shared a slot and
    /// pushed each other out (mixed corpus natively: 13,097 of 158,310 look-ups missed, on 64
    /// strings; 6,283 with 512 slots of one way; 64, the first sights, with 256 sets of two).
    seen: [[(usize, usize, u32); 2]; SEEN_SETS],
}

/// FNV-1a of `s`, folded to 32 bits (a quick inequality test, not an index).
fn short_hash(s: &str) -> u32 {
    let h = s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (h ^ h >> 32) as u32
}

/// Sets of [`Interner::seen`].
const SEEN_SETS: usize = 1 << SEEN_BITS;

/// Bits of a [`Interner::seen`] set's index.
const SEEN_BITS: u32 = 8;

impl Default for Interner<'_> {
    fn default() -> Self {
        Interner {
            strings: Vec::new(),
            hashes: Vec::new(),
            index: BTreeMap::new(),
            seen: [[(0, 0, u32::MAX); 2]; SEEN_SETS],
        }
    }
}

/// Up to this many strings, a lookup scans the table (a report's findings share a few dozen
/// strings, ~40 in the comparison corpus; a scan of those is cheaper than building and
/// searching a tree for every call).
const SCAN: usize = 64;

impl<'a> Interner<'a> {
    /// [`Interner::intern_after`] with `guess` as the last string, not kept (the tests').
    #[cfg(test)]
    fn intern(&mut self, s: &'a str, guess: (&'a str, u32)) -> u32 {
        let mut last = guess;
        self.intern_after(s, &mut last)
    }

    /// The index of `s` in the table, adding it on first sight. `last`: a string seen before
    /// and its index (the field's last), compared with `s` by content where the cache by
    /// address misses, before the table is searched; it then becomes `s` and its index. A
    /// string seen before at the same address (most) is answered here, the rest out of line,
    /// so that this path keeps its values out of memory (the guess, passed to a comparison by
    /// reference, went through the stack on every call: ~100 V8 instructions per string).
    #[inline]
    fn intern_after(&mut self, s: &'a str, last: &mut (&'a str, u32)) -> u32 {
        let addr = s.as_ptr() as usize;
        // Multiplicative hashing: the product's top bits depend on all of the address's.
        let set = ((addr ^ s.len()) as u32).wrapping_mul(0x9E37_79B9) as usize >> (32 - SEEN_BITS);
        // Same address and length within `'a`: the same bytes (nothing is freed meanwhile).
        // (Written out: a closure for the test stays a call in this crate, built for size.)
        let i = match self.seen.get(set) {
            Some([(a, l, i), _]) if *a == addr && *l == s.len() && *i != u32::MAX => *i,
            Some([_, (a, l, i)]) if *a == addr && *l == s.len() && *i != u32::MAX => *i,
            _ => self.intern_unseen(s, *last, set),
        };
        *last = (s, i);
        i
    }

    /// [`Interner::intern_after`] of a string not in its cache by address (`set`), which then
    /// holds it first, its former first second.
    #[inline(never)]
    fn intern_unseen(&mut self, s: &'a str, guess: (&'a str, u32), set: usize) -> u32 {
        let i = if guess.1 != u32::MAX && guess.0 == s {
            guess.1
        } else {
            self.lookup(s)
        };
        if let Some([first, second]) = self.seen.get_mut(set) {
            *second = *first;
            *first = (s.as_ptr() as usize, s.len(), i);
        }
        i
    }

    /// [`Interner::intern_after`] by content.
    fn lookup(&mut self, s: &'a str) -> u32 {
        if self.strings.len() <= SCAN {
            // Compared by a short hash first: most strings of a table are new (a report's
            // reasons differ), and each new one is compared with all before it.
            let h = short_hash(s);
            if let Some(i) = self
                .hashes
                .iter()
                .zip(&self.strings)
                .position(|(&th, t)| th == h && *t == s)
            {
                return u32::try_from(i).unwrap_or(u32::MAX);
            }
            self.hashes.push(h);
            self.strings.push(s);
            let i = u32::try_from(self.strings.len() - 1).unwrap_or(u32::MAX);
            if self.strings.len() > SCAN {
                for (k, t) in self.strings.iter().enumerate() {
                    self.index.insert(t, u32::try_from(k).unwrap_or(u32::MAX));
                }
            }
            return i;
        }
        *self.index.entry(s).or_insert_with(|| {
            self.strings.push(s);
            u32::try_from(self.strings.len() - 1).unwrap_or(u32::MAX)
        })
    }
}

fn result_error() -> JsValue {
    err(Error::new(
        ErrorCode::Internal,
        "cannot convert a result to JavaScript",
    ))
}

/// The UTF-16 offsets of `findings`, start and end of each in turn, whose byte offsets refer
/// to `text_of(path)`; a finding whose text is not there keeps its byte offsets.
fn utf16_spans<'t>(
    findings: &[RedactionFinding],
    text_of: impl Fn(Option<&str>) -> Option<&'t str>,
) -> Vec<usize> {
    let mut bytes = vec![0usize; findings.len() * 2];
    for (f, pair) in findings.iter().zip(bytes.chunks_exact_mut(2)) {
        // Element by element, as in `findings_to_js`.
        if let [s, e] = pair {
            (*s, *e) = (f.start, f.end);
        }
    }
    if findings.iter().all(|f| f.path.is_none()) {
        // One text (`analyze`, `redactText`): one pass over it, no grouping by path.
        return match text_of(None) {
            Some(text) => utf16_positions(text, &bytes),
            None => bytes,
        };
    }
    let mut out = bytes.clone();
    // One pass per distinct text (each JSON string with findings).
    let mut paths: Vec<Option<&str>> = findings.iter().map(|f| f.path.as_deref()).collect();
    crate::sort::sort(&mut paths);
    paths.dedup();
    for path in paths {
        let Some(text) = text_of(path) else { continue };
        let idx: Vec<usize> = (0..findings.len())
            .filter(|&i| findings.get(i).is_some_and(|f| f.path.as_deref() == path))
            .collect();
        let these: Vec<usize> = idx
            .iter()
            .filter_map(|&i| bytes.get(2 * i..2 * i + 2))
            .flatten()
            .copied()
            .collect();
        let units = utf16_positions(text, &these);
        for (&i, pair) in idx.iter().zip(units.chunks(2)) {
            if let (Some([s, e]), [us, ue]) = (out.get_mut(2 * i..2 * i + 2), pair) {
                (*s, *e) = (*us, *ue);
            }
        }
    }
    out
}

/// The JSON string a finding's `path` (a JSON pointer) points at in `value`.
fn string_at<'v>(value: &'v Value, path: Option<&str>) -> Option<&'v str> {
    value.pointer(path?)?.as_str()
}

/// Reads `{ recipient?, country?, marking?, legalBasis? }` (absent = empty context).
fn send_context(ctx: &JsValue) -> Result<SendContext, JsValue> {
    if convert::is_absent(ctx) {
        return Ok(SendContext::default());
    }
    let map = convert::object(ctx, "context")?;
    // Read field by field, as serde's derived `Deserialize` read them (null = absent, other
    // members ignored, the first wrong one by name reported) and with its wording, but not
    // through it: its error path prints floats ("floating point `1.5`"), and that alone
    // linked core's float formatting (~10 KB of gzipped wasm).
    let field = |name: &str| match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => {
            let found = match other {
                Value::Bool(b) => format!("boolean `{b}`"),
                Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
                Value::Number(n) => format!("integer `{n}`"),
                Value::Array(_) => "sequence".to_owned(),
                _ => "map".to_owned(),
            };
            Err(invalid_argument(&format!(
                "context: expected {{ recipient?, country?, marking?, legalBasis? }} with string values: invalid type: {found}, expected a string"
            )))
        }
    };
    // In the order serde met them: the map's (sorted) key order.
    let country = field("country")?;
    let legal_basis = field("legalBasis")?;
    let marking = field("marking")?;
    let recipient = field("recipient")?;
    Ok(SendContext {
        recipient,
        country,
        marking,
        legal_basis,
    })
}

/// Reads `{ pseudonymKey?: Uint8Array, pseudonymKeyId?: string }`.
fn pseudonym_key(options: &JsValue) -> Result<Option<PseudonymKey>, JsValue> {
    match convert::kind(options) {
        Kind::Absent => return Ok(None),
        Kind::Other => {}
        _ => {
            return Err(invalid_argument(&format!(
                "options: expected an object, got {}",
                convert::type_name(options)
            )));
        }
    }
    let key = convert::field(options, "pseudonymKey");
    if convert::is_absent(&key) {
        return Ok(None);
    }
    let bytes = zeroize::Zeroizing::new(convert::byte_array(&key, "options.pseudonymKey")?);
    let id = convert::field(options, "pseudonymKeyId");
    let id = if convert::is_absent(&id) {
        "default".to_owned()
    } else {
        convert::text(&id, "options.pseudonymKeyId")?
    };
    PseudonymKey::new(&id, &bytes).map(Some).map_err(err)
}

/// Finds, decides and transforms personal data under one policy. Build once per policy
/// (it compiles the policy's term lists) and call it for many reports; `free()` when done
/// (the pseudonym key, if any, is wiped).
#[wasm_bindgen(js_name = Redactor)]
pub struct JsRedactor {
    inner: redact::Redactor,
}

#[wasm_bindgen(js_class = Redactor)]
impl JsRedactor {
    /// `policy`: omitted for the built-in default (`led-strict`: every recognizer on,
    /// strict), a preset name, policy JSON text, or a policy object. `options.pseudonymKey`
    /// (≥ 32 bytes) and `options.pseudonymKeyId` are needed by policies that pseudonymise.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Policy")] policy: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RedactorOptions")] options: JsValue,
    ) -> Result<JsRedactor, JsValue> {
        let key = pseudonym_key(&options)?;
        let inner = match convert::kind(&policy) {
            Kind::Absent => redact::Redactor::new(None, key),
            Kind::String => {
                let text = convert::text(&policy, "policy")?;
                if text.len() > crate::limits::MAX_POLICY_BYTES {
                    return Err(err(Error::new(
                        ErrorCode::InputTooLarge,
                        format!(
                            "policy: {} bytes is over the limit of {}",
                            text.len(),
                            crate::limits::MAX_POLICY_BYTES
                        ),
                    )));
                }
                redact::Redactor::new(Some(&text), key)
            }
            _ => {
                let value = convert::json(&policy, "policy")?;
                redact::Redactor::from_policy_value(&value, key)
            }
        }
        .map_err(err)?;
        Ok(Self { inner })
    }

    /// The policy's id.
    #[wasm_bindgen(getter, js_name = policyId)]
    pub fn policy_id(&self) -> String {
        self.inner.policy().id.clone()
    }

    /// `sha256:<hex>` of the policy's RFC 8785 canonical form.
    #[wasm_bindgen(getter, js_name = policyFingerprint)]
    pub fn policy_fingerprint(&self) -> String {
        self.inner.policy_fingerprint()
    }

    /// Finds personal data without changing anything (for previews): findings with UTF-16
    /// offsets and the action the policy would take.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = convert::text(&text, "text")?;
        let findings = self.inner.analyze(&text).map_err(err)?;
        findings_to_js(&findings, &utf16_spans(&findings, |_| Some(text.as_str())))
    }

    /// Benchmark hook (not part of the API, absent from the types): runs detection alone —
    /// no policy, no conversion of the findings — and answers how many it found, so that
    /// `bench/detect.mjs` can tell detection time from the rest.
    #[wasm_bindgen(js_name = __benchDetect, skip_typescript)]
    pub fn bench_detect(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<u32, JsValue> {
        let text = convert::text(&text, "text")?;
        let found = self.inner.detector.analyze(&text).map_err(err)?;
        Ok(u32::try_from(found.len()).unwrap_or(u32::MAX))
    }

    /// Redacts free text for `context`: `{ text, findings, audit, auditDigest, conditions }`,
    /// or an error (`BLOCKED_BY_POLICY`, `RESIDUAL_PII`, …) and nothing else.
    #[wasm_bindgen(js_name = redactText, unchecked_return_type = "TextRedaction")]
    pub fn redact_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SendContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = convert::text(&text, "text")?;
        let ctx = send_context(&context)?;
        let mut r = self.inner.redact_text(&text, &ctx).map_err(err)?;
        r.audit.convert_offsets_to_utf16(|_| Some(text.as_str()));
        let findings = findings_to_js(
            &r.findings,
            &utf16_spans(&r.findings, |_| Some(text.as_str())),
        )?;
        let rest = rest_json(&r.audit, &r.conditions);
        borderseal_redaction(Some(r.text), None, &findings, &rest).map_err(|_| result_error())
    }

    /// Redacts a JSON report (any JSON; STIX 2.1 bundles and MISP events are recognised):
    /// `{ value, findings, audit, auditDigest, conditions }`; findings carry `path`.
    #[wasm_bindgen(js_name = redactJson, unchecked_return_type = "JsonRedaction")]
    pub fn redact_json(
        &self,
        value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SendContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let value = convert::json(&value, "value")?;
        let ctx = send_context(&context)?;
        let mut r = self.inner.redact_json(&value, &ctx).map_err(err)?;
        r.audit
            .convert_offsets_to_utf16(|path| string_at(&value, path));
        let findings = findings_to_js(
            &r.findings,
            &utf16_spans(&r.findings, |path| string_at(&value, path)),
        )?;
        let rest = rest_json(&r.audit, &r.conditions);
        let value = serde_json::to_string(&r.value).map_err(|_| result_error())?;
        borderseal_redaction(None, Some(value), &findings, &rest).map_err(|_| result_error())
    }
}

/// The members of a `redactText` / `redactJson` result after its text or value and its
/// findings, as JSON (see `borderseal_redaction`, which assembles them in this order):
/// `{"audit":…,"auditDigest":…,"conditions":…}`. The audit record is written in its RFC 8785
/// canonical form, the very bytes `auditDigest` hashes, and in JavaScript
/// `sha256(JSON.stringify(result.audit))` gives the digest back (JCS is the output of
/// `JSON.stringify` with sorted keys).
///
/// `borderseal_redaction` does not parse the elements of the record's `findings` array: each
/// holds the members of the result's finding at the same index (both lists are made from the
/// same findings, in the same order, with the same UTF-16 offsets and rounded scores), so it
/// builds them from the result's findings. It cuts them out between the first
/// `"findings":[` and the first `],"input":` after it: these members follow each other in
/// canonical order, and inside a JSON string of the record every quote is escaped, so
/// neither piece occurs in one. Parsing them back was a tenth of `redactText` on a report
/// in wasm; cutting them out in JavaScript adds nothing to the wasm file.
fn rest_json(audit: &crate::audit::AuditRecord, conditions: &[String]) -> String {
    let canonical = audit.canonical_json();
    let digest = Sha256::digest(canonical.as_bytes());
    let mut out = String::with_capacity(canonical.len() + 128);
    out.push_str("{\"audit\":");
    out.push_str(&canonical);
    out.push_str(",\"auditDigest\":\"sha256:");
    out.push_str(&crate::decide::parse::hex(&digest));
    out.push_str("\",\"conditions\":[");
    // Written like every string of the record (no fallible serialiser, so no fallback that
    // could drop a condition that must travel with the data).
    for (i, c) in conditions.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        crate::decide::jcs::write_string(c, &mut out);
    }
    out.push_str("]}");
    out
}

/// The built-in policy presets a portal can start from: `{ name, description }`.
#[wasm_bindgen(unchecked_return_type = "PolicyPreset[]")]
pub fn presets() -> Result<JsValue, JsValue> {
    let list = js_sys::Array::new();
    for (name, text) in crate::decide::presets::PRESETS {
        let description = serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|v| v.get("description")?.as_str().map(str::to_owned))
            .unwrap_or_default();
        let preset = convert::ObjectBuilder::new()
            .set("name", &JsValue::from_str(name))?
            .set("description", &JsValue::from_str(&description))?;
        list.push(&preset.build());
    }
    Ok(list.into())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The interner against a map by content: one index per distinct string wherever its
    /// copies lie (its cache is by address), with the right guess or none, past the size
    /// where it leaves its scan for a tree; its table holds each distinct string once.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn interning_is_by_content() {
        // 300 owned strings, so equal contents at different addresses: 100 distinct ones.
        let words: Vec<String> = (0..300).map(|i| format!("reason {}", i % 100)).collect();
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut table = Interner::default();
        let mut by_content = std::collections::HashMap::new();
        let mut last = ("", u32::MAX);
        for _ in 0..20_000 {
            let s = words[next(words.len())].as_str();
            let guess = if next(2) == 0 { last } else { ("", u32::MAX) };
            let i = table.intern(s, guess);
            assert_eq!(*by_content.entry(s).or_insert(i), i, "{s}");
            assert_eq!(table.strings[i as usize], s);
            last = (s, i);
        }
        assert_eq!(table.strings.len(), 100);
    }
}
