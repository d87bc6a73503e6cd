//! CSV rows that survive bad records, with exact line numbers.
//!
//! The `csv` crate is lenient where a batch must not be: an unbalanced quote silently swallows
//! the rows after it, and it reports no error for it. This reader parses RFC 4180 records
//! itself (quoted fields may hold commas, doubled quotes and line breaks; `\n`, `\r\n` or `\r`
//! end a record; blank lines are skipped) and makes every bad record an error row naming the
//! line it starts on:
//!
//! - a quote that never closes, text after a closing quote, or a record longer than
//!   [`MAX_RECORD_BYTES`]: the record's first line is the error, and reading goes on at the
//!   line after it, so the rows it swallowed come back;
//! - the wrong number of fields, or invalid UTF-8: the whole record is the error.
//!
//! Memory is bounded by the longest record read (at most [`MAX_RECORD_BYTES`]).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input::MAX_ARTICLE_BYTES;

/// The longest CSV record read (a row holds at most a headline and a body, each within the
/// article limit).
pub const MAX_RECORD_BYTES: usize = 2 * MAX_ARTICLE_BYTES as usize;

/// How much is read from the file at a time.
const READ_CHUNK: usize = 1 << 16;

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
    file: File,
    /// Read but not yet parsed bytes start at `pos`; a record is parsed in place, so a bad one
    /// can be read again from its second line.
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    /// The line `buf[pos]` is on.
    line: u64,
    /// Bytes dropped from the front of `buf`.
    dropped: u64,
    headers: Vec<String>,
}

