//! CSV rows that survive bad records: a row with the wrong number of fields (typically an
//! unbalanced quote, which swallows the lines after it) or invalid UTF-8 becomes an error row
//! naming its line, and reading goes on with the next line.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One CSV row: its line and its fields, or what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The 1-based line the row starts on.
    pub line: u64,
    /// The fields, one per header column, or an error naming the file and line.
    pub fields: Result<Vec<String>, String>,
}

/// Reads a CSV file with a header row, one [`Row`] per record.
pub struct CsvRows {
    path: PathBuf,
    reader: csv::Reader<File>,
    /// A second handle on the file, to re-read a suspicious record's raw bytes.
    raw: File,
    headers: Vec<String>,
    record: csv::ByteRecord,
}

impl CsvRows {
    /// Opens `path` and reads its header row.
    pub fn open(path: &Path) -> Result<CsvRows, Error> {
        let read_err = |source| Error::Read {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(read_err)?;
        if file.metadata().map_err(read_err)?.is_dir() {
            return Err(read_err(std::io::Error::other("is a directory")));
        }
        let raw = File::open(path).map_err(read_err)?;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
        let csv_err = |line: u64, message: String| Error::Csv {
            path: path.to_path_buf(),
            line,
            message,
        };
        let headers = reader
            .byte_headers()
            .map_err(|e| csv_err(1, e.to_string()))?
            .iter()
            .map(|h| {
                std::str::from_utf8(h)
                    .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
                    .map_err(|_| csv_err(1, "invalid UTF-8 in the header row".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if headers.iter().all(String::is_empty) {
            return Err(csv_err(1, "no header row".into()));
        }
        Ok(CsvRows {
            path: path.to_path_buf(),
            reader,
            raw,
            headers,
            record: csv::ByteRecord::new(),
        })
    }

    /// The header row's column names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The index of the column called `name`, or an error naming the columns there are.
    pub fn column(&self, name: &str) -> Result<usize, Error> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::Csv {
                path: self.path.clone(),
                line: 1,
                message: format!(
                    "no `{name}` column (the header has: {})",
                    self.headers.join(", ")
                ),
            })
    }

    /// How many bytes have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The byte offset and line number of the line after the one starting at `byte`.
    fn next_line(&mut self, byte: u64, line: u64) -> std::io::Result<csv::Position> {
        self.raw.seek(SeekFrom::Start(byte))?;
        let mut skipped = Vec::new();
        let n = BufReader::new(&mut self.raw).read_until(b'\n', &mut skipped)?;
        let mut pos = csv::Position::new();
        pos.set_byte(byte + n as u64).set_line(line + 1);
        Ok(pos)
    }

    /// Whether the raw record in `start..end` has an unbalanced quote: a quoted field that
    /// never closes, or a closing quote followed by more text.
    fn quote_problem(&mut self, start: u64, end: u64) -> std::io::Result<Option<String>> {
        self.raw.seek(SeekFrom::Start(start))?;
        let mut raw = Vec::new();
        (&mut self.raw).take(end - start).read_to_end(&mut raw)?;
        let mut in_quotes = false;
        let mut field_start = true;
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if in_quotes {
                if b == b'"' {
                    if raw.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        in_quotes = false;
                        if !matches!(raw.get(i + 1), None | Some(b',' | b'\r' | b'\n')) {
                            return Ok(Some("unbalanced quote: text after a closing quote".into()));
                        }
                    }
                }
            } else if b == b'"' && field_start {
                in_quotes = true;
            }
            field_start = !in_quotes && matches!(b, b',' | b'\n' | b'\r');
            i += 1;
        }
        Ok(in_quotes.then(|| "unbalanced quote: a quoted field never closes".into()))
    }

    fn error(&self, line: u64, message: impl std::fmt::Display) -> Row {
        Row {
            line,
            fields: Err(format!("{}:{line}: {message}", self.path.display())),
        }
    }
}

impl Iterator for CsvRows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                // Only I/O fails here (the reader is flexible); report it once and stop.
                let line = e.position().map_or(0, csv::Position::line);
                let row = self.error(line, format!("cannot read: {e}"));
                let end = self.reader.get_ref().metadata().map_or(0, |m| m.len());
                let mut pos = csv::Position::new();
                pos.set_byte(end);
                // Seeking to the end makes the next call return None.
                if self.reader.seek(pos).is_err() {
                    return None;
                }
                return Some(row);
            }
        }
        let (start_byte, line) = self
            .record
            .position()
            .map_or((0, 0), |p| (p.byte(), p.line()));
        let spans_lines = self.reader.position().line() > line + 1;
        // A record over several lines is normal (a quoted body with line breaks), unless its
        // quotes are unbalanced: then it swallowed the rows after it.
        let problem = if spans_lines {
            match self.quote_problem(start_byte, self.reader.position().byte()) {
                Ok(p) => p,
                Err(e) => Some(format!("cannot read: {e}")),
            }
        } else {
            None
        };
        if problem.is_some() || self.record.len() != self.headers.len() {
            let message = problem.unwrap_or_else(|| {
                format!(
                    "expected {} fields, found {}",
                    self.headers.len(),
                    self.record.len()
                )
            });
            let row = self.error(
                line,
                if spans_lines {
                    format!("{message}; reading goes on at the next line")
                } else {
                    message
                },
            );
            if spans_lines {
                // Start again right after the line the broken record began on.
                match self.next_line(start_byte, line) {
                    Ok(pos) => {
                        if let Err(e) = self.reader.seek(pos) {
                            return Some(self.error(line, format!("cannot read on: {e}")));
                        }
                    }
                    Err(e) => return Some(self.error(line, format!("cannot read on: {e}"))),
                }
            }
            return Some(row);
        }
        let mut fields = Vec::with_capacity(self.record.len());
        for (i, f) in self.record.iter().enumerate() {
            match std::str::from_utf8(f) {
                Ok(s) => fields.push(s.to_string()),
                Err(_) => {
                    return Some(self.error(
                        line,
                        format!("invalid UTF-8 in column `{}`", self.headers[i]),
                    ))
                }
            }
        }
        Some(Row {
            line,
            fields: Ok(fields),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8]) -> Vec<Row> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        CsvRows::open(&path).unwrap().collect()
    }

    #[test]
    fn quoted_newlines_are_one_record() {
        let r = rows(b"a,b\n1,\"two\nlines\"\n3,4\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].fields, Ok(vec!["1".into(), "two\nlines".into()]));
        assert_eq!(
            (r[1].line, r[1].fields.clone()),
            (4, Ok(vec!["3".into(), "4".into()]))
        );
    }

    #[test]
    fn an_unbalanced_quote_costs_one_row() {
        let r = rows(b"a,b\n1,ok\n2,\"broken\n3,fine\n4,also fine\n");
        let lines: Vec<u64> = r.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        let e = r[1].fields.clone().unwrap_err();
        assert!(e.contains("t.csv:3: unbalanced quote"), "{e}");
        assert_eq!(r[2].fields, Ok(vec!["3".into(), "fine".into()]));
        assert_eq!(r[3].fields, Ok(vec!["4".into(), "also fine".into()]));
    }

    #[test]
    fn a_quote_closed_by_a_later_row_is_caught() {
        let r = rows(b"a,b\n2,\"broken\n3,\"x\"\n4,y\n");
        let lines: Vec<u64> = r.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(r[0].fields.is_err());
        assert_eq!(r[1].fields, Ok(vec!["3".into(), "x".into()]));
    }

    #[test]
    fn short_rows_and_bad_utf8_are_error_rows() {
        let r = rows(b"a,b\nonly\n\xff,x\n5,6\n");
        assert_eq!(r.len(), 3);
        assert!(r[0]
            .fields
            .as_ref()
            .unwrap_err()
            .contains(":2: expected 2 fields, found 1"));
        assert!(r[1]
            .fields
            .as_ref()
            .unwrap_err()
            .contains(":3: invalid UTF-8 in column `a`"));
        assert_eq!(r[2].fields, Ok(vec!["5".into(), "6".into()]));
    }
}
