//! figcheck.toml parsing (and a baseline's): an error or a configuration, never a panic; a
//! configuration that parses builds its grammar or says why, prints back as TOML that parses
//! again, and selects paths.
#![no_main]
use figcheck::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = figcheck::baseline::Baseline::parse(text);
    let Ok(c) = Config::parse("figcheck.toml", text) else {
        return;
    };
    let _ = c.grammar();
    let _ = c.selects(std::path::Path::new("desk/a.md"));
    let again = c.to_toml();
    assert!(
        Config::parse("figcheck.toml", &again).is_ok(),
        "the printed configuration does not parse:\n{again}"
    );
});
