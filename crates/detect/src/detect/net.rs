//! Network identifiers found from their anchor characters: EMAIL (`@`), URL (`://`,
//! `www.`), and IPv6 / colon-separated MAC addresses (runs of hex digits and `:`).
//!
//! Each scanner expands left and right from an anchor over a bounded character class and
//! resumes after the expanded run, so every byte is looked at a bounded number of times
//! (no quadratic rescans on `@@@@`, `::::` or `http://http://…`).

use super::context::{EMAIL, NET_IP, NET_MAC};
use super::entity::Entity as E;
use super::hit::{Hit, Sink, emit};
use super::segment::{left_ok, right_ok};
use std::net::Ipv6Addr;

const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 253;

fn local_char(c: char) -> bool {
    super::latin::alnum(c) || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn domain_char(c: char) -> bool {
    super::latin::alnum(c) || matches!(c, '.' | '-')
}

/// EMAIL: `local@domain.tld`, RFC 5321 length limits, a dotted domain whose last label has
/// at least two letters (so `npm@1.2.3` and `user@localhost` are not addresses).
pub(crate) fn emails(text: &str, out: &mut Sink<'_>) {
    for at in memchr::memchr_iter(b'@', text.as_bytes()) {
        let (Some(before), Some(after)) = (text.get(..at), text.get(at + 1..)) else {
            continue;
        };
        // Cheapest test first: a domain needs a dot before the next character that cannot
        // be in one (`a@a@a@…` is rejected here, with no look back and no label checks).
        let dotted = after
            .bytes()
            .take(MAX_DOMAIN + 1)
            .take_while(|&b| !b.is_ascii() || domain_char(char::from(b)))
            .any(|b| b == b'.');
        if !dotted {
            continue;
        }
        let mut start = at;
        let mut n = 0;
        for c in before.chars().rev() {
            if !local_char(c) {
                break;
            }
            n += 1;
            start -= c.len_utf8();
            if n > MAX_LOCAL {
                break;
            }
        }
        if n == 0 || n > MAX_LOCAL {
            continue;
        }
        // The local part may not start with a dot; trim leading punctuation.
        while let Some(c) = text.get(start..at).and_then(|l| l.chars().next()) {
            if super::latin::alnum(c) {
                break;
            }
            start += c.len_utf8();
        }
        let mut len = 0;
        for c in after.chars() {
            if !domain_char(c) || len > MAX_DOMAIN {
                break;
            }
            len += c.len_utf8();
        }
        let Some(mut domain) = after.get(..len) else {
            continue;
        };
        domain = domain.trim_end_matches(['.', '-']);
        let end = at + 1 + domain.len();
        let labels_ok = domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| t.chars().count() >= 2 && t.chars().all(char::is_alphabetic));
        let local = text.get(start..at).unwrap_or_default();
        if start < at
            && domain.contains('.')
            && labels_ok
            && tld_ok
            && len <= MAX_DOMAIN
            && !local.ends_with('.')
            && !local.contains("..")
            && right_ok(text, end)
        {
            emit(
                text,
                start,
                end,
                Hit::new(E::Email, "email", 0.95, 1.0).ctx(&EMAIL),
                out,
            );
        }
    }
}

const SCHEMES: &[&str] = &[
    "http", "https", "ftp", "ftps", "sftp", "ws", "wss", "ssh", "git", "smb", "rtsp", "irc",
    "ldap", "ldaps", "telnet", "file", "hxxp", "hxxps",
];

fn url_char(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
}

/// The end of a URL body starting at `from`: up to whitespace, minus trailing punctuation
/// (a `)` is kept only if the body opened one).
fn url_end(text: &str, from: usize) -> usize {
    let body_len: usize = text.get(from..).map_or(0, |r| {
        r.chars()
            .take_while(|&c| url_char(c))
            .map(char::len_utf8)
            .sum()
    });
    let mut end = from + body_len;
    // The body's parentheses, counted once: cutting a `)` lowers `close`, and `(` is never
    // cut. (Counting them again at each cut made a URL followed by a run of `)` quadratic:
    // 40 KB of them took seconds.)
    let body = text.get(from..end).unwrap_or_default().as_bytes();
    let open = body.iter().filter(|&&b| b == b'(').count();
    let mut close = body.iter().filter(|&&b| b == b')').count();
    while let Some(c) = text.get(from..end).and_then(|b| b.chars().next_back()) {
        let keep_paren = c == ')' && open >= close;
        if !matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'' | '"' | '*'
        ) || keep_paren
        {
            break;
        }
        if c == ')' {
            close = close.saturating_sub(1);
        }
        end -= c.len_utf8();
    }
    end
}

