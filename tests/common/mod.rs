//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A file under the shared data folder (`$HEADCHECK_DATA`, else `../shared`). When it is absent
/// the test is skipped with a printed reason, unless `HEADCHECK_REQUIRE_DATA=1`, where it fails.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let path = headcheck::eval::fnc1::shared_dir().join(rel);
    if path.is_file() {
        return Some(path);
    }
    let why = format!(
        "{} is missing (set HEADCHECK_DATA to the shared folder)",
        path.display()
    );
    if std::env::var("HEADCHECK_REQUIRE_DATA").is_ok_and(|v| v == "1") {
        panic!("HEADCHECK_REQUIRE_DATA=1 but {why}");
    }
    eprintln!("SKIPPED: {why}");
    None
}

/// The crate's own folder.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `bytes` to `dir/name`, making the folders on the way, and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}
