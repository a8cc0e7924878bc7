//! Decimal text (`-12.345`) to `f64`, correctly rounded, without core's float parser.
//!
//! `str::parse::<f64>` links core's `dec2flt`: ~15 KB of wasm, two thirds of it a table of
//! 128-bit powers of five that gzip cannot shrink. The decimals this crate reads (GPS
//! coordinates in text, coordinates to snap to a grid) have no exponent, no `inf`/`nan`,
//! and almost always at most 15 significant digits, where one IEEE division of two exact
//! values is already the correctly rounded result (Clinger's fast path). The rare longer
//! or far-out input is rounded exactly with small integer arithmetic instead: the result is
//! always the one `str::parse::<f64>` gives (round to nearest, ties to even).

use core::cmp::Ordering;

/// Significant digits kept; any further non-zero digit only marks the value as above the
/// kept ones. A midpoint between two doubles has at most 767 significant digits, so more
/// than that never changes the rounding (core's parser keeps 768 for the same reason), and
/// the work stays bounded whatever the input's length.
const MAX_DIGITS: usize = 800;

/// Parses `-?digits[.digits]` (at least one digit; `5.` and `.5` included) as
/// `str::parse::<f64>` does. Anything else (`+`, exponents, `inf`, a second `.` or `-`,
/// other characters) is `None`; so is nothing at all.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // value = digits × 10^exp, digits without leading or trailing zeros.
    let all = int.bytes().chain(frac.bytes());
    let leading = all.clone().take_while(|&b| b == b'0').count();
    let total = int.len() + frac.len();
    let trailing = all.rev().take_while(|&b| b == b'0').count();
    let magnitude = if leading == total {
        0.0
    } else {
        let digits = || {
            int.bytes()
                .chain(frac.bytes())
                .skip(leading)
                .take(total - leading - trailing)
        };
        let count = total - leading - trailing;
        // Digits after the last significant one are zeros: they only shift the exponent.
        let exp = trailing as i64 - frac.len() as i64;
        positive(digits, count, exp)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The double nearest to `digits × 10^exp` (`count` ≥ 1 digits, the first and last non-zero).
fn positive<I: Iterator<Item = u8>>(digits: impl Fn() -> I, count: usize, exp: i64) -> f64 {
    // Clinger's fast path: both operands exact, so one rounding, the correct one.
    if count <= 15 && (-22..=22).contains(&exp) {
        let m = digits().fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
        #[allow(clippy::cast_precision_loss)] // m < 10^15 < 2^53: exact.
        let m = m as f64;
        let scale = 10f64.powi(exp.unsigned_abs() as i32); // exact up to 10^22
        return if exp < 0 { m / scale } else { m * scale };
    }
    // The decimal exponent of the first digit: ≥ 309 is above f64::MAX (infinity), and
    // below -325 is under half the smallest subnormal (zero).
    let first = exp + count as i64 - 1;
    if first >= 309 {
        return f64::INFINITY;
    }
    if first < -325 {
        return 0.0;
    }
    let kept = count.min(MAX_DIGITS);
    let truncated = count > kept;
    let exp = exp + (count - kept) as i64;
    let mut value = Big::default();
    for d in digits().take(kept) {
        value.mul_add(10, u32::from(d - b'0'));
    }
    let exact = Exact {
        digits: value,
        exp,
        truncated,
    };
    // A start within a few units in the last place: 17 digits, scaled in two halves so
    // that neither factor overflows or underflows.
    let head = digits()
        .take(17)
        .fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
    let head_exp = exp + kept as i64 - kept.min(17) as i64;
    let half = (head_exp / 2) as i32;
    #[allow(clippy::cast_precision_loss)]
    let mut c = head as f64 * 10f64.powi(half) * 10f64.powi(head_exp as i32 - half);
    if !c.is_finite() {
        c = f64::MAX;
    }
    // Walk to the double whose rounding interval holds the value (ties to even).
    loop {
        if c.is_infinite() {
            return c;
        }
        let (m, e) = decompose(c);
        let odd = m & 1 == 1;
        match exact.cmp_scaled(2 * m + 1, e - 1) {
            Ordering::Greater => {
                c = f64::from_bits(c.to_bits() + 1);
                continue;
            }
            Ordering::Equal if odd => {
                c = f64::from_bits(c.to_bits() + 1);
                continue;
            }
            _ => {}
        }
        if c > 0.0 {
            // Below a power of two the lower neighbour is half as far.
            let low = if m == 1 << 52 && e > -1074 {
                exact.cmp_scaled(4 * m - 1, e - 2)
            } else {
                exact.cmp_scaled(2 * m - 1, e - 1)
            };
            match low {
                Ordering::Less => {
                    c = f64::from_bits(c.to_bits() - 1);
                    continue;
                }
                Ordering::Equal if odd => {
                    c = f64::from_bits(c.to_bits() - 1);
                    continue;
                }
                _ => {}
            }
        }
        return c;
    }
}

/// A finite non-negative double as `m × 2^e` (m < 2^53).
fn decompose(c: f64) -> (u64, i64) {
    let bits = c.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// The parsed value, exactly: `digits × 10^exp`, plus "and something" if digits were dropped.
struct Exact {
    digits: Big,
    exp: i64,
    truncated: bool,
}

impl Exact {
    /// The value against `m × 2^e`.
    fn cmp_scaled(&self, m: u64, e: i64) -> Ordering {
        // digits × 5^exp × 2^exp against m × 2^e, all moved to non-negative powers.
        let mut left = self.digits.clone();
        let mut right = Big::default();
        right.mul_add(1 << 31, (m >> 31) as u32);
        right.mul_add(1 << 31, (m & ((1 << 31) - 1)) as u32);
        if self.exp >= 0 {
            left.mul_pow5(self.exp.unsigned_abs());
        } else {
            right.mul_pow5(self.exp.unsigned_abs());
        }
        let twos = self.exp - e;
        if twos >= 0 {
            left.shl(twos.unsigned_abs());
        } else {
            right.shl(twos.unsigned_abs());
        }
        match left.cmp(&right) {
            Ordering::Equal if self.truncated => Ordering::Greater,
            o => o,
        }
    }
}

/// An unsigned integer, base 2^32, least significant limb first, no high zero limbs.
#[derive(Clone, Default)]
struct Big(Vec<u32>);

impl Big {
    /// `self = self × m + add`.
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self = self × 5^k`.
    fn mul_pow5(&mut self, mut k: u64) {
        // 5^13 is the largest power of five below 2^32.
        while k >= 13 {
            self.mul_add(1_220_703_125, 0);
            k -= 13;
        }
        if k > 0 {
            self.mul_add(5u32.pow(k as u32), 0);
        }
    }

    /// `self = self × 2^k`.
    fn shl(&mut self, k: u64) {
        if self.0.is_empty() {
            return;
        }
        let bits = (k % 32) as u32;
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = v as u32;
                carry = (v >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        let limbs = (k / 32) as usize;
        self.0.splice(0..0, core::iter::repeat_n(0, limbs));
    }

    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let want = text.parse::<f64>().ok();
        let got = parse(text);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{text}: {got:?} != {want:?}"
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn shapes_accepted_and_refused_as_core_does() {
        for t in [
            "0", "-0", "5.", ".5", "-.5", "-5.", "000.000", "48.8566", "-33.87", "180", "1-2", "",
            "-", ".", "-.", "1.2.3", "--1", " 1", "١",
        ] {
            same(t);
        }
        // Outside the accepted shape, though core's parser takes them.
        assert_eq!(parse("+1"), None);
        assert_eq!(parse("inf"), None);
        assert_eq!(parse("1e5"), None);
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn hard_roundings_match_core() {
        for t in [
            // Long, with a tie to even hidden far down, and just off it.
            "9007199254740993",
            "9007199254740993.0000000000000000000000000000001",
            "9007199254740995",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000024703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125",
            "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000247032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281251",
            "0.1",
            "123456789012345678901234567890",
            "1797693134862315708145274237317043567981",
            "0.000001",
            "48.856600000000000000000000000001",
            "-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
        ] {
            same(t);
        }
        same(&format!("1{}", "0".repeat(400)));
        same(&format!("0.{}1", "0".repeat(400)));
        same(&format!("1.{}1", "0".repeat(5000)));
        same(&"7".repeat(2000));
        // Around the smallest normal, 2^-1022, and the largest double.
        for bits in [
            0x0010_0000_0000_0000u64,
            0x000f_ffff_ffff_ffff,
            0x7fef_ffff_ffff_ffff,
        ] {
            let x = f64::from_bits(bits);
            for d in [17, 30, 400, 1100] {
                same(&format!("{x:.d$}"));
            }
        }
    }

    /// Random decimals of every length and scale, against core's parser.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn random_decimals_match_core() {
        let mut s: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for _ in 0..50_000 {
            let r = next();
            let int_len = (r % 24) as usize;
            let frac_len = ((r >> 8) % 40) as usize;
            let mut t = String::new();
            if r >> 63 == 1 {
                t.push('-');
            }
            for _ in 0..int_len {
                t.push(char::from(b'0' + (next() % 10) as u8));
            }
            if frac_len > 0 || r >> 62 & 1 == 1 {
                t.push('.');
            }
            for _ in 0..frac_len {
                t.push(char::from(b'0' + (next() % 10) as u8));
            }
            same(&t);
            // And the exact decimal of a random double (a midpoint neighbour or itself).
            let x = f64::from_bits(next() >> 1);
            if x.is_finite() {
                same(format!("{x:.1100}").trim_end_matches('0'));
            }
        }
    }
}
