//! Built-in policy presets, shipped as files in `policies/` and embedded at build time.

use super::model::Policy;
use super::parse::parse_policy_text;
use crate::error::{Error, ErrorCode, Result};

/// The preset used when no policy is given.
pub const DEFAULT_PRESET: &str = "led-strict";

/// Every preset: `(name, JSON text)`.
pub const PRESETS: &[(&str, &str)] = &[
    ("led-strict", include_str!("../../policies/led-strict.json")),
    (
        "partner-linkage",
        include_str!("../../policies/partner-linkage.json"),
    ),
    (
        "public-release",
        include_str!("../../policies/public-release.json"),
    ),
];

/// Whether `text` looks like a preset name rather than JSON text.
#[must_use]
pub fn looks_like_name(text: &str) -> bool {
    !text.trim_start().starts_with('{')
}

/// Loads the preset `name`.
pub fn preset(name: &str) -> Result<Policy> {
    let text = PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            Error::new(
                ErrorCode::UnknownPreset,
                format!(
                    "no preset of that name; the presets are {}",
                    names.join(", ")
                ),
            )
        })?;
    parse_policy_text(text)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_loads_with_its_own_id() {
        for (name, _) in PRESETS {
            let p = preset(name).unwrap();
            assert_eq!(p.id, *name);
            assert!(p.fingerprint.starts_with("sha256:") && p.fingerprint.len() == 7 + 64);
        }
        assert_eq!(preset("nope").unwrap_err().code(), ErrorCode::UnknownPreset);
    }

    #[test]
    fn presets_have_distinct_fingerprints() {
        let fps: std::collections::BTreeSet<String> = PRESETS
            .iter()
            .map(|(n, _)| preset(n).unwrap().fingerprint)
            .collect();
        assert_eq!(fps.len(), PRESETS.len());
    }
}
