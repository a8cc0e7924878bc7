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
            crate::sort::sort_by(&mut entries, |a, b| utf16_cmp(a.0, b.0));
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
pub(crate) fn utf16_cmp(a: &str, b: &str) -> core::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.as_bytes().cmp(b.as_bytes())
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

pub(crate) fn write_string(s: &str, out: &mut String) {
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

/// Appends the decimal digits of `n`, zero-padded to at least `width` digits (by hand:
/// `write!` goes through core's formatting machinery, as costly again in wasm).
fn write_digits(mut n: u64, width: usize, out: &mut String) {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    while let Some(d) = at.checked_sub(1).and_then(|i| buf.get_mut(i)) {
        *d = b'0' + (n % 10) as u8;
        at -= 1;
        n /= 10;
        if n == 0 && buf.len() - at >= width {
            break;
        }
    }
    out.push_str(core::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or("0"));
}

/// Appends ECMAScript `Number::toString(x)` (ECMA-262 §6.1.6.1.20) of a finite `x`.
///
/// The digits come from serde_json's float formatter (Żmij), which is already in the
/// module for JSON output: the shortest digits that round-trip and, of two such candidates
/// equally near `x`, the even one — ECMAScript's "k as small as possible … if there are
/// two such possible values of s, choose the one that is even". It agreed with the
/// `{:e}`-plus-exact-tie-check formatter it replaced on 3 million doubles, 7,456 of them
/// ties; core's `{:e}`/`{:.N}` formatting (Grisu and Dragon, ~10 KB of gzipped wasm) is
/// thereby no longer linked. Only the layout differs and is rebuilt here.
pub fn write_f64(x: f64, out: &mut String) {
    if x == 0.0 || !x.is_finite() {
        // -0 prints as "0"; non-finite values cannot come from JSON.
        out.push('0');
        return;
    }
    // An integer below 2^53 (offsets, counts: most numbers of an audit record) is its own
    // shortest round-tripping form, printed without exponent below 10^21: its digits,
    // written directly. The float path below (through `{:e}`, as it then was) took a third
    // of `redactText` in wasm.
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        if x < 0.0 {
            out.push('-');
        }
        write_digits(x.abs() as u64, 1, out);
        return;
    }
    // A number of at most three decimals (every score of an audit record): `k / 1000.0` is
    // the double nearest to the decimal k/1000 (IEEE division rounds correctly), so when it
    // is `x`, that decimal without its trailing zeros is the shortest text that reads back
    // as `x`, which ECMAScript prints (plain notation from 10^-7 up). Written directly: the
    // general path below was a tenth of `redactText` on a small report in wasm.
    let k = (x.abs() * 1000.0).round();
    if k < 1e15 && k / 1000.0 == x.abs() {
        if x < 0.0 {
            out.push('-');
        }
        let k = k as u64;
        write_digits(k / 1000, 1, out);
        out.push('.');
        let (mut frac, mut width) = (k % 1000, 3);
        while frac % 10 == 0 && width > 1 {
            frac /= 10;
            width -= 1;
        }
        write_digits(frac, width, out);
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    // Żmij writes `123.456`, `0.000025`, `1e-7` or `1.5e+300`: read back the significant
    // digits and the decimal exponent `e` of the first one (x = d.ddd × 10^e).
    let text = serde_json::Number::from_f64(x.abs())
        .map(|n| n.to_string())
        .unwrap_or_default();
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((text.as_str(), "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int.chars().chain(frac.chars()).collect();
    let significant = all.trim_start_matches('0');
    let leading_zeros = (all.len() - significant.len()) as i64;
    let digits = significant.trim_end_matches('0');
    let e = exp + int.len() as i64 - 1 - leading_zeros;
    let k = digits.len() as i64;
    let n = e + 1;
    if k <= n && n <= 21 {
        out.push_str(digits);
        out.extend(core::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (a, b) = digits.split_at_checked(n as usize).unwrap_or((digits, ""));
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-n) as usize));
        out.push_str(digits);
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
            // Exact ties between two shortest candidates: ECMAScript takes the even one.
            (0x43172eaa1e4c40c5, "1631308162994225.2"),
            (0x4304068ce4a6d35a, "704587716942443.2"),
            (0x42e5e19faca76764, "192470325738299.12"),
        ];
        for (bits, want) in cases {
            assert_eq!(num(f64::from_bits(*bits)), *want, "bits {bits:#x}");
        }
    }

    /// The formatter this one replaced (core's shortest `{:e}` digits, then the even
    /// candidate of an exact tie from the exact expansion), as an independent reference;
    /// also whether core's digits had to be moved to the even candidate.
    #[cfg(not(target_arch = "wasm32"))]
    fn reference(x: f64) -> (String, bool) {
        if x == 0.0 || (x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0) {
            return (format!("{}", x as i64), false);
        }
        let sci = format!("{:e}", x.abs());
        let (m, e) = sci.split_once('e').unwrap();
        let mut digits: String = m.chars().filter(char::is_ascii_digit).collect();
        let mut e: i64 = e.parse().unwrap();
        let exact = format!("{:.800e}", x.abs());
        let all: String = exact
            .split_once('e')
            .unwrap()
            .0
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let tail = &all[digits.len()..];
        let core_digits = digits.clone();
        if tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0') {
            // A tie: take the even neighbour (rounding the odd last digit up, with carry).
            let mut d: Vec<u8> = all[..digits.len()].bytes().collect();
            if d.last().unwrap() % 2 == 1 {
                let mut i = d.len();
                loop {
                    if i == 0 {
                        d.insert(0, b'1');
                        d.pop();
                        e += 1;
                        break;
                    }
                    i -= 1;
                    if d[i] == b'9' {
                        d[i] = b'0';
                    } else {
                        d[i] += 1;
                        break;
                    }
                }
            }
            digits = String::from_utf8(d)
                .unwrap()
                .trim_end_matches('0')
                .to_owned();
        }
        let moved = digits != core_digits;
        let (k, n) = (digits.len() as i64, e + 1);
        let sign = if x < 0.0 { "-" } else { "" };
        let text = if k <= n && n <= 21 {
            format!("{sign}{digits}{}", "0".repeat((n - k) as usize))
        } else if 0 < n && n <= 21 {
            format!("{sign}{}.{}", &digits[..n as usize], &digits[n as usize..])
        } else if -6 < n && n <= 0 {
            format!("{sign}0.{}{digits}", "0".repeat((-n) as usize))
        } else {
            let rest = if digits.len() > 1 {
                format!(".{}", &digits[1..])
            } else {
                String::new()
            };
            let exp_sign = if n > 0 { '+' } else { '-' };
            format!("{sign}{}{rest}e{exp_sign}{}", &digits[..1], (n - 1).abs())
        };
        (text, moved)
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn numbers_match_the_reference_formatter() {
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut ties = 0;
        for i in 0..60_000u32 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let x = match i % 3 {
                0 => f64::from_bits(s),
                // Short decimals, the common case.
                1 => (s % 100_000_000) as f64 / 10f64.powi((s >> 40) as i32 % 12),
                // Integers just above 2^53, where ties between shortest candidates live.
                _ => ((s >> 11) as f64) * 2f64.powi((s % 12) as i32),
            };
            if !x.is_finite() {
                continue;
            }
            let (want, tie) = reference(x);
            ties += usize::from(tie);
            assert_eq!(num(x), want, "bits {:#x}", x.to_bits());
        }
        // The sample holds ties where core's digits are not ECMAScript's.
        assert!(ties > 10, "{ties} ties");
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

    #[test]
    fn short_decimals_match_the_general_formatter() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = if i % 2 == 0 {
                x % 1_000_000
            } else {
                x % 1_000_000_000_000
            };
            if k % 1000 == 0 {
                continue;
            }
            let v = k as f64 / 1000.0;
            let mut s = String::new();
            write_f64(v, &mut s);
            // serde_json writes the shortest round-tripping digits, in plain notation here.
            assert_eq!(s, serde_json::to_string(&v).unwrap(), "{k}");
        }
    }

    #[test]
    fn integers_and_short_decimals_are_written_directly() {
        for (x, want) in [
            (1.0, "1"),
            (9.0, "9"),
            (10.0, "10"),
            (100.0, "100"),
            (-42.0, "-42"),
            (1_234_567_890_123.0, "1234567890123"),
            (9_007_199_254_740_991.0, "9007199254740991"),
            (-9_007_199_254_740_991.0, "-9007199254740991"),
            (0.95, "0.95"),
            (0.333, "0.333"),
            (0.001, "0.001"),
            (0.05, "0.05"),
            (12.5, "12.5"),
            (-0.25, "-0.25"),
            (0.1, "0.1"),
            (1234.567, "1234.567"),
            (0.0005, "0.0005"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-7, "1e-7"),
            (123_456_789_012.345, "123456789012.345"),
        ] {
            let mut s = String::new();
            write_f64(x, &mut s);
            assert_eq!(s, want);
        }
    }
}
