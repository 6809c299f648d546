//! A progress bar for long runs, on a terminal only: never in a pipe, a CI log, under `-q`, or
//! for a handful of files (where it would only flicker).

/// Fewer files than this draw no bar.
pub const MIN_FILES: usize = 50;

/// Whether to draw a bar: many files, standard error a terminal, not in CI, not `-q`, and a
/// terminal that can redraw a line.
pub fn should_show(files: usize, stderr_terminal: bool, ci: bool, quiet: bool, dumb: bool) -> bool {
    files >= MIN_FILES && stderr_terminal && !ci && !quiet && !dumb
}

/// A bar over the files of one run (nothing at all when it is not shown).
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// A bar for `files` files, if [`should_show`] says so for this process.
    pub fn new(files: usize) -> Progress {
        use std::io::IsTerminal;
        let show = should_show(
            files,
            std::io::stderr().is_terminal(),
            std::env::var_os("CI").is_some_and(|v| !v.is_empty()),
            crate::cli::quiet(),
            std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        );
        Progress(show.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(files as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
            {
                bar.set_style(style);
            }
            bar
        }))
    }

    /// One more file done.
    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// Removes the bar (before the findings are written).
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_long_runs_on_a_terminal_outside_ci() {
        assert!(should_show(MIN_FILES, true, false, false, false));
        assert!(!should_show(MIN_FILES - 1, true, false, false, false));
        assert!(!should_show(500, false, false, false, false), "a pipe");
        assert!(!should_show(500, true, true, false, false), "CI");
        assert!(!should_show(500, true, false, true, false), "-q");
        assert!(!should_show(500, true, false, false, true), "TERM=dumb");
    }
}
