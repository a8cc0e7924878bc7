//! Deny-list terms: caller-given words that are always findings, matched
//! case-insensitively at word boundaries by one linear-time multi-literal automaton.

use super::DenyTerm;
use super::entity::Entity;
use super::finding::Finding;
use super::segment::{left_ok, right_ok};
use crate::error::{Error, ErrorCode};

/// Most terms in one list.
pub const MAX_TERMS: usize = 10_000;
/// Longest term, in bytes.
pub const MAX_TERM_BYTES: usize = 256;
/// Most bytes of all terms of one list together.
pub const MAX_TERMS_TOTAL_BYTES: usize = 1 << 20;

/// Checks the documented limits of a term list.
pub(crate) fn check_limits<'a>(terms: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let (mut n, mut total) = (0usize, 0usize);
    for t in terms {
        n += 1;
        total += t.len();
        if t.len() > MAX_TERM_BYTES {
            return Err(Error::new(
                ErrorCode::PatternTooLarge,
                format!(
                    "expected terms of at most {MAX_TERM_BYTES} bytes, got one of {}",
                    t.len()
                ),
            ));
        }
    }
    if n > MAX_TERMS || total > MAX_TERMS_TOTAL_BYTES {
        return Err(Error::new(
            ErrorCode::PatternTooLarge,
            format!(
                "expected at most {MAX_TERMS} terms and {MAX_TERMS_TOTAL_BYTES} bytes, got {n} terms and {total} bytes"
            ),
        ));
    }
    Ok(())
}

/// The compiled deny-list.
#[derive(Clone, Debug)]
pub(crate) struct DenyMatcher {
    ac: Automaton,
    entities: Vec<Entity>,
}

/// The case-fold representative of `c`: two characters match case-insensitively exactly
/// when their representatives are equal. This is Unicode simple case folding, the
/// equivalence the deny- and policy term lists used when they were compiled as `(?i)`
/// regexes (regex-syntax), so `Jörg` matches `JÖRG`, `k` the Kelvin sign `K`, `s` the long
/// `ſ`, `ß` the capital `ẞ` and `σ` both `Σ` and `ς`; full folding (`ß` = `ss`) is not done.
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // Dotless ı folds to nothing outside Turkic rules (CaseFolding.txt), so it stays
        // apart from i/I although its uppercase is I.
        'ı' => c,
        // Pairs CaseFolding.txt joins by an `S` entry whose members have no simple case
        // mapping between them.
        '\u{0390}' => '\u{1FD3}',
        '\u{03B0}' => '\u{1FE3}',
        '\u{FB05}' => '\u{FB06}',
        _ => {
            // The lowercase of the uppercase, each kept only when it is one character:
            // `ſ` → `S` → `s`, `ς` → `Σ` → `σ`, `ẞ` → `ß`; `ß` (uppercase `SS`) stays.
            let up = single(c.to_uppercase()).unwrap_or(c);
            single(up.to_lowercase()).unwrap_or(up)
        }
    }
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// ASCII whitespace (`char::is_whitespace` on the ASCII range).
fn is_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Folds a term like [`Folded::new`] folds a text.
pub(crate) fn fold_term(term: &str, collapse_space: bool) -> String {
    Folded::new(term, collapse_space).text
}

/// A text with every character replaced by [`fold_char`] (and, when asked, every run of
/// whitespace by one space), searched instead of the original, plus what is needed to map a
/// folded offset back: folding is linear and the map costs nothing while every character
/// keeps its UTF-8 length, which is the common case.
pub(crate) struct Folded {
    /// The folded text.
    pub(crate) text: String,
    /// `(folded offset, original offset)` after every chunk whose length changed; starts
    /// with `(0, 0)`, increasing in both.
    breaks: Vec<(usize, usize)>,
}

