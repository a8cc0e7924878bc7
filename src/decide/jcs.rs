//! RFC 8785 JSON Canonicalization Scheme (JCS): the canonical form behind every fingerprint.
//!
//! RFC 8785 §3.2.3: "JSON object properties MUST be sorted recursively … by their names
//! … formatted as arrays of UTF-16 code units". §3.2.2.3: numbers are serialised as
//! ECMAScript's `Number.prototype.toString` does. §3.2.2.2: strings as `JSON.stringify`
//! does (only `"`, `\` and control characters are escaped).
//!
//! Numbers: `serde_json` (without its `float_roundtrip` feature) may round a decimal
//! literal with more than 15 significant digits differently from ECMAScript's parser, so
//! the same text could get two fingerprints. [`check_number`] therefore admits only
//! integers of magnitude below 2^53 and decimals with at most 15 significant digits,
//! for which both parsers agree; policies are validated with it.

use serde_json::Value;

/// The canonical (RFC 8785) serialisation of `value`.
#[must_use]
pub fn canonicalize(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                write_f64(i as f64, out);
            } else if let Some(u) = n.as_u64() {
                write_f64(u as f64, out);
            } else {
                write_f64(n.as_f64().unwrap_or(0.0), out);
            }
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // UTF-16 order differs from UTF-8/`str` order once characters above U+FFFF
            // (surrogates 0xD800..) meet characters in U+E000..U+FFFF.
            entries.sort_by(|a, b| utf16_cmp(a.0, b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

/// `a` and `b` ordered as arrays of UTF-16 code units (RFC 8785 §3.2.3). Two ASCII keys
/// (every key of an audit record) compare as bytes, which is the same order, without
/// re-encoding them at each comparison.
fn utf16_cmp(a: &str, b: &str) -> core::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.as_bytes().cmp(b.as_bytes())
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Copy runs that need no escape in one go; most strings have none at all. Only ASCII
    // characters are escaped, and their bytes never occur inside a multi-byte UTF-8
    // character, so the scan goes byte by byte without decoding.
    let mut from = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let c = char::from(b);
        let esc: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\u{08}' => Some("\\b"),
            '\u{0c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            c if (c as u32) < 0x20 => None,
            _ => continue,
        };
        out.push_str(s.get(from..i).unwrap_or(""));
        match esc {
            Some(e) => out.push_str(e),
            None => out.push_str(&format!("\\u{:04x}", c as u32)),
        }
        from = i + c.len_utf8();
    }
    out.push_str(s.get(from..).unwrap_or(""));
    out.push('"');
}

/// Appends ECMAScript `Number::toString(x)` (ECMA-262 §6.1.6.1.20) of a finite `x`.
///
/// Rust's `{:e}` yields the shortest round-tripping digits, which is what ECMAScript's
/// "k as small as possible" asks for; only the layout differs and is rebuilt here.
pub fn write_f64(x: f64, out: &mut String) {
    if x == 0.0 || !x.is_finite() {
        // -0 prints as "0"; non-finite values cannot come from JSON.
        out.push('0');
        return;
    }
    // An integer below 2^53 (offsets, counts: most numbers of an audit record) is its own
    // shortest round-tripping form, printed without exponent below 10^21: its digits,
    // written directly. The `{:e}` rebuild below took a third of `redactText` in wasm.
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        use core::fmt::Write as _;
        let _ = write!(out, "{}", x as i64);
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut e: i64 = exp.parse().unwrap_or(0);
    // ECMA-262: "If there are two such possible values of s, choose the one that is
    // even." Rust rounds such exact ties upwards, so an odd last digit is re-checked.
    if digits.ends_with(['1', '3', '5', '7', '9'])
        && let Some((d, ex)) = even_tie(x.abs(), digits.len())
    {
        digits = d;
        e = ex;
    }
    let k = digits.len() as i64;
    let n = e + 1;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(core::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (a, b) = digits
            .split_at_checked(n as usize)
            .unwrap_or((digits.as_str(), ""));
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or(("0", ""));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if n > 0 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
}

/// Whether a positive finite `x` can lie exactly halfway between two `k`-digit decimals,
/// decided from its bits so that most numbers skip the 800-digit expansion of
/// [`even_tie`] (which took a quarter of `redactText` in wasm: an audit record holds one
/// score per finding, and most end in an odd digit).
///
/// `x = m·2^-f` with `m` odd is exactly `m·5^f·10^-f`: `m·5^f` is not a multiple of 10, so
/// its digits are exactly the significant digits of `x`. A tie needs `k + 1` of them, but
/// `m·5^f` has at least as many as `5^f`, that is `⌊f·log10 5⌋ + 1`.
fn tie_possible(x: f64, k: usize) -> bool {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1 << 52) - 1);
    // `x = mant·2^e` exactly (subnormals have no implicit bit and the smallest exponent).
    let (mant, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    if mant == 0 {
        return false;
    }
    let f = -(e + i64::from(mant.trailing_zeros()));
    if f <= 0 {
        // An integer: no fractional digits to reason about here; take the exact path.
        return true;
    }
    // log10 5 = 0.698970004…: the factor below is a little smaller, so a `true` here is
    // never a wrong `false`.
    (f as f64) * 0.69897 <= k as f64 + 1.0
}

