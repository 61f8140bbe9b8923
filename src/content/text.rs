//! Reading an edition file as text: UTF-8 only, byte-order mark and CRLF tolerated.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Reads `path` as UTF-8 text with `\n` line endings. `shown` is the path used in messages.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    // Opening a FIFO blocks until someone writes to it: look before opening.
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Err(Diagnostic::error(shown, "not a regular file")
                .hint("recto reads text files here; replace it with a text file"));
        }
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(shown, format!("cannot read the file: {e}"))
            .hint("check that the file exists and is readable")
    })?;
    decode(&bytes, shown)
}

/// Decodes bytes as UTF-8, pointing at the first bad byte if they are not.
pub fn decode(bytes: &[u8], shown: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(normalise_newlines(text)),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let bad = bytes[e.valid_up_to()];
            Err(Diagnostic::error(
                shown,
                format!("the file is not valid UTF-8 text (byte 0x{bad:02X})"),
            )
            .at(line, column)
            .hint("save the file with UTF-8 encoding (most editors offer it under \"Save as\")"))
        }
    }
}

fn normalise_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_tolerated() {
        let text = decode(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n", Path::new("a.md")).unwrap();
        assert_eq!(text, "---\ntitle: x\n---\n");
    }

    #[test]
    fn bad_bytes_are_located() {
        let err = decode(b"---\ntitle: caf\xE9\n", Path::new("a.md")).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(11)));
        assert!(err.message.contains("not valid UTF-8"));
    }
}
