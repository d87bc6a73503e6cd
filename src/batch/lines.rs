//! Lines of a stream, each read whole up to a limit: a longer line is cut off there (the rest
//! skipped) and reported as an error, so one huge line cannot exhaust memory.

use std::io::BufRead;

/// Reads `\n`-terminated lines as bytes (UTF-8 is checked per record, later), without their
/// line endings or a byte-order mark before the first.
pub struct LineReader<R> {
    reader: R,
    limit: usize,
    line: u64,
    bytes: u64,
}

impl<R: BufRead> LineReader<R> {
    /// Lines of `reader`, none longer than `limit` bytes.
    pub fn new(reader: R, limit: usize) -> Self {
        LineReader {
            reader,
            limit,
            line: 0,
            bytes: 0,
        }
    }

    /// The number of the last line read (1-based; 0 before the first).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Bytes consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The next line without its line ending, with its number; `Err(message)` in place of
    /// its text when it is longer than the limit. `None` at the end.
    #[allow(clippy::type_complexity)]
    pub fn next_line(&mut self) -> std::io::Result<Option<(u64, Result<Vec<u8>, String>)>> {
        let mut buf = Vec::new();
        let mut total = 0usize;
        let mut seen_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            seen_any = true;
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            if total < self.limit {
                let keep = take.min(self.limit - total);
                buf.extend_from_slice(&available[..keep]);
            }
            total += take;
            self.reader.consume(take);
            if done {
                break;
            }
        }
        if !seen_any {
            return Ok(None);
        }
        self.line += 1;
        self.bytes += total as u64;
        if total > self.limit {
            return Ok(Some((
                self.line,
                Err(format!(
                    "the line is {total} bytes long, more than the {}-byte limit for one article",
                    self.limit
                )),
            )));
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        // A byte-order mark opening the stream is no part of the first line, as every other
        // input format reads it.
        if self.line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        Ok(Some((self.line, Ok(buf))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_opens_no_line() {
        let text = b"\xEF\xBB\xBF{\"a\": 1}\n\xEF\xBB\xBFsecond";
        let mut r = LineReader::new(&text[..], 100);
        assert_eq!(
            r.next_line().unwrap(),
            Some((1, Ok(b"{\"a\": 1}".to_vec())))
        );
        // Only the stream's first: one later is the line's own text.
        assert_eq!(
            r.next_line().unwrap(),
            Some((2, Ok(b"\xEF\xBB\xBFsecond".to_vec())))
        );
    }

    #[test]
    fn lines_numbers_and_limits() {
        let text = b"one\r\ntwo\n\nthis line is too long\nlast";
        let mut r = LineReader::new(&text[..], 10);
        let mut got = Vec::new();
        while let Some((n, l)) = r.next_line().unwrap() {
            got.push((n, l.map(|b| String::from_utf8(b).unwrap())));
        }
        assert_eq!(got.len(), 5);
        assert_eq!(got[0], (1, Ok("one".into())));
        assert_eq!(got[1], (2, Ok("two".into())));
        assert_eq!(got[2], (3, Ok(String::new())));
        assert!(got[3].1.as_ref().unwrap_err().contains("22 bytes long"));
        assert_eq!(got[4], (5, Ok("last".into())));
        assert_eq!(r.bytes_read(), text.len() as u64);
    }
}
