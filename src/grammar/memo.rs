//! Memoised productions (a packrat cache, kept small).
//!
//! The productions are ordered choices that often try the same lower production at the same
//! position: a number in digits is read by `fraction`, `collective` and `digit_number` in turn,
//! and `hedged`, `range_plain` and `amount` each read the amount after a hedge. A production
//! wrapped with [`memo`] computes its result once per position and returns a copy after that.
//!
//! The cache is keyed by the input slice's address and length, which only identifies the
//! input while the text it points into is alive and unchanged. So it answers only inside a
//! [`Scope`]: the scanner opens one over the prose it is scanning (borrowed, so immutable and
//! alive for the whole scope), and only slices lying inside that prose are cached. The caches
//! belong to one scan (they live in its [`Cx`](super::cx::Cx)), so nothing cached in an
//! earlier scan is ever returned. Outside a scope (unit tests calling a production directly)
//! every call computes.

use nom::IResult;
use nom::error::{Error, ErrorKind};
use std::cell::Cell;

/// Slots per production. A production is asked again about the position it just read (or the
/// one before), so two slots catch the repeats; more only make every probe longer (measured
/// with callgrind on the fixture corpus: 8 slots 527 M instructions, 4 516 M, 2 514 M).
const SLOTS: usize = 2;

/// The text whose slices a scan's caches may answer for: borrowed for the scope's life, so it
/// stays alive and unchanged while results keyed by its addresses are kept.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    /// Start address and length of the text; `None`: no scope, every call computes.
    text: Option<(usize, usize)>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Scope<'a> {
    /// A scope over `text`, which stays borrowed (and so unchanged) while the scope lives.
    pub fn new(text: &'a str) -> Scope<'a> {
        Scope {
            text: Some((text.as_ptr() as usize, text.len())),
            _text: std::marker::PhantomData,
        }
    }

    /// No scope: nothing is cached.
    pub fn none() -> Scope<'a> {
        Scope::default()
    }

    /// Whether the slice at `ptr` of `len` bytes lies inside the scope's text.
    fn holds(&self, ptr: usize, len: usize) -> bool {
        self.text.is_some_and(|(base, n)| {
            ptr >= base && ptr.checked_add(len).is_some_and(|e| e <= base + n)
        })
    }
}

/// The key of a cached result: the input's address and its length ((0, 0): an empty slot; no
/// slice has address 0).
type Key = (usize, usize);

/// A production's cache: a few slots reused round-robin. Keys and results are kept apart so
/// a lookup compares keys without copying results.
pub struct Cache<T: Copy> {
    keys: [Cell<Key>; SLOTS],
    /// Per slot: (bytes consumed, value), or `None` for a failure.
    results: [Cell<Option<(usize, T)>>; SLOTS],
    next: Cell<usize>,
}

impl<T: Copy> Cache<T> {
    /// An empty cache.
    pub const fn new() -> Cache<T> {
        Cache {
            keys: [const { Cell::new((0, 0)) }; SLOTS],
            results: [const { Cell::new(None) }; SLOTS],
            next: Cell::new(0),
        }
    }
}

impl<T: Copy> Default for Cache<T> {
    fn default() -> Self {
        Cache::new()
    }
}

/// Runs production `f` on `i`, or returns its cached result for the same input in `scope`.
/// Failures come back as a nom `Error` at `i` (the productions' callers only test for
/// failure).
pub fn memo<'a, T: Copy>(
    scope: &Scope<'_>,
    cache: &Cache<T>,
    i: &'a str,
    f: impl FnOnce(&'a str) -> IResult<&'a str, T>,
) -> IResult<&'a str, T> {
    let ptr = i.as_ptr() as usize;
    let len = i.len();
    if !scope.holds(ptr, len) {
        return f(i);
    }
    let key: Key = (ptr, len);
    let hit = cache
        .keys
        .iter()
        .position(|k| k.get() == key)
        .map(|k| cache.results[k].get());
    if let Some(result) = hit {
        return match result {
            Some((n, v)) => Ok((&i[n..], v)),
            None => Err(nom::Err::Error(Error::new(i, ErrorKind::Verify))),
        };
    }
    let r = f(i);
    let result = match &r {
        Ok((rest, v)) => Some((len - rest.len(), *v)),
        // A production that failed past recovery (`Failure`) is not cached: it is rare and
        // its error must propagate as it was.
        Err(nom::Err::Error(_)) => None,
        Err(_) => return r,
    };
    let k = cache.next.get();
    cache.keys[k].set(key);
    cache.results[k].set(result);
    cache.next.set((k + 1) % SLOTS);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::Parser;
    use nom::character::complete::digit1;

    /// A cache and a call counter, as a scan would hold them.
    struct Counted {
        calls: Cell<usize>,
        cache: Cache<usize>,
    }

    impl Counted {
        fn new() -> Counted {
            Counted {
                calls: Cell::new(0),
                cache: Cache::new(),
            }
        }

        fn digits<'a>(&self, scope: &Scope<'_>, i: &'a str) -> IResult<&'a str, usize> {
            memo(scope, &self.cache, i, |i| {
                self.calls.set(self.calls.get() + 1);
                digit1.map(str::len).parse(i)
            })
        }
    }

    #[test]
    fn caches_inside_a_scope_only() {
        let text = String::from("123 abc");
        let c = Counted::new();
        // Outside a scope: computed every time.
        let none = Scope::none();
        assert_eq!(c.digits(&none, &text).unwrap().1, 3);
        assert_eq!(c.digits(&none, &text).unwrap().1, 3);
        assert_eq!(c.calls.get(), 2);
        let s = Scope::new(&text);
        assert_eq!(c.digits(&s, &text).unwrap(), (" abc", 3));
        assert_eq!(c.digits(&s, &text).unwrap(), (" abc", 3));
        assert!(c.digits(&s, &text[4..]).is_err());
        assert!(c.digits(&s, &text[4..]).is_err());
        assert_eq!(c.calls.get(), 4);
        // A slice outside the scope's text is computed.
        let other = String::from("45");
        assert_eq!(c.digits(&s, &other).unwrap().1, 2);
        assert_eq!(c.calls.get(), 5);
        // A new scan (its own caches) over the same text does not see the old results.
        let fresh = Counted::new();
        assert_eq!(fresh.digits(&s, &text).unwrap().1, 3);
        assert_eq!(fresh.calls.get(), 1);
    }

    #[test]
    fn reused_address_with_new_text_is_recomputed() {
        let mut text = String::from("12 x");
        {
            let c = Counted::new();
            let s = Scope::new(&text);
            assert_eq!(c.digits(&s, &text).unwrap().1, 2);
        }
        text.replace_range(0..2, "ab");
        let c = Counted::new();
        let s = Scope::new(&text);
        assert!(c.digits(&s, &text).is_err());
    }
}
