//! `figcheck extract`.

use crate::cli::{Common, OutputFormat, read_docs};
use crate::cmd::isolated;
use crate::render;

/// Runs `extract`; returns the exit status.
pub fn run(common: &Common) -> i32 {
    let (docs, mut failed) = read_docs(common);
    let grammars = match crate::cmd::gate::grammars(common, &docs) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let out = match common.format {
        OutputFormat::Json => {
            let stdout = std::io::stdout();
            let w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            // Each document's figures are written as soon as they are found, then dropped.
            let refs: Vec<&figcheck::Document> = docs.iter().collect();
            let written = render::json::ExtractJson::begin(w, &refs).and_then(|mut json| {
                for (d, g) in docs.iter().zip(&grammars) {
                    match isolated(&d.name, || g.extract(d)) {
                        Some(qs) => json.document(d, &qs)?,
                        None => failed = true,
                    }
                }
                let mut w = json.finish()?;
                std::io::Write::flush(&mut w)
            });
            return match written {
                Ok(()) | Err(_) if failed => 2,
                Ok(()) => 0,
                // A reader that stopped early (`| head`) is not an error of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("error: cannot write the output: {e}");
                    2
                }
            };
        }
        OutputFormat::Human => {
            let results: Vec<_> = docs
                .iter()
                .zip(&grammars)
                .filter_map(|(d, g)| {
                    let qs = isolated(&d.name, || g.extract(d));
                    failed |= qs.is_none();
                    Some((d, qs?))
                })
                .collect();
            render::table::extract(&results)
        }
        OutputFormat::Sarif
        | OutputFormat::Github
        | OutputFormat::Concise
        | OutputFormat::Ndjson
        | OutputFormat::Html => {
            eprintln!("error: extract supports --format human or json");
            return 2;
        }
    };
    print!("{out}");
    if failed { 2 } else { 0 }
}
