//! The one pass over the text: segment candidates and anchor scanners feed every
//! pattern recognizer; the result is an unresolved candidate list.

use super::ENTITIES;
use super::finding::Finding;
use super::hit::Sink;
use super::{dob, gps, ids, mrz, net, phone, segment, tokens};

/// Appends every pattern-recognizer candidate of `text` scoring at least `min[entity]` to
/// `found` (overlaps unresolved). Context words are not looked for inside `mask`.
pub(crate) fn run(
    text: &str,
    min: [f32; ENTITIES],
    mask: &[(usize, usize)],
    found: &mut Vec<Finding>,
) {
    let bytes = text.as_bytes();
    let mut sink = Sink::new(min, mask);
    let out = &mut sink;
    // Where `www.` occurs, collected on the way (see `net::urls`).
    let mut www = Vec::new();
    for (s, e, bits) in segment::segments(text) {
        www.extend(net::www_at(bytes, s, e));
        segment::combos(text, s, e, bits, |c| {
            ids::visit(c, out);
            tokens::visit(c, out);
        });
        if bytes.get(s).is_some_and(u8::is_ascii_digit) {
            phone::at(text, s, out);
            gps::at(text, s, out);
            dob::at(text, s, e, out);
        } else if bytes.get(s).is_some_and(u8::is_ascii_alphabetic) {
            dob::month_first(text, s, e, out);
        }
    }
    net::emails(text, out);
    net::urls(text, &www, out);
    net::colon_runs(text, out);
    mrz::scan(text, out);
    found.append(&mut sink.findings);
}
