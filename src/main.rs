//! The `figcheck` command line: reads files, calls the library, renders its data.

mod cli;
mod cmd;
mod render;

fn main() {
    cmd::install_panic_hook();
    let status = match cli::parse() {
        Ok(args) => cmd::run(args),
        Err(status) => status,
    };
    std::process::exit(status);
}