/// `true` if the host part (after any `user@`) looks like a real host.
fn host_ok(rest: &str) -> bool {
    let auth = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = auth.rsplit('@').next().unwrap_or_default();
    let host = if host.starts_with('[') {
        host
    } else {
        host.split(':').next().unwrap_or_default()
    };
    host.starts_with('[')
        || host.eq_ignore_ascii_case("localhost")
        || (host.contains('.')
            && host
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-')))
}

/// The first occurrence of `needle` at or after `pos`, found through its byte `key` (at
/// `needle[at]`, an ASCII byte that is rarer in text than the needle's first): a `memchr`
/// (simd128 in wasm), where `str::find` with a string pattern runs the Two-Way algorithm over
/// every byte (measured: 3–4 % of all detection time on report text, for two needles).
fn find_after(text: &str, pos: usize, key: u8, needle: &[u8], at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // `from` stays on a `char` boundary: `pos`, then one past the ASCII `key`.
    let mut from = pos;
    loop {
        let k = from + memchr::memchr(key, text.as_bytes().get(from..)?)?;
        if let Some(start) = k.checked_sub(at).filter(|&s| s >= pos)
            && bytes.get(start..start + needle.len()) == Some(needle)
        {
            return Some(start);
        }
        from = k + 1;
    }
}

/// Where `www.` occurs at the end of the ASCII alphanumeric run `bytes[s..e]`, if it does.
pub(crate) fn www_at(bytes: &[u8], s: usize, e: usize) -> Option<usize> {
    let at = e.checked_sub(3).filter(|&at| at >= s)?;
    (bytes.get(e) == Some(&b'.') && bytes.get(at..e) == Some(b"www")).then_some(at)
}

/// URL: a known scheme followed by `://` and a host, or a bare `www.` host. `www`: every
/// offset where `www.` occurs, in order. The segment scan collects them: `www` is
/// alphanumeric and `.` is not, so each occurrence ends an ASCII alphanumeric run, and the
/// scan sees every run; searching the text for `.` instead stopped at every sentence end.
pub(crate) fn urls(text: &str, www: &[usize], out: &mut Sink<'_>) {
    let mut pos = 0;
    while let Some(i) = find_after(text, pos, b':', b"://", 0) {
        let before = text.get(..i).unwrap_or_default();
        let scheme_len = before
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphabetic)
            .count()
            .min(8);
        let start = i - scheme_len;
        let scheme = before.get(start..).unwrap_or_default().to_ascii_lowercase();
        let end = url_end(text, i + 3);
        let rest = text.get(i + 3..end).unwrap_or_default();
        if SCHEMES.contains(&scheme.as_str()) && left_ok(text, start) && host_ok(rest) {
            emit(text, start, end, Hit::new(E::Url, "url", 0.75, 0.9), out);
        }
        pos = end.max(i + 3);
    }
    let mut pos = 0;
    for &i in www {
        if i < pos {
            continue;
        }
        let end = url_end(text, i);
        let prev = text.get(..i).and_then(|t| t.chars().next_back());
        let free =
            prev.is_none_or(|c| !(super::latin::alnum(c) || matches!(c, '/' | '.' | '@' | ':')));
        if free
            && host_ok(text.get(i..end).unwrap_or_default())
            && text.get(i + 4..end).is_some_and(|h| h.contains('.'))
        {
            emit(text, i, end, Hit::new(E::Url, "url", 0.65, 0.85), out);
        }
        pos = end.max(i + 4);
    }
}

