//! The operators: what one span of text becomes under each action.

use super::pseudonym::PseudonymKey;
use crate::decide::{Action, GeneralizeMethod};
use crate::detect::Entity;
use crate::error::{Error, ErrorCode, Result};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Replacement text of `value` under `action`, and the name of the action actually applied
/// (a generalisation that does not fit the value falls back to a label: fail closed).
///
/// `domain` names what the value is (an entity type, or `FIELD`/a field domain): it is the
/// default label text and the pseudonym's domain.
pub fn render(
    action: &Action,
    entity: Option<Entity>,
    domain: &str,
    value: &str,
    key: Option<&PseudonymKey>,
) -> Result<(String, &'static str)> {
    Ok(match action {
        Action::Keep => (value.to_owned(), "keep"),
        Action::Remove | Action::Block => (String::new(), "remove"),
        Action::Label(l) => (label(l.as_deref(), domain), "label"),
        Action::Mask {
            keep_start,
            keep_end,
            mask_char,
        } => (mask(value, *keep_start, *keep_end, *mask_char), "mask"),
        Action::Pseudonym => {
            let key = key.ok_or_else(|| {
                Error::new(
                    ErrorCode::MissingPseudonymKey,
                    "the policy asks for pseudonyms but no key was given",
                )
            })?;
            (key.token(domain, value)?, "pseudonym")
        }
        Action::Generalize { method, keep } => match method
            .or_else(|| GeneralizeMethod::for_entity(entity))
            .and_then(|m| generalize(m, *keep, value))
        {
            Some(g) => (g, "generalize"),
            None => (label(None, domain), "label"),
        },
    })
}

/// `[LABEL]`: the policy's label or the domain in brackets.
#[must_use]
pub fn label(custom: Option<&str>, domain: &str) -> String {
    custom.map_or_else(|| format!("[{domain}]"), str::to_owned)
}

/// Masks all but `keep_start` leading and `keep_end` trailing characters. If that would
/// leave half or more of the value in clear, everything is masked: a mask must hide most
/// of the value, and a short value would otherwise be shown whole.
#[must_use]
pub fn mask(value: &str, keep_start: usize, keep_end: usize, mask_char: char) -> String {
    let n = value.chars().count();
    let (ks, ke) = if (keep_start + keep_end) * 2 > n {
        (0, 0)
    } else {
        (keep_start, keep_end)
    };
    value
        .chars()
        .enumerate()
        .map(|(i, c)| if i < ks || i >= n - ke { c } else { mask_char })
        .collect()
}

/// The generalised value, or `None` if `value` does not have the expected shape.
#[must_use]
pub fn generalize(method: GeneralizeMethod, keep: Option<u32>, value: &str) -> Option<String> {
    let v = value.trim();
    match method {
        GeneralizeMethod::Year => year(v),
        GeneralizeMethod::IpPrefix => {
            if let Ok(ip) = v.parse::<Ipv4Addr>() {
                let bits = keep.unwrap_or(24).min(32);
                let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
                Some(format!("{}/{bits}", Ipv4Addr::from(u32::from(ip) & mask)))
            } else if let Ok(ip) = v.parse::<Ipv6Addr>() {
                let bits = keep.unwrap_or(48).min(128);
                let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
                Some(format!("{}/{bits}", Ipv6Addr::from(u128::from(ip) & mask)))
            } else {
                None
            }
        }
        GeneralizeMethod::Grid => grid(v, keep.unwrap_or(1).min(6)),
        GeneralizeMethod::Prefix => {
            let k = keep.unwrap_or(2) as usize;
            let n = v.chars().count();
            // Keeping the whole value is no generalisation.
            (k < n).then(|| format!("{}*", v.chars().take(k).collect::<String>()))
        }
    }
}

/// A four-digit year 1800–2199 in the value (the only one, to avoid picking a day).
fn year(v: &str) -> Option<String> {
    let mut found = None;
    for run in v
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
    {
        if run.len() == 4
            && (run.starts_with("18")
                || run.starts_with("19")
                || run.starts_with("20")
                || run.starts_with("21"))
        {
            if found.is_some() {
                return None;
            }
            found = Some(run.to_owned());
        } else if run.len() > 4 {
            return None;
        }
    }
    found
}

/// Decimal-degree coordinates snapped down to a grid of `decimals` places.
fn grid(v: &str, decimals: u32) -> Option<String> {
    let nums: Vec<f64> = v
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .map(crate::decimal::parse)
        .collect::<Option<_>>()?;
    if nums.is_empty() || nums.len() > 2 || nums.iter().any(|x| !x.is_finite() || x.abs() > 180.0) {
        return None;
    }
    let scale = 10f64.powi(decimals as i32);
    let snapped: Vec<String> = nums
        .iter()
        .map(|x| fixed((x * scale).floor(), decimals))
        .collect();
    Some(snapped.join(", "))
}