impl Folded {
    /// Folds `text`; `collapse_space` turns each run of whitespace into one space.
    pub(crate) fn new(text: &str, collapse_space: bool) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut breaks = vec![(0, 0)];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of ASCII bytes that fold to one byte each (a lone space
            // between words stays as it is).
            let run = i;
            while let Some(&b) = bytes.get(i) {
                let collapses = collapse_space
                    && is_space(b)
                    && !(b == b' '
                        && bytes
                            .get(i + 1)
                            .is_some_and(|&n| n.is_ascii() && !is_space(n)));
                if !b.is_ascii() || collapses {
                    break;
                }
                i += 1;
            }
            if i > run {
                let len = out.len();
                out.push_str(text.get(run..i).unwrap_or(""));
                if let Some(t) = out.get_mut(len..) {
                    t.make_ascii_lowercase();
                }
                continue;
            }
            // One non-ASCII character, or a run of whitespace to collapse.
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            let mut end = i + c.len_utf8();
            if collapse_space && c.is_whitespace() {
                while let Some(d) = text
                    .get(end..)
                    .and_then(|t| t.chars().next())
                    .filter(|d| d.is_whitespace())
                {
                    end += d.len_utf8();
                }
                out.push(' ');
            } else {
                out.push(fold_char(c));
            }
            let (f, o) = breaks.last().copied().unwrap_or((0, 0));
            if out.len() - f != end - o {
                breaks.push((out.len(), end));
            }
            i = end;
        }
        Folded { text: out, breaks }
    }

    /// The original offset of folded offset `at` (a character boundary of the folded text).
    pub(crate) fn original(&self, at: usize) -> usize {
        let k = self.breaks.partition_point(|b| b.0 <= at);
        let (f, o) = k
            .checked_sub(1)
            .and_then(|k| self.breaks.get(k))
            .copied()
            .unwrap_or((0, 0));
        o + (at - f)
    }
}

/// Index of the dead state: the search stops there.
const DEAD: u32 = 0;
/// Index of the start state.
const ROOT: u32 = 1;
/// No pattern ends at this state.
const NONE: u32 = u32::MAX;

/// A leftmost-first Aho-Corasick automaton over byte strings (the construction of the
/// `aho-corasick` crate's NFA, about 150 lines instead of ~50 KB of wasm): a search is linear
/// in the text whatever the terms, and at a given start the earliest-listed term wins, as
/// in a regex alternation.
#[derive(Clone, Debug)]
pub(crate) struct Automaton {
    /// Transitions out of the start state, dense (the start state loops to itself).
    root: Vec<u32>,
    states: Vec<State>,
    /// Sparse transitions, one linked list per state.
    edges: Vec<Edge>,
    /// Byte length of each pattern, to find where a match starts.
    lens: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
struct State {
    /// First edge (index + 1; 0 = none).
    first: u32,
    fail: u32,
    /// The pattern reported when the search is in this state, or `NONE`.
    pattern: u32,
}

#[derive(Clone, Copy, Debug)]
struct Edge {
    byte: u8,
    next: u32,
    /// Next edge of the same state (index + 1; 0 = none).
    sibling: u32,
}

fn too_large() -> Error {
    Error::new(
        ErrorCode::PatternTooLarge,
        "the term list cannot be compiled within the size limit",
    )
}

impl Automaton {
    /// Compiles `patterns` (pattern id = index). Empty patterns never match.
    pub(crate) fn new(patterns: &[String]) -> Result<Automaton, Error> {
        let blank = State {
            first: 0,
            fail: DEAD,
            pattern: NONE,
        };
        let mut a = Automaton {
            root: Vec::new(),
            states: vec![blank, blank],
            edges: Vec::new(),
            lens: patterns.iter().map(String::len).collect(),
        };
        'patterns: for (pid, pat) in patterns.iter().enumerate() {
            let pid = u32::try_from(pid).map_err(|_| too_large())?;
            if pat.is_empty() {
                continue;
            }
            let mut s = ROOT;
            for &b in pat.as_bytes() {
                // Leftmost-first: once an earlier term is a prefix of this one, that term
                // always wins at the same start, so this one can never match.
                if a.state(s).pattern != NONE {
                    continue 'patterns;
                }
                s = match a.child(s, b) {
                    Some(n) => n,
                    None => a.add_child(s, b)?,
                };
            }
            if let Some(st) = a.states.get_mut(s as usize)
                && st.pattern == NONE
            {
                st.pattern = pid;
            }
        }
        // Failure links, breadth first. A state where a term ends fails to DEAD: after a
        // match, the search only goes on to extend it, never to start a later one.
        let mut queue = std::collections::VecDeque::new();
        for (_, next) in a.children(ROOT) {
            let fail = if a.state(next).pattern == NONE {
                ROOT
            } else {
                DEAD
            };
            a.set(next, |st| st.fail = fail);
            queue.push_back(next);
        }
        while let Some(id) = queue.pop_front() {
            for (byte, next) in a.children(id) {
                queue.push_back(next);
                if a.state(next).pattern != NONE {
                    a.set(next, |st| st.fail = DEAD);
                    continue;
                }
                let mut f = a.state(id).fail;
                let target = loop {
                    if f == DEAD {
                        break DEAD;
                    }
                    if let Some(n) = a.child(f, byte) {
                        break n;
                    }
                    if f == ROOT {
                        break ROOT;
                    }
                    f = a.state(f).fail;
                };
                let inherited = a.state(target).pattern;
                a.set(next, |st| {
                    st.fail = target;
                    st.pattern = inherited;
                });
            }
        }
        a.root = (0..=255u8)
            .map(|b| a.child(ROOT, b).unwrap_or(ROOT))
            .collect();
        Ok(a)
    }

