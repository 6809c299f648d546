//! Snapshots of `figcheck extract` (human table and JSON) for every fixture.

mod common;
use common::*;

#[test]
fn every_fixture_extraction_is_snapshotted() {
    let all = fixtures("");
    assert!(!all.is_empty(), "no fixtures found");
    for f in all {
        let path = f.to_str().unwrap();
        let human = figcheck(&["extract", "--format", "human", path]);
        assert_eq!(human.status.code(), Some(0), "{path}: {}", stderr(&human));
        assert_snap(&f, "extract", &stdout(&human));
    }
}
