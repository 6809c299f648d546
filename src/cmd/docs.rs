//! `figcheck completions SHELL` and `figcheck man`: generated from the clap definition, so
//! they always list the options the binary has.

use clap::CommandFactory;
use std::io::Write;

/// Writes the completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> crate::cmd::Outcome {
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "figcheck", &mut out);
    let mut stdout = std::io::stdout().lock();
    crate::cmd::written(0, stdout.write_all(&out).and_then(|()| stdout.flush()))
}

/// Writes the manual page (roff) on stdout: the command, then a section per subcommand.
pub fn man() -> crate::cmd::Outcome {
    let cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    let written = clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .and_then(|()| {
            for sub in cmd.get_subcommands() {
                let name = format!("figcheck {}", sub.get_name());
                let sub = sub.clone().bin_name(name.clone());
                let man = clap_mangen::Man::new(sub);
                // Each subcommand is a section of the one page, its parts subsections.
                let mut part = Vec::new();
                man.render_synopsis_section(&mut part)?;
                man.render_description_section(&mut part)?;
                man.render_options_section(&mut part)?;
                writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
                for line in String::from_utf8_lossy(&part).lines() {
                    match line.strip_prefix(".SH ") {
                        Some(rest) => writeln!(out, ".SS {rest}")?,
                        None => writeln!(out, "{line}")?,
                    }
                }
            }
            Ok(())
        });
    if let Err(e) = written {
        return Err(format!("cannot render the manual page: {e}").into());
    }
    let mut stdout = std::io::stdout().lock();
    crate::cmd::written(0, stdout.write_all(&out).and_then(|()| stdout.flush()))
}