    fn state(&self, s: u32) -> State {
        self.states.get(s as usize).copied().unwrap_or(State {
            first: 0,
            fail: DEAD,
            pattern: NONE,
        })
    }

    fn set(&mut self, s: u32, f: impl FnOnce(&mut State)) {
        if let Some(st) = self.states.get_mut(s as usize) {
            f(st);
        }
    }

    fn children(&self, s: u32) -> Vec<(u8, u32)> {
        let mut out = Vec::new();
        let mut e = self.state(s).first;
        while let Some(edge) = e.checked_sub(1).and_then(|i| self.edges.get(i as usize)) {
            out.push((edge.byte, edge.next));
            e = edge.sibling;
        }
        out
    }

    fn child(&self, s: u32, byte: u8) -> Option<u32> {
        let mut e = self.state(s).first;
        while let Some(edge) = e.checked_sub(1).and_then(|i| self.edges.get(i as usize)) {
            if edge.byte == byte {
                return Some(edge.next);
            }
            e = edge.sibling;
        }
        None
    }

    fn add_child(&mut self, s: u32, byte: u8) -> Result<u32, Error> {
        let next = u32::try_from(self.states.len()).map_err(|_| too_large())?;
        let edge = u32::try_from(self.edges.len() + 1).map_err(|_| too_large())?;
        self.states.push(State {
            first: 0,
            fail: DEAD,
            pattern: NONE,
        });
        let sibling = self.state(s).first;
        self.edges.push(Edge {
            byte,
            next,
            sibling,
        });
        self.set(s, |st| st.first = edge);
        Ok(next)
    }

    /// The leftmost-first match in `hay[from..]`: `(pattern, start, end)`. The scan stops at
    /// the end of the match (plus at most one term's length), or at the end of `hay`.
    pub(crate) fn find(&self, hay: &[u8], from: usize) -> Option<(usize, usize, usize)> {
        let mut s = ROOT;
        let mut found = None;
        let mut i = from;
        while i < hay.len() {
            if s == ROOT {
                // Most bytes start no term: skip them without the state machinery (no
                // match is pending in the start state).
                let starts = |b: &u8| self.root.get(usize::from(*b)).is_some_and(|&n| n != ROOT);
                let Some(k) = hay.get(i..).and_then(|t| t.iter().position(starts)) else {
                    break;
                };
                i += k;
            }
            let Some(&b) = hay.get(i) else {
                break;
            };
            s = self.next(s, b);
            i += 1;
            if s == DEAD {
                break;
            }
            let p = self.state(s).pattern;
            if p != NONE {
                found = Some((p as usize, i));
            }
        }
        let (p, end) = found?;
        let len = self.lens.get(p).copied().unwrap_or(0);
        Some((p, end.saturating_sub(len), end))
    }

