//! One file per subcommand.

pub mod baseline;
pub mod check;
pub mod claims;
pub mod config;
pub mod configs;
pub mod diff;
pub mod docs;
pub mod extract;
pub mod gate;
pub mod lsp;
pub mod pipeline;
pub mod plan;
pub mod progress;
pub mod reconcile;
pub mod rules;
pub mod serve;
pub mod snapshot;

use crate::cli::{Args, Command};

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

/// Why a run stopped before its end: said once, by [`exit`].
#[derive(Debug)]
pub enum Error {
    /// `error: MESSAGE` on standard error; exit status 2.
    Message(String),
}

impl From<String> for Error {
    fn from(m: String) -> Error {
        Error::Message(m)
    }
}

impl From<figcheck::config::ConfigError> for Error {
    fn from(e: figcheck::config::ConfigError) -> Error {
        Error::Message(e.to_string())
    }
}

/// How a subcommand ends: its exit status (0, 1 for findings, 2 when a file could not be
/// read), or an error that stopped it.
pub type Outcome = Result<i32, Error>;

/// The one place where writing the output ends: `status` when it was written, or when the
/// reader stopped early (a closed pipe, `| head`, is not an error of ours); any other write
/// error is an error of the run.
pub fn written(status: i32, written: std::io::Result<()>) -> Outcome {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Message(format!("cannot write the output: {e}")))
        }
        _ => Ok(status),
    }
}

/// Writes `text` on standard output and flushes it, as [`written`] ends it.
pub fn print(status: i32, text: &str) -> Outcome {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    written(
        status,
        out.write_all(text.as_bytes()).and_then(|()| out.flush()),
    )
}

/// The one place an outcome becomes the exit status, its error a message on standard error.
pub fn exit(outcome: Outcome) -> i32 {
    match outcome {
        Ok(status) => status,
        Err(Error::Message(m)) => {
            eprintln!("error: {m}");
            2
        }
    }
}

/// Runs the subcommand of `args`; returns the exit status.
pub fn run(args: Args) -> i32 {
    exit(dispatch(args))
}

fn dispatch(args: Args) -> Outcome {
    let color = args.color;
    match args.command {
        Command::Extract(common) => extract::run(&common),
        Command::Check { common, gate } => check::run(&common, &gate, color),
        Command::Reconcile {
            common,
            gate,
            claims,
        } => reconcile::run(&common, &gate, claims, color),
        Command::Claims(common) => claims::run(&common),
        Command::Rules { code, format } => rules::run(code, format),
        Command::Baseline(common) => baseline::run(&common),
        Command::Snapshot { common, check } => snapshot::run(&common, check, color),
        Command::Diff {
            old,
            new,
            file,
            format,
            date,
            max_size,
            color: _,
        } => diff::run(&diff::DiffArgs {
            old,
            new,
            file,
            format,
            date,
            max_size,
            color,
        }),
        Command::Config { path, config } => config::run(path.as_deref(), config.as_deref()),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man => docs::man(),
        Command::Lsp(a) => Ok(lsp::run(&a)),
        Command::Serve(a) => Ok(serve::run(&a)),
    }
}

pub use crate::render::FileError;

/// The file errors of this run, so that the CI formats carry them too (SARIF
/// `toolExecutionNotifications`, GitHub `::error` annotations).
static FILE_ERRORS: Mutex<Vec<FileError>> = Mutex::new(Vec::new());

/// Reports that `file` could not be read or checked: one `error: FILE: REASON` line on stderr,
/// and the error is kept for [`file_errors`].
pub fn file_error(file: &str, reason: impl std::fmt::Display) {
    let reason = reason.to_string();
    eprintln!("error: {file}: {reason}");
    // Bounded: a long-running server (`lsp`) reports through here too.
    if let Ok(mut v) = FILE_ERRORS.lock()
        && v.len() < 10_000
    {
        v.push(FileError {
            file: file.to_string(),
            reason,
        });
    }
}

/// The file errors reported so far in this run.
pub fn file_errors() -> Vec<FileError> {
    FILE_ERRORS.lock().map(|v| v.clone()).unwrap_or_default()
}

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
    isolated_quiet(name, work).map_err(Messages::report).ok()
}

/// As [`isolated`], returning the error instead of reporting it, for work on another thread
/// whose messages are reported in the files' order.
pub fn isolated_quiet<T>(name: &str, work: impl FnOnce() -> T) -> Result<T, Messages> {
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
        let mut m = Messages::default();
        m.file_error(
            name,
            format!(
                "internal error ({msg}); this is a bug in figcheck: please report it, with this \
                 file"
            ),
        );
        m
    })
}

/// What one file's work has to say on stderr, gathered on a worker thread and reported (in
/// the files' order) by [`Messages::report`].
#[derive(Debug, Default)]
pub struct Messages(Vec<Message>);

#[derive(Debug)]
enum Message {
    /// A line as it is.
    Line(String),
    /// A file that could not be read or checked ([`file_error`]).
    FileError(String, String),
}

impl Messages {
    /// A line (without its line break).
    pub fn line(&mut self, line: String) {
        self.0.push(Message::Line(line));
    }

    /// A file that could not be read or checked, and why.
    pub fn file_error(&mut self, file: &str, reason: impl std::fmt::Display) {
        self.0
            .push(Message::FileError(file.to_string(), reason.to_string()));
    }

    /// `other`'s messages after these.
    pub fn append(&mut self, other: Messages) {
        self.0.extend(other.0);
    }

    /// Prints them on stderr (file errors through [`file_error`], kept for the CI formats).
    pub fn report(self) {
        for m in self.0 {
            match m {
                Message::Line(l) => eprintln!("{l}"),
                Message::FileError(f, r) => file_error(&f, r),
            }
        }
    }
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
