//! GPS_COORDINATES: decimal `lat, lon` pairs (range-checked, with or without hemisphere
//! letters and `°`) and degree-minute-second pairs such as `48°51'30.2"N 2°17'40.2"E`.

use super::context::GPS;
use super::entity::Entity as E;
use super::hit::{Hit, Sink, emit};
use super::segment::right_ok;

struct Coord {
    value: Value,
    end: usize,
    decimals: usize,
    hemi: Option<u8>,
    marked: bool,
}

/// A coordinate's value in degrees: a decimal number is parsed only when the pair is
/// complete, since `gps::at` reads the shape of every number with decimals in the text.
#[derive(Clone, Copy)]
enum Value {
    /// The number `t[from..to]`, negative if `negative`.
    Decimal {
        from: usize,
        to: usize,
        negative: bool,
    },
    /// Degrees, minutes and seconds, summed.
    Degrees(f64),
}

impl Value {
    fn degrees(self, t: &str) -> Option<f64> {
        match self {
            Value::Decimal { from, to, negative } => {
                let v = parse_at(t, from, to)?;
                Some(if negative { -v } else { v })
            }
            Value::Degrees(v) => Some(v),
        }
    }
}

fn digits_at(b: &[u8], i: usize, max: usize) -> usize {
    b.get(i..).map_or(0, |r| {
        r.iter()
            .take(max + 1)
            .take_while(|x| x.is_ascii_digit())
            .count()
    })
}

/// The shape of `int[.frac]` at `i` (at most `max_int` integer digits): its end and the
/// number of decimals. [`parse_at`] gives its value.
fn number_at(t: &str, i: usize, max_int: usize) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    let n = digits_at(b, i, max_int);
    if n == 0 || n > max_int {
        return None;
    }
    let mut end = i + n;
    let mut decimals = 0;
    if b.get(end) == Some(&b'.') {
        decimals = digits_at(b, end + 1, 12);
        if decimals == 0 || decimals > 12 {
            return None;
        }
        end += 1 + decimals;
    }
    Some((end, decimals))
}

/// The value of the number `t[from..to]` that [`number_at`] read.
fn parse_at(t: &str, from: usize, to: usize) -> Option<f64> {
    crate::decimal::parse(t.get(from..to)?)
}

/// `true` if a coordinate can start at `i`: digits then `.` and at least three decimals,
/// or digits then `°` (DMS).
fn coordinate_shape(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    let n = digits_at(b, i, 3);
    if n == 0 || n > 3 {
        return false;
    }
    match b.get(i + n) {
        Some(b'.') => digits_at(b, i + n + 1, 12) >= 3,
        _ => t.get(i + n..).is_some_and(|r| r.starts_with('°')),
    }
}

/// `i` moved past `s` if `t[i..]` starts with it. Compared byte by byte: this runs for
/// most words of a report, where a library `memcmp` call costs more than the compare.
fn skip(t: &str, i: usize, s: &str) -> usize {
    let (t, p) = (t.as_bytes(), s.as_bytes());
    let hit = p.iter().enumerate().all(|(k, c)| t.get(i + k) == Some(c));
    if hit { i + p.len() } else { i }
}

fn hemisphere(t: &str, i: usize) -> Option<(u8, usize)> {
    let j = skip(t, i, " ");
    let h = *t.as_bytes().get(j)?;
    (matches!(h, b'N' | b'S' | b'E' | b'W' | b'n' | b's' | b'e' | b'w') && right_ok(t, j + 1))
        .then_some((h.to_ascii_uppercase(), j + 1))
}

/// A decimal coordinate: optional sign, up to 3 integer digits, decimals, `°`, hemisphere.
fn decimal(t: &str, i: usize) -> Option<Coord> {
    let b = t.as_bytes();
    let (neg, i) = match b.get(i) {
        Some(b'-') => (true, i + 1),
        Some(b'+') => (false, i + 1),
        _ => (false, i),
    };
    let (to, decimals) = number_at(t, i, 3)?;
    let mut end = to;
    let deg = skip(t, end, "°");
    let marked = deg != end;
    end = deg;
    let hemi = hemisphere(t, end);
    if let Some((_, e)) = hemi {
        end = e;
    }
    Some(Coord {
        value: Value::Decimal {
            from: i,
            to,
            negative: neg,
        },
        end,
        decimals,
        hemi: hemi.map(|h| h.0),
        marked,
    })
}

