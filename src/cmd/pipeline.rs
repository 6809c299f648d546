//! Many files on every core, results in the files' order.
//!
//! [`ordered`] runs one piece of work per item on worker threads and hands the results to the
//! caller's `take` on the calling thread, in the items' order, each as soon as it and every
//! item before it are done. At most a small window of items is in progress or waiting to be
//! taken at once, so memory holds a few documents, not all of them. With one thread (or one
//! item) it is the plain loop `for (k, x) in items { take(work(k, x)) }`, which a property test
//! checks it equals for any number of threads.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// The number of worker threads: `FIGCHECK_THREADS` when it is a positive number, else every
/// core the system offers.
pub fn threads() -> usize {
    std::env::var("FIGCHECK_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A worker's stack: the main thread's usual 8 MiB, as deep input nests as deep in a worker.
const STACK: usize = 8 << 20;

struct State {
    /// The next item to start.
    next: usize,
    /// Items taken by the caller so far.
    taken: usize,
    /// Set when the caller stops early (it panicked, or a worker did).
    stop: bool,
}

/// Wakes the workers for good when the consumer leaves, normally or by a panic.
struct StopOnDrop<'a>(&'a (Mutex<State>, Condvar));

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let (m, c) = self.0;
        m.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
        c.notify_all();
    }
}

/// Runs `work(k, &items[k])` for every item on up to `threads` threads and calls `take` with
/// each result in the items' order on the calling thread, until `take` returns `false` (the
/// output was closed: nothing more is started). No more than `2 × threads` items are started
/// and not yet taken at any time. A panic in `work` (callers isolate each file's
/// work, so none is expected) is raised again on the calling thread.
pub fn ordered<I, R>(
    items: &[I],
    threads: usize,
    work: impl Fn(usize, &I) -> R + Sync,
    mut take: impl FnMut(R) -> bool,
) where
    I: Sync,
    R: Send,
{
    let threads = threads.min(items.len());
    if threads <= 1 {
        for (k, x) in items.iter().enumerate() {
            if !take(work(k, x)) {
                return;
            }
        }
        return;
    }
    let window = 2 * threads;
    let shared = (
        Mutex::new(State {
            next: 0,
            taken: 0,
            stop: false,
        }),
        Condvar::new(),
    );
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (shared, work) = (&shared, &work);
            let spawned =
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || {
                        loop {
                            let k = {
                                let (m, c) = shared;
                                let mut s = m.lock().unwrap_or_else(PoisonError::into_inner);
                                while !s.stop && s.next < items.len() && s.next >= s.taken + window
                                {
                                    s = c.wait(s).unwrap_or_else(PoisonError::into_inner);
                                }
                                if s.stop || s.next >= items.len() {
                                    return;
                                }
                                s.next += 1;
                                s.next - 1
                            };
                            let r = catch_unwind(AssertUnwindSafe(|| work(k, &items[k])));
                            if tx.send((k, r)).is_err() {
                                return;
                            }
                        }
                    });
            if spawned.is_err() {
                // No thread to be had: the threads that started (or, with none, this one)
                // do the work.
                break;
            }
        }
        drop(tx);
        let _stop = StopOnDrop(&shared);
        // Results that came early, by their distance from the next one to take.
        let mut early: VecDeque<Option<R>> = VecDeque::new();
        let mut taken = 0;
        while taken < items.len() {
            while let Some(Some(_)) = early.front() {
                let Some(Some(r)) = early.pop_front() else {
                    unreachable!()
                };
                if !take(r) {
                    return;
                }
                taken += 1;
                let (m, c) = &shared;
                m.lock().unwrap_or_else(PoisonError::into_inner).taken = taken;
                c.notify_all();
            }
            if taken == items.len() {
                break;
            }
            let Ok((k, r)) = rx.recv() else {
                // No worker could be started: finish here, in order.
                for (k, x) in items.iter().enumerate().skip(taken) {
                    if !take(work(k, x)) {
                        break;
                    }
                }
                break;
            };
            let r = match r {
                Ok(r) => r,
                Err(payload) => resume_unwind(payload),
            };
            let at = k - taken;
            if early.len() <= at {
                early.resize_with(at + 1, || None);
            }
            early[at] = Some(r);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// For any number of threads the results are taken in the items' order, each once,
        /// and are the plain loop's, however unevenly long the items take.
        #[test]
        fn ordered_is_the_plain_loop(
            items in proptest::collection::vec(0u32..2000, 0..60),
            threads in 1usize..9,
        ) {
            let work = |k: usize, x: &u32| {
                // Uneven work, so that later items often finish first.
                let mut h = u64::from(*x);
                for _ in 0..(x % 7) * 300 {
                    h = h.wrapping_mul(6364136223846793005).wrapping_add(1);
                }
                (k, *x, h)
            };
            let plain: Vec<_> = items.iter().enumerate().map(|(k, x)| work(k, x)).collect();
            let mut got = Vec::new();
            ordered(&items, threads, work, |r| {
                got.push(r);
                true
            });
            prop_assert_eq!(got, plain);
        }
    }

    /// Never more than the window of items started and not yet taken.
    #[test]
    fn at_most_the_window_is_in_flight() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let started = AtomicUsize::new(0);
        let items: Vec<usize> = (0..200).collect();
        let mut taken = 0;
        let mut worst = 0;
        ordered(
            &items,
            3,
            |_, _| {
                started.fetch_add(1, Ordering::SeqCst);
                std::thread::yield_now();
            },
            |()| {
                taken += 1;
                worst = worst.max(started.load(Ordering::SeqCst) - taken);
                // A slow consumer: the workers must wait for it, not run ahead.
                std::thread::sleep(std::time::Duration::from_micros(50));
                true
            },
        );
        assert_eq!(taken, 200);
        assert!(worst < 2 * 3, "{worst} items in flight");
    }

    /// A panic in the work reaches the caller (and no thread is left waiting).
    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        let items: Vec<usize> = (0..50).collect();
        let r = catch_unwind(|| {
            ordered(
                &items,
                4,
                |k, _| {
                    if k == 17 {
                        panic!("item 17");
                    }
                    k
                },
                |_| true,
            );
        });
        assert!(r.is_err());
    }

    /// When `take` says stop, nothing more is taken and few more items are started.
    #[test]
    fn stopping_early_starts_little_more() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        for threads in [1, 2, 4] {
            let started = AtomicUsize::new(0);
            let items: Vec<usize> = (0..1000).collect();
            let mut got = Vec::new();
            ordered(
                &items,
                threads,
                |k, _| {
                    started.fetch_add(1, Ordering::SeqCst);
                    k
                },
                |k| {
                    got.push(k);
                    k < 9
                },
            );
            assert_eq!(got, (0..10).collect::<Vec<_>>());
            assert!(started.load(Ordering::SeqCst) <= 10 + 2 * threads);
        }
    }
}
