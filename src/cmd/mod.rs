//! One file per subcommand.

pub mod baseline;
pub mod config;
pub mod diff;
pub mod docs;
pub mod extract;
pub mod gate;
pub mod lsp;
pub mod pipeline;
pub mod rules;
pub mod serve;
pub mod snapshot;

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// Inside [`isolated`]: a panic's message is kept for its one error line, not printed.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
    static PANIC_MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook: a panic inside [`isolated`] work is reported by it (one line
/// naming the file); any other panic is reported as the default hook does.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if ISOLATED.with(Cell::get) {
            let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
                (*s).to_string()
            } else if let Some(s) = info.payload().downcast_ref::<String>() {
                s.clone()
            } else {
                "a panic".to_string()
            };
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            PANIC_MESSAGE.with(|m| *m.borrow_mut() = Some(format!("{msg}{at}")));
        } else {
            default(info);
        }
    }));
}

/// Runs one file's work (`name` is the file, as messages name it). A panic in it does not
/// lose the other files' results: it is caught, reported as one error line naming the file
/// and asking for a bug report, and `None` is returned (the caller goes on and exits 2).
pub fn isolated<T>(name: &str, work: impl FnOnce() -> T) -> Option<T> {
    match isolated_quiet(name, work) {
        Ok(v) => Some(v),
        Err(line) => {
            eprint!("{line}");
            None
        }
    }
}

/// As [`isolated`], returning the error line (with its line break) instead of printing it, for
/// work on another thread whose messages are printed in the files' order.
pub fn isolated_quiet<T>(name: &str, work: impl FnOnce() -> T) -> Result<T, String> {
    let was = ISOLATED.with(|f| f.replace(true));
    let r = catch_unwind(AssertUnwindSafe(|| {
        test_panic(name);
        work()
    }));
    ISOLATED.with(|f| f.set(was));
    r.map_err(|_| {
        let msg = PANIC_MESSAGE
            .with(|m| m.borrow_mut().take())
            .unwrap_or_else(|| "a panic".to_string());
        format!(
            "error: {name}: internal error ({msg}); this is a bug in figcheck: please report it, \
             with this file\n"
        )
    })
}

/// Debug builds only, for the tests of [`isolated`]: `FIGCHECK_TEST_PANIC=NAME` panics in the
/// work of the file named NAME (there is no known input that panics to test with).
fn test_panic(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("FIGCHECK_TEST_PANIC").is_some_and(|v| v == name) {
        panic!("FIGCHECK_TEST_PANIC");
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}
