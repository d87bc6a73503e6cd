//! What the examples share: running with a readable error and exit code 2.

use std::process::ExitCode;

/// Runs `run`; on failure prints the error (and where the FNC-1 data is looked for) and exits 2.
pub fn main_with(run: fn() -> Result<(), Box<dyn std::error::Error>>) -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: {e} (the FNC-1 data: ../shared/data/fnc1, or $HEADCHECK_DATA/data/fnc1)"
            );
            ExitCode::from(2)
        }
    }
}
