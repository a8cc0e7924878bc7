//! Bindings of the redaction pipeline: `Redactor` (analyze, redactText, redactJson) and the
//! preset list. Offsets leave as UTF-16 code units, and the audit record says so.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::convert::{self, Kind};
use super::error::{invalid_argument, to_js};
use super::types::to_js_json;
use crate::offsets::utf16_positions;
use crate::redact::{self, PseudonymKey, RedactionFinding, SendContext};
use crate::{Error, ErrorCode};

fn err(e: Error) -> JsValue {
    to_js(&e)
}

/// A finding as JavaScript sees it (UTF-16 offsets).
#[derive(Serialize)]
struct JsFinding<'a> {
    entity: &'a str,
    start: usize,
    end: usize,
    score: f64,
    recognizer: &'a str,
    reason: &'a str,
    action: &'a str,
    rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

/// Converts findings whose offsets refer to `text_of(path)` into UTF-16 findings.
fn js_findings<'a, 't>(
    findings: &'a [RedactionFinding],
    text_of: impl Fn(Option<&str>) -> Option<&'t str>,
) -> Vec<JsFinding<'a>> {
    let mut out: Vec<JsFinding<'a>> = findings
        .iter()
        .map(|f| JsFinding {
            entity: &f.entity,
            start: f.start,
            end: f.end,
            score: crate::audit::round_score(f.score),
            recognizer: &f.recognizer,
            reason: &f.reason,
            action: f.action,
            rule: &f.rule,
            path: f.path.as_deref(),
        })
        .collect();
    // One pass per distinct text (the whole input, or each JSON string with findings).
    let mut paths: Vec<Option<&str>> = out.iter().map(|f| f.path).collect();
    paths.sort_unstable();
    paths.dedup();
    for path in paths {
        let Some(text) = text_of(path) else { continue };
        let idx: Vec<usize> = (0..out.len())
            .filter(|&i| out.get(i).is_some_and(|f| f.path == path))
            .collect();
        let bytes: Vec<usize> = idx
            .iter()
            .filter_map(|&i| out.get(i))
            .flat_map(|f| [f.start, f.end])
            .collect();
        let units = utf16_positions(text, &bytes);
        for (&i, pair) in idx.iter().zip(units.chunks(2)) {
            if let (Some(f), [s, e]) = (out.get_mut(i), pair) {
                f.start = *s;
                f.end = *e;
            }
        }
    }
    out
}

/// The JSON string a finding's `path` (a JSON pointer) points at in `value`.
fn string_at<'v>(value: &'v Value, path: Option<&str>) -> Option<&'v str> {
    value.pointer(path?)?.as_str()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
        to_js_json(&js_findings(&findings, |_| Some(text.as_str())))
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
        let result = Out {
            text: Some(&r.text),
            findings: js_findings(&r.findings, |_| Some(text.as_str())),
            audit_digest: format!("sha256:{}", hex(&r.audit.digest())),
            audit: &r.audit,
            conditions: &r.conditions,
            value: None,
        };
        to_js_json(&result)
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
        let result = Out {
            text: None,
            findings: js_findings(&r.findings, |path| string_at(&value, path)),
            audit_digest: format!("sha256:{}", hex(&r.audit.digest())),
            audit: &r.audit,
            conditions: &r.conditions,
            value: Some(&r.value),
        };
        to_js_json(&result)
    }
}

/// The result object of `redactText` / `redactJson`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Out<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a Value>,
    findings: Vec<JsFinding<'a>>,
    audit: &'a crate::audit::AuditRecord,
    audit_digest: String,
    conditions: &'a [String],
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