/// `units / 10^decimals` written with `decimals` places, as `format!("{:.*}", decimals,
/// units / 10^decimals)` writes it (the sign of -0 included), but from the integer:
/// `{:.N}` of a float links core's exact float formatting (~5 KB of gzipped wasm). With
/// |units| ≤ 180 × 10^6 and `decimals` ≤ 6 the float quotient is the decimal to within
/// far less than half a unit of the last place, so both print the same digits (checked
/// on 20 million values).
fn fixed(units: f64, decimals: u32) -> String {
    let sign = if units.is_sign_negative() { "-" } else { "" };
    // An integral float of magnitude ≤ 1.8 × 10^8 (see `grid`): exact as u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let magnitude = units.abs() as u64;
    let Some(unit) = 10u64.checked_pow(decimals).filter(|_| decimals > 0) else {
        return format!("{sign}{magnitude}");
    };
    format!(
        "{sign}{}.{:0width$}",
        magnitude / unit,
        magnitude % unit,
        width = decimals as usize
    )
}

/// Snaps a JSON number (a latitude or longitude field) to the grid.
#[must_use]
pub fn grid_number(x: f64, decimals: u32) -> Option<f64> {
    let scale = 10f64.powi(decimals.min(6) as i32);
    (x.is_finite() && x.abs() <= 180.0).then(|| (x * scale).floor() / scale)
}

/// Whether `s` is exactly a label `[UPPER_CASE]` or a pseudonym token
/// `[DOMAIN:keyid:<32 hex>]`: shapes that hold no personal data.
#[must_use]
pub fn is_redaction_marker(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('[').and_then(|x| x.strip_suffix(']')) else {
        return false;
    };
    let upper = |x: &str| {
        !x.is_empty()
            && x.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    let mut parts = inner.split(':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(d), None, None, None) => upper(d),
        (Some(d), Some(k), Some(h), None) => {
            upper(d)
                && !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
                && h.len() == 32
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn mask_keeps_ends_and_never_most_of_value() {
        assert_eq!(
            mask("DE89370400440532013000", 2, 4, '*'),
            "DE****************3000"
        );
        assert_eq!(mask("abcd", 1, 1, '#'), "a##d");
        assert_eq!(mask("abc", 1, 1, '#'), "###");
        assert_eq!(mask("äöüß", 0, 1, 'x'), "xxxß");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn generalisations() {
        use GeneralizeMethod::*;
        assert_eq!(
            generalize(Year, None, "12.03.1985").as_deref(),
            Some("1985")
        );
        assert_eq!(generalize(Year, None, "12.03.85"), None);
        assert_eq!(
            generalize(IpPrefix, None, "192.168.17.42").as_deref(),
            Some("192.168.17.0/24")
        );
        assert_eq!(
            generalize(IpPrefix, Some(16), "192.168.17.42").as_deref(),
            Some("192.168.0.0/16")
        );
        assert_eq!(
            generalize(IpPrefix, None, "2001:db8:abcd:12::1").as_deref(),
            Some("2001:db8:abcd::/48")
        );
        assert_eq!(
            generalize(Grid, None, "48.85661, 2.35222").as_deref(),
            Some("48.8, 2.3")
        );
        assert_eq!(
            generalize(Grid, Some(0), "-33.87,151.21").as_deref(),
            Some("-34, 151")
        );
        assert_eq!(generalize(Prefix, None, "10115").as_deref(), Some("10*"));
        assert_eq!(generalize(Prefix, Some(5), "10115"), None);
        assert_eq!(grid_number(48.8566, 1), Some(48.8));
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn grid_places_written_as_float_formatting_writes_them() {
        for (units, d) in [
            (-1.0, 2),
            (-0.0, 1),
            (0.0, 0),
            (-0.0, 0),
            (4_885_661.0, 5),
            (-180_000_000.0, 6),
            (123.0, 3),
            (-3_387.0, 2),
        ] {
            let scale = 10f64.powi(d as i32);
            assert_eq!(fixed(units, d), format!("{:.*}", d as usize, units / scale));
        }
        assert_eq!(fixed(-5.0, 3), "-0.005");
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn generalize_without_method_falls_back_to_label() {
        let a = Action::Generalize {
            method: None,
            keep: None,
        };
        assert_eq!(
            render(&a, Some(Entity::Email), "EMAIL", "a@b.eu", None).unwrap(),
            ("[EMAIL]".to_owned(), "label")
        );
        assert_eq!(
            render(&a, Some(Entity::IpAddress), "IP_ADDRESS", "10.1.2.3", None)
                .unwrap()
                .0,
            "10.1.2.0/24"
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn pseudonym_without_key_is_an_error() {
        let e = render(
            &Action::Pseudonym,
            Some(Entity::Email),
            "EMAIL",
            "a@b.eu",
            None,
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::MissingPseudonymKey);
    }
}
