//! Reading the FNC-1 files: bodies (`Body ID,articleBody`), stances
//! (`Headline,Body ID[,Stance]`) and the official dev split's Body IDs.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One labelled headline/body pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The headline.
    pub headline: String,
    /// The body it is paired with.
    pub body_id: u32,
    /// `agree`, `disagree`, `discuss` or `unrelated`, when labelled.
    pub stance: Option<String>,
}

impl Pair {
    /// Whether the pair is labelled as related (any stance but `unrelated`).
    pub fn is_related(&self) -> Option<bool> {
        self.stance.as_deref().map(|s| s != "unrelated")
    }
}

/// Per pair, its topic ([`crate::stance::fit::topic_groups`]: related headlines and bodies
/// joined), numbered in order of first appearance.
pub fn topics(pairs: &[Pair]) -> Vec<usize> {
    let ids: Vec<String> = pairs.iter().map(|p| p.body_id.to_string()).collect();
    let keyed: Vec<(&str, &str, bool)> = pairs
        .iter()
        .zip(&ids)
        .map(|(p, id)| {
            (
                p.headline.as_str(),
                id.as_str(),
                p.is_related() == Some(true),
            )
        })
        .collect();
    crate::stance::fit::topic_groups(&keyed)
}

/// The FNC-1 data folder: `$HEADCHECK_DATA/data/fnc1` when that variable is set, else
/// `../shared/data/fnc1` from the crate root.
pub fn data_dir() -> PathBuf {
    shared_dir().join("data").join("fnc1")
}

/// The shared folder: `$HEADCHECK_DATA` when set, else `../shared` from the crate root.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("HEADCHECK_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("shared"),
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    if let csv::ErrorKind::Io(io) = e.kind() {
        return Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        };
    }
    Error::Csv {
        path: path.to_path_buf(),
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    }
}

fn bad_id(path: &Path, line: u64) -> Error {
    Error::Csv {
        path: path.to_path_buf(),
        line,
        message: "Body ID is not a number".into(),
    }
}

/// Reads a bodies file into Body ID → text, in ID order.
pub fn load_bodies(path: &Path) -> Result<BTreeMap<u32, String>, Error> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| csv_error(path, &e))?;
    let mut out = BTreeMap::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| csv_error(path, &e))?;
        let line = rec.position().map_or(0, csv::Position::line);
        let id = rec
            .get(0)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| bad_id(path, line))?;
        out.insert(id, rec.get(1).unwrap_or_default().to_string());
    }
    Ok(out)
}

/// Reads a stances file, in file order.
pub fn load_stances(path: &Path) -> Result<Vec<Pair>, Error> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| csv_error(path, &e))?;
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| csv_error(path, &e))?;
        let line = rec.position().map_or(0, csv::Position::line);
        let body_id = rec
            .get(1)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| bad_id(path, line))?;
        out.push(Pair {
            headline: rec.get(0).unwrap_or_default().to_string(),
            body_id,
            stance: rec.get(2).map(str::to_string),
        });
    }
    Ok(out)
}

/// Reads the official dev split's Body IDs (one per line).
pub fn load_holdout(path: &Path) -> Result<HashSet<u32>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            l.trim().parse().map_err(|_| Error::Csv {
                path: path.to_path_buf(),
                line: n as u64 + 1,
                message: format!("not a Body ID: {l:?}"),
            })
        })
        .collect()
}

/// The English background table as shipped in corpus/background/en.tsv: built from the bodies in
/// `dir`/train_bodies.csv whose Body ID is not in `dir`/hold_out_ids.txt, so that dev-split
/// figures are measured on bodies the table never saw.
pub fn english_background(dir: &Path) -> Result<String, Error> {
    let bodies = load_bodies(&dir.join("train_bodies.csv"))?;
    let holdout = load_holdout(&dir.join("hold_out_ids.txt"))?;
    let docs = bodies
        .iter()
        .filter(|(id, _)| !holdout.contains(id))
        .map(|(_, text)| text.as_str());
    Ok(crate::Background::build(
        docs,
        crate::Lang::En,
        "FNC-1 train_bodies.csv without the hold_out_ids.txt bodies; regenerate with `cargo run --release --example build_background > corpus/background/en.tsv`",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_name_the_bad_line() {
        let dir = tempfile::tempdir().unwrap();
        let stances = dir.path().join("s.csv");
        std::fs::write(
            &stances,
            "Headline,Body ID,Stance\nA,1,agree\nB,x,discuss\n",
        )
        .unwrap();
        let e = load_stances(&stances).unwrap_err().to_string();
        assert!(e.ends_with("s.csv:3: Body ID is not a number"), "{e}");
        let bodies = dir.path().join("b.csv");
        std::fs::write(
            &bodies,
            "Body ID,articleBody\n1,\"Text one.\"\n2,\"Text two.\"\n",
        )
        .unwrap();
        let b = load_bodies(&bodies).unwrap();
        assert_eq!(b.get(&2).map(String::as_str), Some("Text two."));
        let ids = dir.path().join("ids.txt");
        std::fs::write(&ids, "1\n\n2\nthree\n").unwrap();
        let e = load_holdout(&ids).unwrap_err().to_string();
        assert!(e.ends_with("ids.txt:4: not a Body ID: \"three\""), "{e}");
        let e = load_bodies(&dir.path().join("missing.csv"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing.csv: cannot read"), "{e}");
    }
}
