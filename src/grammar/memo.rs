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
//! alive for the whole scope), and only slices lying inside that prose are cached. Each scope
//! has its own generation, so nothing cached in an earlier scope is ever returned. Outside a
//! scope (unit tests calling a production directly) every call computes.

use nom::IResult;
use nom::error::{Error, ErrorKind};
use std::cell::Cell;
use std::thread::LocalKey;

/// Slots per production. A production is asked again about the position it just read (or the
/// one before), so two slots catch the repeats; more only make every probe longer (measured
/// with callgrind on the fixture corpus: 8 slots 527 M instructions, 4 516 M, 2 514 M).
const SLOTS: usize = 2;

#[derive(Clone, Copy)]
struct ScopeState {
    base: usize,
    len: usize,
    generation: u64,
}

thread_local! {
    static SCOPE: Cell<Option<ScopeState>> = const { Cell::new(None) };
    static NEXT_GENERATION: Cell<u64> = const { Cell::new(1) };
}

/// While alive, productions wrapped in [`memo`] cache their results for inputs inside `text`.
/// Scopes nest; dropping one restores the enclosing scope (with a fresh generation, so the
/// inner scope's results are not reused).
pub struct Scope<'a> {
    previous: Option<ScopeState>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Scope<'a> {
    /// Opens a scope over `text`, which stays borrowed (and so unchanged) until the scope ends.
    pub fn new(text: &'a str) -> Scope<'a> {
        let generation = NEXT_GENERATION.with(|g| {
            let n = g.get();
            g.set(n + 1);
            n
        });
        let previous = SCOPE.with(|s| {
            s.replace(Some(ScopeState {
                base: text.as_ptr() as usize,
                len: text.len(),
                generation,
            }))
        });
        Scope {
            previous,
            _text: std::marker::PhantomData,
        }
    }
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        let restored = self.previous.map(|mut p| {
            p.generation = NEXT_GENERATION.with(|g| {
                let n = g.get();
                g.set(n + 1);
                n
            });
            p
        });
        SCOPE.with(|s| s.set(restored));
    }
}

/// The key of a cached result: the generation it belongs to (0: an empty slot; generations
/// start at 1), the input's address and its length.
type Key = (u64, usize, usize);

/// A production's cache: a few slots reused round-robin. Keys and results are kept apart so
/// a lookup compares keys without copying results.
pub struct Cache<T: Copy + 'static> {
    keys: [Cell<Key>; SLOTS],
    /// Per slot: (bytes consumed, value), or `None` for a failure.
    results: [Cell<Option<(usize, T)>>; SLOTS],
    next: Cell<usize>,
}

impl<T: Copy + 'static> Cache<T> {
    /// An empty cache (for a `thread_local!`).
    pub const fn new() -> Cache<T> {
        Cache {
            keys: [const { Cell::new((0, 0, 0)) }; SLOTS],
            results: [const { Cell::new(None) }; SLOTS],
            next: Cell::new(0),
        }
    }
}

impl<T: Copy + 'static> Default for Cache<T> {
    fn default() -> Self {
        Cache::new()
    }
}

/// Runs production `f` on `i`, or returns its cached result for the same input in the
/// current scope. Failures come back as a nom `Error` at `i` (the productions' callers only
/// test for failure).
pub fn memo<'a, T: Copy + 'static>(
    cache: &'static LocalKey<Cache<T>>,
    i: &'a str,
    f: impl FnOnce(&'a str) -> IResult<&'a str, T>,
) -> IResult<&'a str, T> {
    let ptr = i.as_ptr() as usize;
    let len = i.len();
    let Some(scope) = SCOPE
        .with(Cell::get)
        .filter(|s| ptr >= s.base && ptr.checked_add(len).is_some_and(|e| e <= s.base + s.len))
    else {
        return f(i);
    };
    let key: Key = (scope.generation, ptr, len);
    let hit = cache.with(|c| {
        c.keys
            .iter()
            .position(|k| k.get() == key)
            .map(|k| c.results[k].get())
    });
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
    cache.with(|c| {
        let k = c.next.get();
        c.keys[k].set(key);
        c.results[k].set(result);
        c.next.set((k + 1) % SLOTS);
    });
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::Parser;
    use nom::character::complete::digit1;

    thread_local! {
        static CALLS: Cell<usize> = const { Cell::new(0) };
        static DIGITS: Cache<usize> = const { Cache::new() };
    }

    fn counted(i: &str) -> IResult<&str, usize> {
        CALLS.with(|c| c.set(c.get() + 1));
        digit1.map(str::len).parse(i)
    }

    fn digits(i: &str) -> IResult<&str, usize> {
        memo(&DIGITS, i, counted)
    }

    fn calls() -> usize {
        CALLS.with(Cell::get)
    }

    #[test]
    fn caches_inside_a_scope_only() {
        let text = String::from("123 abc");
        let before = calls();
        // Outside a scope: computed every time.
        assert_eq!(digits(&text).unwrap().1, 3);
        assert_eq!(digits(&text).unwrap().1, 3);
        assert_eq!(calls(), before + 2);
        {
            let _s = Scope::new(&text);
            assert_eq!(digits(&text).unwrap(), (" abc", 3));
            assert_eq!(digits(&text).unwrap(), (" abc", 3));
            assert!(digits(&text[4..]).is_err());
            assert!(digits(&text[4..]).is_err());
            assert_eq!(calls(), before + 4);
            // A slice outside the scope's text is computed.
            let other = String::from("45");
            assert_eq!(digits(&other).unwrap().1, 2);
            assert_eq!(calls(), before + 5);
        }
        // A new scope over the same address does not see the old results.
        let _s = Scope::new(&text);
        assert_eq!(digits(&text).unwrap().1, 3);
        assert_eq!(calls(), before + 6);
    }

    #[test]
    fn reused_address_with_new_text_is_recomputed() {
        let mut text = String::from("12 x");
        {
            let _s = Scope::new(&text);
            assert_eq!(digits(&text).unwrap().1, 2);
        }
        text.replace_range(0..2, "ab");
        let _s = Scope::new(&text);
        assert!(digits(&text).is_err());
    }
}