/// A record as parsed: its fields, or a problem (reading goes on at the line after the
/// record's first line).
enum Parsed {
    Fields(Vec<Vec<u8>>),
    Problem(String),
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
        let mut rows = CsvRows {
            path: path.to_path_buf(),
            file,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            line: 1,
            dropped: 0,
            headers: Vec::new(),
        };
        let csv_err = |line: u64, message: String| Error::Csv {
            path: path.to_path_buf(),
            line,
            message,
        };
        let header = match rows.next_record().map_err(read_err)? {
            None => return Err(csv_err(1, "no header row".into())),
            Some((line, Parsed::Fields(fields))) => (line, fields),
            Some((line, Parsed::Problem(m))) => {
                return Err(csv_err(line, m));
            }
        };
        let (line, fields) = header;
        for (i, f) in fields.iter().enumerate() {
            let f = if i == 0 {
                f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f)
            } else {
                f
            };
            let name = std::str::from_utf8(f)
                .map_err(|_| csv_err(line, "invalid UTF-8 in the header row".into()))?;
            rows.headers.push(name.trim().to_string());
        }
        if rows.headers.iter().all(String::is_empty) {
            return Err(csv_err(line, "no header row".into()));
        }
        Ok(rows)
    }

    /// The header row's column names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The index of the column called `name` (the first, if several are), or an error naming
    /// the columns there are.
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
        self.dropped + self.pos as u64
    }

    /// Reads more of the file, keeping `buf[pos..]`. False at the end of the file.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.dropped += self.pos as u64;
            self.pos = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + READ_CHUNK, 0);
        let n = loop {
            match self.file.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    /// The byte at `pos + offset`, reading more when needed; `None` at the end of the file.
    fn byte_at(&mut self, offset: usize) -> std::io::Result<Option<u8>> {
        while self.pos + offset >= self.buf.len() {
            if !self.fill()? {
                return Ok(None);
            }
        }
        Ok(Some(self.buf[self.pos + offset]))
    }

    /// Moves past `n` bytes, counting their line breaks.
    fn advance(&mut self, n: usize) {
        let end = self.pos + n;
        self.line += memchr::memchr_iter(b'\n', &self.buf[self.pos..end]).count() as u64;
        self.pos = end;
    }

    /// Moves past the rest of the current line (the record's first line), line break included,
    /// dropping what it passes, so a huge line is never held whole.
    fn skip_line(&mut self) -> std::io::Result<()> {
        loop {
            if let Some(i) = memchr::memchr(b'\n', &self.buf[self.pos..]) {
                self.advance(i + 1);
                return Ok(());
            }
            self.pos = self.buf.len();
            if !self.fill()? {
                return Ok(());
            }
        }
    }

    /// The next record and the line it starts on; `None` at the end of the file.
    fn next_record(&mut self) -> std::io::Result<Option<(u64, Parsed)>> {
        // Blank lines are no records.
        loop {
            match self.byte_at(0)? {
                None => return Ok(None),
                Some(b'\n' | b'\r') => self.advance(1),
                Some(_) => break,
            }
        }
        let start_line = self.line;
        let mut fields: Vec<Vec<u8>> = Vec::with_capacity(self.headers.len().max(2));
        let mut field: Vec<u8> = Vec::new();
        let (mut quoted, mut closed, mut field_start) = (false, false, true);
        let mut n = 0; // bytes of the record scanned so far
        let problem = loop {
            if n > MAX_RECORD_BYTES {
                break Some(format!(
                    "the record is longer than {MAX_RECORD_BYTES} bytes"
                ));
            }
            // A field that does not open with a quote is copied like the rest of it.
            if field_start && !quoted && !closed {
                if let Some(b) = self.byte_at(n)? {
                    if !matches!(b, b'"' | b',' | b'\n' | b'\r') {
                        field_start = false;
                    }
                }
            }
            // Inside a field, copy what is buffered up to the next byte that matters.
            if quoted || !(closed || field_start) {
                let avail = self.buf.get(self.pos + n..).unwrap_or_default();
                let k = if quoted {
                    memchr::memchr(b'"', avail)
                } else {
                    memchr::memchr3(b',', b'\n', b'\r', avail)
                }
                .unwrap_or(avail.len());
                let exhausted = k == avail.len();
                field.extend_from_slice(&avail[..k]);
                n += k;
                if exhausted && self.byte_at(n)?.is_some() {
                    continue; // more was read: go on copying
                }
            }
            let Some(b) = self.byte_at(n)? else {
                if quoted {
                    break Some("unbalanced quote: a quoted field never closes".into());
                }
                fields.push(std::mem::take(&mut field));
                break None;
            };
            n += 1;
            if quoted {
                if b == b'"' {
                    if self.byte_at(n)? == Some(b'"') {
                        field.push(b'"');
                        n += 1;
                    } else {
                        (quoted, closed) = (false, true);
                    }
                } else {
                    field.push(b);
                }
                continue;
            }
            match b {
                b',' => {
                    fields.push(std::mem::take(&mut field));
                    (closed, field_start) = (false, true);
                    continue;
                }
                b'\n' | b'\r' => {
                    if b == b'\r' && self.byte_at(n)? == Some(b'\n') {
                        n += 1;
                    }
                    fields.push(std::mem::take(&mut field));
                    break None;
                }
                _ if closed => {
                    break Some("unbalanced quote: text after a closing quote".into());
                }
                b'"' if field_start => quoted = true,
                _ => field.push(b),
            }
            field_start = false;
        };
        match problem {
            None => {
                self.advance(n);
                Ok(Some((start_line, Parsed::Fields(fields))))
            }
            Some(message) => {
                self.skip_line()?;
                Ok(Some((start_line, Parsed::Problem(message))))
            }
        }
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
        let (line, parsed) = match self.next_record() {
            Ok(Some(r)) => r,
            Ok(None) => return None,
            Err(e) => {
                // Report a read failure once, then stop.
                let row = self.error(self.line, format!("cannot read: {e}"));
                self.eof = true;
                self.buf.clear();
                self.pos = 0;
                return Some(row);
            }
        };
        let raw = match parsed {
            Parsed::Fields(raw) => raw,
            Parsed::Problem(m) => {
                return Some(self.error(line, format!("{m}; reading goes on at the next line")))
            }
        };
        if raw.len() != self.headers.len() {
            let m = format!(
                "expected {} fields, found {}",
                self.headers.len(),
                raw.len()
            );
            return Some(self.error(line, m));
        }
        let mut fields = Vec::with_capacity(raw.len());
        for (i, f) in raw.into_iter().enumerate() {
            match String::from_utf8(f) {
                Ok(s) => fields.push(s),
                Err(_) => {
                    let m = format!("invalid UTF-8 in column `{}`", self.headers[i]);
                    return Some(self.error(line, m));
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

    fn lines(r: &[Row]) -> Vec<u64> {
        r.iter().map(|r| r.line).collect()
    }

    fn ok(fields: &[&str]) -> Result<Vec<String>, String> {
        Ok(fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn quoted_newlines_commas_and_quotes_are_one_field() {
        let r = rows(b"a,b\n1,\"two\nlines, \"\"quoted\"\"\"\n3,4\n");
        assert_eq!(lines(&r), [2, 4]);
        assert_eq!(r[0].fields, ok(&["1", "two\nlines, \"quoted\""]));
        assert_eq!(r[1].fields, ok(&["3", "4"]));
    }

    #[test]
    fn an_unbalanced_quote_costs_one_row() {
        let r = rows(b"a,b\n1,ok\n2,\"broken\n3,fine\n4,also fine\n");
        assert_eq!(lines(&r), [2, 3, 4, 5]);
        let e = r[1].fields.clone().unwrap_err();
        assert!(e.contains("t.csv:3: unbalanced quote"), "{e}");
        assert_eq!(r[2].fields, ok(&["3", "fine"]));
        assert_eq!(r[3].fields, ok(&["4", "also fine"]));
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_an_error() {
        // No final line break: the swallowed last row comes back.
        let r = rows(b"h,b\nA b,\"The council approved c\nCouncil approves ferry,Tuesday.");
        assert_eq!(lines(&r), [2, 3]);
        assert!(r[0]
            .fields
            .as_ref()
            .unwrap_err()
            .contains(":2: unbalanced quote"));
        assert_eq!(r[1].fields, ok(&["Council approves ferry", "Tuesday."]));
        let r = rows(b"h,b\nx,\"y\n");
        assert_eq!(lines(&r), [2]);
        assert!(r[0].fields.is_err());
    }

    #[test]
    fn a_quote_closed_by_a_later_row_is_caught() {
        let r = rows(b"a,b\n2,\"broken\n3,\"x\"\n4,y\n");
        assert_eq!(lines(&r), [2, 3, 4]);
        assert!(r[0].fields.is_err());
        assert_eq!(r[1].fields, ok(&["3", "x"]));
        assert_eq!(r[2].fields, ok(&["4", "y"]));
    }

    #[test]
    fn a_balanced_record_with_too_many_fields_is_one_error() {
        // Its quoted text is not read again as rows of its own.
        let r = rows(b"id,h,b\n1,Council,extra,\"The council said:\nx,Ferry,approved\"\n2,h,b\n");
        assert_eq!(lines(&r), [2, 4]);
        assert!(r[0]
            .fields
            .as_ref()
            .unwrap_err()
            .contains(":2: expected 3 fields, found 4"));
        assert_eq!(r[1].fields, ok(&["2", "h", "b"]));
    }

    #[test]
    fn an_overlong_record_is_an_error_and_reading_goes_on() {
        let mut text = b"h,b\n1,\"".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 4 * READ_CHUNK));
        text.extend_from_slice(b"\n2,ok\n");
        let r = rows(&text);
        assert_eq!(lines(&r), [2, 3]);
        assert!(r[0].fields.as_ref().unwrap_err().contains("longer than"));
        assert_eq!(r[1].fields, ok(&["2", "ok"]));
    }

    #[test]
    fn crlf_and_blank_lines_keep_line_numbers() {
        let r = rows(b"a,b\r\n1,x\r\n\r\n\r\n2,\"bad\r\n3,y\r\n");
        assert_eq!(lines(&r), [2, 5, 6]);
        assert_eq!(r[0].fields, ok(&["1", "x"]));
        assert!(r[1]
            .fields
            .as_ref()
            .unwrap_err()
            .contains(":5: unbalanced quote"));
        assert_eq!(r[2].fields, ok(&["3", "y"]));
    }

    #[test]
    fn short_rows_and_bad_utf8_are_error_rows() {
        let r = rows(b"a,b\nonly\n\xff,x\n5,6\n");
        assert_eq!(lines(&r), [2, 3, 4]);
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
        assert_eq!(r[2].fields, ok(&["5", "6"]));
    }

    #[test]
    fn headers_trimmed_bom_removed_and_required() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.csv");
        std::fs::write(&path, b"\xEF\xBB\xBF Headline ,Body ID\n").unwrap();
        let r = CsvRows::open(&path).unwrap();
        assert_eq!(r.headers(), ["Headline", "Body ID"]);
        assert_eq!(r.count(), 0);
        std::fs::write(&path, b"").unwrap();
        assert!(CsvRows::open(&path).is_err());
    }
}