/// If `x` lies exactly halfway between two `k`-digit decimals, the even one (digits,
/// exponent). Rust's fixed-precision formatting is exact, so 800 digits show the whole
/// binary expansion of any f64 that can be such a tie.
fn even_tie(x: f64, k: usize) -> Option<(String, i64)> {
    if tie_possible(x, k) {
        even_tie_exact(x, k)
    } else {
        None
    }
}

/// [`even_tie`] without the quick test: from the exact decimal expansion.
fn even_tie_exact(x: f64, k: usize) -> Option<(String, i64)> {
    let exact = format!("{x:.800e}");
    let (m, ex) = exact.split_once('e')?;
    let mut ex: i64 = ex.parse().ok()?;
    let all: String = m.chars().filter(char::is_ascii_digit).collect();
    let (head, tail) = all.split_at_checked(k)?;
    let mut t = tail.chars();
    if t.next()? != '5' || !t.all(|c| c == '0') {
        return None;
    }
    let mut d: Vec<u8> = head.bytes().collect();
    if d.last().is_some_and(|l| (l - b'0') % 2 == 1) {
        // Round the head up to the even neighbour, carrying.
        let mut i = d.len();
        loop {
            if i == 0 {
                d.insert(0, b'1');
                d.pop();
                ex += 1;
                break;
            }
            i -= 1;
            match d.get_mut(i) {
                Some(c) if *c == b'9' => *c = b'0',
                Some(c) => {
                    *c += 1;
                    break;
                }
                None => return None,
            }
        }
    }
    let s = String::from_utf8(d).ok()?;
    let trimmed = s.trim_end_matches('0');
    Some((
        if trimmed.is_empty() {
            "0".to_owned()
        } else {
            trimmed.to_owned()
        },
        ex,
    ))
}