    /// The patterns that match `hay` from exactly `start`, as `(pattern, end)`, longest
    /// first: a walk down the trie (no failure links), so at most one step per byte of the
    /// longest pattern.
    pub(crate) fn matches_at(&self, hay: &[u8], start: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut s = ROOT;
        for (depth, &b) in hay.get(start..).unwrap_or_default().iter().enumerate() {
            let Some(n) = self.child(s, b) else { break };
            s = n;
            let p = self.state(s).pattern;
            // A state's pattern may be inherited through its failure link (a suffix match
            // that starts later): only a pattern as long as the walk starts at `start`.
            if p != NONE && self.lens.get(p as usize) == Some(&(depth + 1)) {
                out.push((p as usize, start + depth + 1));
            }
        }
        out.reverse();
        out
    }

    /// The leftmost match at or after `pos` in the folded text that is a whole word of the
    /// original `text` — at that start the longest term that is one, so a term that is a
    /// prefix of another (`123ME`, `123MEI 3`) is still found where the longer one is not a
    /// whole word. Returns `(pattern, start, end)` in `text`'s offsets and the folded end.
    pub(crate) fn find_whole_word(
        &self,
        folded: &Folded,
        text: &str,
        mut pos: usize,
    ) -> Option<(usize, usize, usize, usize)> {
        let hay = folded.text.as_bytes();
        let whole =
            |start: usize, end: usize| start < end && left_ok(text, start) && right_ok(text, end);
        while pos <= hay.len() {
            let (pid, m_start, m_end) = self.find(hay, pos)?;
            let (start, end) = (folded.original(m_start), folded.original(m_end));
            if whole(start, end) {
                return Some((pid, start, end, m_end));
            }
            if let Some((q, q_end)) = self
                .matches_at(hay, m_start)
                .into_iter()
                .find(|&(q, e)| q != pid && whole(start, folded.original(e)))
            {
                return Some((q, start, folded.original(q_end), q_end));
            }
            // No whole word starts here: retry one character further on.
            let step = folded
                .text
                .get(m_start..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
            pos = m_start + step;
        }
        None
    }

    /// The state after `byte` (following failure links; amortised O(1)).
    fn next(&self, mut s: u32, byte: u8) -> u32 {
        loop {
            if s == ROOT {
                return self.root.get(usize::from(byte)).copied().unwrap_or(ROOT);
            }
            if s == DEAD {
                return DEAD;
            }
            if let Some(n) = self.child(s, byte) {
                return n;
            }
            s = self.state(s).fail;
        }
    }
}

impl DenyMatcher {
    /// Compiles the terms (longest first, so `John Smith` wins over `John`).
    pub(crate) fn new(list: &[DenyTerm]) -> Result<Self, Error> {
        check_limits(list.iter().map(|t| t.term.as_str()))?;
        let mut terms: Vec<(String, Entity)> = list
            .iter()
            .map(|t| (t.term.trim().to_string(), t.entity))
            .collect();
        if terms.iter().any(|(t, _)| t.is_empty()) {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "expected non-empty deny-list terms",
            ));
        }
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let folded: Vec<String> = terms.iter().map(|(t, _)| fold_term(t, false)).collect();
        Ok(DenyMatcher {
            ac: Automaton::new(&folded)?,
            entities: terms.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// Appends a finding for every whole-word occurrence of a term (non-overlapping,
    /// leftmost, the longest whole-word term at a start).
    pub(crate) fn find(&self, text: &str, out: &mut Vec<Finding>) {
        let folded = Folded::new(text, false);
        let mut pos = 0;
        while let Some((pid, start, end, folded_end)) = self.ac.find_whole_word(&folded, text, pos)
        {
            pos = folded_end.max(pos + 1);
            let Some(&entity) = self.entities.get(pid) else {
                continue;
            };
            out.push(Finding {
                entity,
                start,
                end,
                score: 1.0,
                recognizer: "deny_list",
                reason: "deny_list".to_string(),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn deny(terms: &[&str]) -> DenyMatcher {
        let list: Vec<DenyTerm> = terms
            .iter()
            .map(|t| DenyTerm {
                term: (*t).to_owned(),
                entity: Entity::Person,
            })
            .collect();
        DenyMatcher::new(&list).unwrap()
    }

    fn spans(m: &DenyMatcher, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        m.find(text, &mut out);
        out.iter()
            .map(|f| text[f.start..f.end].to_owned())
            .collect()
    }

    #[test]
    fn simple_case_folding_classes() {
        // Each group is one class of Unicode simple case folding (as regex-syntax has it).
        for group in [
            "kK\u{212A}",
            "sS\u{17F}",
            "ß\u{1E9E}",
            "σΣς",
            "θΘϑϴ",
            "ǆǅǄ",
            "\u{390}\u{1FD3}",
            "\u{FB05}\u{FB06}",
            "öÖ",
        ] {
            let f: Vec<char> = group.chars().map(fold_char).collect();
            assert!(f.iter().all(|&c| c == f[0]), "{group}: {f:?}");
        }
        // Not folded together: dotless ı and i, ß and ss, dotted İ and i.
        assert_ne!(fold_char('ı'), fold_char('i'));
        assert_ne!(fold_char('İ'), fold_char('i'));
        assert_eq!(fold_term("Straße", false), "straße");
    }

    #[test]
    fn offsets_map_back_across_length_changes() {
        // The Kelvin sign is 3 bytes, its fold `k` one; whitespace runs collapse.
        let text = "a \u{212A}arl \t\n Müller x";
        let f = Folded::new(text, true);
        assert_eq!(f.text, "a karl müller x");
        let at = f.text.find("müller").unwrap();
        assert_eq!(
            &text[f.original(at)..f.original(at + "müller".len())],
            "Müller"
        );
        assert_eq!(f.original(f.text.len()), text.len());
        assert_eq!(f.original(0), 0);
    }

    #[test]
    fn deny_terms_match_folded_whole_words() {
        let m = deny(&["Jörg", "John Smith", "John"]);
        assert_eq!(
            spans(&m, "JÖRG met JOHN SMITH, john and Johnny"),
            ["JÖRG", "JOHN SMITH", "john"]
        );
        // A literal space in a deny term matches a space only.
        assert_eq!(spans(&m, "John  Smith"), ["John"]);
        // Where the longer term is no whole word, the shorter one at the same start is.
        assert_eq!(spans(&m, "John Smithson"), ["John"]);
        // Metacharacters are plain characters.
        let m = deny(&["a.b", "(x)"]);
        assert_eq!(spans(&m, "axb a.b (x)"), ["a.b", "(x)"]);
        // The Kelvin sign before a term shifts every later offset by two bytes.
        let m = deny(&["karl"]);
        assert_eq!(
            spans(&m, "\u{212A}ARL \u{212A}arl"),
            ["\u{212A}ARL", "\u{212A}arl"]
        );
    }

    #[test]
    fn automaton_is_leftmost_first() {
        let a = |pats: &[&str]| {
            let pats: Vec<String> = pats.iter().map(|p| (*p).to_owned()).collect();
            Automaton::new(&pats).unwrap()
        };
        // Leftmost wins over longer; a one-byte match is not overtaken by a later one.
        assert_eq!(a(&["a", "bcd"]).find(b"xa bcd", 0), Some((0, 1, 2)));
        assert_eq!(a(&["abcd", "bc"]).find(b"abcx", 0), Some((1, 1, 3)));
        assert_eq!(a(&["abcd", "b"]).find(b"abcd", 0), Some((0, 0, 4)));
        // At one start the earlier term wins, even if shorter; a term with an earlier
        // term as prefix never matches.
        assert_eq!(a(&["ab", "abc"]).find(b"abc", 0), Some((0, 0, 2)));
        assert_eq!(a(&["abc", "ab"]).find(b"abc", 0), Some((0, 0, 3)));
        assert_eq!(a(&["abc", "ab"]).find(b"abx", 0), Some((1, 0, 2)));
        // `from` is honoured; empty terms and empty haystacks find nothing.
        assert_eq!(a(&["ab"]).find(b"ab ab", 1), Some((0, 3, 5)));
        assert_eq!(a(&["", "x"]).find(b"ax", 0), Some((1, 1, 2)));
        assert_eq!(a(&["x"]).find(b"", 0), None);
        assert_eq!(a(&["x"]).find(b"x", 5), None);
    }
}