/// IPv6 (parsed by `std::net`) and `aa:bb:cc:dd:ee:ff` MAC addresses: maximal runs of hex
/// digits, `:` and `.` that contain a colon, at most 45 bytes (the longest IPv6 text form).
pub(crate) fn colon_runs(text: &str, out: &mut Sink<'_>) {
    let bytes = text.as_bytes();
    let is_run = |b: &u8| b.is_ascii_hexdigit() || *b == b':' || *b == b'.';
    let mut pos = 0;
    // `pos` stays on a `char` boundary (one past a colon or an ASCII run).
    while let Some(colon) = bytes
        .get(pos..)
        .and_then(|r| memchr::memchr(b':', r))
        .map(|i| i + pos)
    {
        let start = colon
            - bytes
                .get(..colon)
                .map_or(0, |r| r.iter().rev().take_while(|b| is_run(b)).count());
        let run_end = colon
            + bytes
                .get(colon..)
                .map_or(0, |r| r.iter().take_while(|b| is_run(b)).count());
        pos = run_end.max(colon + 1);
        // A sentence may end right after an address.
        let mut end = run_end;
        while end > start && bytes.get(end - 1) == Some(&b'.') {
            end -= 1;
        }
        let Some(run) = text.get(start..end) else {
            continue;
        };
        // Both forms have two colons or more (`::` is the shortest IPv6 address): a time
        // of day (`14:30`) is left before the look-arounds and the parse.
        if run.len() > 45
            || run.bytes().filter(|&b| b == b':').nth(1).is_none()
            || !left_ok(text, start)
            || !right_ok(text, end)
        {
            continue;
        }
        if is_colon_mac(run) {
            emit(
                text,
                start,
                end,
                Hit::new(E::MacAddress, "mac_address", 0.8, 0.95).ctx(&NET_MAC),
                out,
            );
        } else if run.parse::<Ipv6Addr>().is_ok()
            && run.split(':').filter(|g| !g.is_empty()).count() >= 2
        {
            emit(
                text,
                start,
                end,
                Hit::new(E::IpAddress, "ip_address", 0.75, 0.9).ctx(&NET_IP),
                out,
            );
        }
    }
}

fn is_colon_mac(run: &str) -> bool {
    let groups: Vec<&str> = run.split(':').collect();
    let lower = run.bytes().any(|b| b.is_ascii_lowercase());
    let upper = run.bytes().any(|b| b.is_ascii_uppercase());
    groups.len() == 6
        && !(lower && upper)
        && groups
            .iter()
            .all(|g| g.len() == 2 && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::{Ipv6Addr, find_after, is_colon_mac, www_at};

    #[test]
    fn fewer_than_two_colons_is_neither_ipv6_nor_mac() {
        // Every run of up to seven characters of hex digits, colons and dots (what
        // `colon_runs` reads) with one colon or none.
        let alphabet = ['0', 'f', 'F', ':', '.'];
        let mut runs = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> = runs
                .iter()
                .flat_map(|r| alphabet.iter().map(move |c| format!("{r}{c}")))
                .collect();
            for run in &longer {
                if run.matches(':').count() < 2 {
                    assert!(run.parse::<Ipv6Addr>().is_err(), "{run}");
                    assert!(!is_colon_mac(run), "{run}");
                }
            }
            runs = longer;
        }
        assert!("::".parse::<Ipv6Addr>().is_ok());
    }

    #[test]
    fn www_at_the_ends_of_runs_is_every_occurrence() {
        let texts = [
            "see www.example.org, xwww.a-www.example.com and wwww.x.y",
            "éwww.x.com www.www.example.com WWW.example.com www",
            "www.",
            "ww.w.www.",
            "",
        ];
        for t in texts {
            let found: Vec<usize> = crate::detect::segment::segments(t)
                .filter_map(|(s, e, _)| www_at(t.as_bytes(), s, e))
                .collect();
            let want: Vec<usize> = t.match_indices("www.").map(|(i, _)| i).collect();
            assert_eq!(found, want, "{t:?}");
        }
    }

    #[test]
    fn find_after_is_str_find() {
        let texts = [
            "see www.example.org and http://a.b/c, ftp://x.y",
            "é.www.éé://wwwé.www.:// ://www.",
            "ww.w.www",
            "",
            ":::////www..www.",
        ];
        for t in texts {
            for (needle, key, at) in [("://", b':', 0), ("www.", b'.', 3)] {
                for pos in (0..=t.len()).filter(|&p| t.is_char_boundary(p)) {
                    let want = t[pos..].find(needle).map(|i| i + pos);
                    assert_eq!(
                        find_after(t, pos, key, needle.as_bytes(), at),
                        want,
                        "{t:?} {needle} {pos}"
                    );
                }
            }
        }
    }
}