/// Why a number is not admitted in a policy (see the module docs), or `None` if it is.
#[must_use]
pub fn check_number(n: &serde_json::Number) -> Option<&'static str> {
    const MAX_SAFE: u64 = (1 << 53) - 1;
    if let Some(u) = n.as_u64() {
        return (u > MAX_SAFE).then_some("integers must be below 2^53");
    }
    if let Some(i) = n.as_i64() {
        return (i.unsigned_abs() > MAX_SAFE).then_some("integers must be above -2^53");
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    if !f.is_finite() {
        return Some("number is not finite");
    }
    let mut s = String::new();
    write_f64(f, &mut s);
    let significant = s
        .split(['e', 'E'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    let significant = significant.trim_start_matches('0').trim_end_matches('0');
    (significant.len() > 15).then_some("decimals may have at most 15 significant digits")
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_quick_tie_test_never_hides_a_tie() {
        // Rounded scores (what audit records hold), dyadic fractions (the only ties),
        // integers, tiny and huge numbers, and a spread of doubles by bit pattern.
        let mut xs: Vec<f64> = (1..=2000).map(|i| f64::from(i) / 1000.0).collect();
        xs.extend((1..=64).map(|i| f64::from(i) / 64.0));
        xs.extend([
            0.5,
            2.5,
            0.125,
            1.5e-7,
            5e-324,
            1e300,
            123_456_789.5,
            9_007_199_254_740_993.0,
        ]);
        let mut bits: u64 = 0x3FF0_0000_0000_0001;
        for _ in 0..2000 {
            bits = bits.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let x = f64::from_bits(bits >> 2);
            if x.is_finite() && x > 0.0 {
                xs.push(x);
            }
        }
        let mut ties = 0;
        for x in xs {
            for k in 1..=17 {
                let exact = even_tie_exact(x, k);
                ties += usize::from(exact.is_some());
                if !tie_possible(x, k) {
                    assert_eq!(exact, None, "{x} {k}");
                }
                assert_eq!(even_tie(x, k), exact, "{x} {k}");
            }
        }
        assert!(ties > 0, "the values hold ties");
    }

    fn num(x: f64) -> String {
        let mut s = String::new();
        write_f64(x, &mut s);
        s
    }

    #[test]
    fn ecmascript_numbers_rfc8785_appendix_b() {
        // RFC 8785 Appendix B (IEEE-754 bit patterns → expected text).
        let cases: &[(u64, &str)] = &[
            (0x0000000000000000, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ];
        for (bits, want) in cases {
            assert_eq!(num(f64::from_bits(*bits)), *want, "bits {bits:#x}");
        }
    }

    #[test]
    fn keys_sorted_by_utf16_code_units() {
        // RFC 8785 §3.2.3 example: "\u20ac" (€), "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6".
        let v = json!({"€": "Euro Sign", "\r": "Carriage Return", "\u{fb33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "😀": "Emoji: Grinning Face", "\u{80}": "Control", "ö": "Latin Small Letter O With Diaeresis"});
        let c = canonicalize(&v);
        let order: Vec<&str> = ["\\r", "1", "\u{80}", "ö", "€", "😀", "\u{fb33}"].to_vec();
        let mut last = 0;
        for k in order {
            let pos = c.find(&format!("\"{k}\":")).unwrap();
            assert!(pos >= last, "{k} out of order in {c}");
            last = pos;
        }
    }

    #[test]
    fn strings_escaped_like_json_stringify() {
        let v = json!({"a": "\u{1}\n\"\\/€\u{2028}"});
        assert_eq!(canonicalize(&v), "{\"a\":\"\\u0001\\n\\\"\\\\/€\u{2028}\"}");
    }

    #[test]
    fn whitespace_and_order_do_not_matter() {
        let a: Value =
            serde_json::from_str("{ \"b\" : [1, 2.5, {\"y\":1,\"x\":null}], \"a\": true }")
                .unwrap();
        let b: Value =
            serde_json::from_str("{\"a\":true,\"b\":[1,2.5,{\"x\":null,\"y\":1}]}").unwrap();
        assert_eq!(canonicalize(&a), canonicalize(&b));
        assert_eq!(
            canonicalize(&a),
            "{\"a\":true,\"b\":[1,2.5,{\"x\":null,\"y\":1}]}"
        );
    }

    #[test]
    fn number_admission() {
        let n = |s: &str| serde_json::from_str::<serde_json::Number>(s).unwrap();
        assert_eq!(check_number(&n("0.85")), None);
        assert_eq!(check_number(&n("12")), None);
        assert_eq!(check_number(&n("1e-3")), None);
        assert!(check_number(&n("0.12345678901234567")).is_some());
        assert!(check_number(&n("9007199254740993")).is_some());
        // An integer-valued float prints as an integer, as ECMAScript does.
        assert_eq!(canonicalize(&json!(1.0)), "1");
    }
}
