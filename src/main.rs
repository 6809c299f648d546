//! The `figcheck` command line: reads files, calls the library, renders its data.

mod cli;
mod cmd;
mod lsp;
mod render;
mod serve;

fn main() {
    cmd::install_panic_hook();
    std::process::exit(cli::run());
}