/// A DMS coordinate `d°m'(s")?H`.
fn dms(t: &str, i: usize) -> Option<Coord> {
    let (de, 0) = number_at(t, i, 3)? else {
        return None;
    };
    let e = skip(t, de, "°");
    let e = skip(t, e, " ");
    let (me, 0) = number_at(t, e, 2)? else {
        return None;
    };
    let minutes = e;
    let e = me;
    let mut end = [("'"), ("′")]
        .iter()
        .map(|q| skip(t, e, q))
        .find(|&x| x != e)?;
    let mut seconds = None;
    let j = skip(t, end, " ");
    if let Some((se, _)) = number_at(t, j, 2) {
        let q = ["\"", "″", "''"]
            .iter()
            .map(|q| skip(t, se, q))
            .find(|&x| x != se)?;
        seconds = Some((j, se));
        end = q;
    }
    let (h, end) = hemisphere(t, end)?;
    // The shape is complete: now the numbers.
    let (d, m) = (parse_at(t, i, de)?, parse_at(t, minutes, me)?);
    let s = match seconds {
        Some((from, to)) => parse_at(t, from, to)?,
        None => 0.0,
    };
    if m >= 60.0 || s >= 60.0 {
        return None;
    }
    Some(Coord {
        value: Value::Degrees(d + m / 60.0 + s / 3600.0),
        end,
        decimals: 6,
        hemi: Some(h),
        marked: true,
    })
}

fn separator(t: &str, i: usize) -> usize {
    let j = skip(t, i, " ");
    let k = skip(t, j, ",");
    let k = if k == j { skip(t, j, ";") } else { k };
    skip(t, k, " ")
}

fn pair_ok(t: &str, lat: &Coord, lon: &Coord) -> bool {
    let hemi_ok = match (lat.hemi, lon.hemi) {
        (None, None) => true,
        (Some(a), Some(b)) => matches!(a, b'N' | b'S') && matches!(b, b'E' | b'W'),
        _ => false,
    };
    hemi_ok
        && lat.value.degrees(t).is_some_and(|v| v.abs() <= 90.0)
        && lon.value.degrees(t).is_some_and(|v| v.abs() <= 180.0)
}

/// Tries a coordinate pair whose first number starts at `s`.
pub(crate) fn at(text: &str, s: usize, out: &mut Sink<'_>) {
    let b = text.as_bytes();
    let start = if s >= 1 && matches!(b.get(s - 1), Some(b'-' | b'+')) {
        s - 1
    } else {
        s
    };
    // The shape first: most numbers are no coordinate, and it needs no decoding.
    let prev = || text.get(..start).and_then(|t| t.chars().next_back());
    if !coordinate_shape(text, s)
        || prev().is_some_and(|c| super::latin::alnum(c) || c == '.' || c == '-')
    {
        return;
    }
    if let Some(lat) = dms(text, start) {
        let j = separator(text, lat.end);
        if let Some(lon) = dms(text, j).filter(|lon| pair_ok(text, &lat, lon)) {
            emit(
                text,
                start,
                lon.end,
                Hit::new(E::GpsCoordinates, "gps", 0.85, 1.0).ctx(&GPS),
                out,
            );
        }
        return;
    }
    let Some(lat) = decimal(text, start) else {
        return;
    };
    let j = separator(text, lat.end);
    if j == lat.end {
        return;
    }
    let Some(lon) = decimal(text, j) else { return };
    if lat.decimals < 3
        || lon.decimals < 3
        || !right_ok(text, lon.end)
        || !pair_ok(text, &lat, &lon)
    {
        return;
    }
    let base = if lat.hemi.is_some() || (lat.marked && lon.marked) {
        0.75
    } else if lat.decimals >= 4 && lon.decimals >= 4 {
        0.45
    } else {
        0.3
    };
    emit(
        text,
        start,
        lon.end,
        Hit::new(E::GpsCoordinates, "gps", base, 0.9).ctx(&GPS),
        out,
    );
}
