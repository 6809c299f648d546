//! ANSI styles for the plain-text outputs (`diff`, `snapshot --check`); the diagnostics use
//! annotate-snippets' own.

/// Red: removed figures, `-` lines.
pub const RED: &str = "31";
/// Green: added figures, `+` lines.
pub const GREEN: &str = "32";
/// Yellow: changed figures.
pub const YELLOW: &str = "33";
/// Cyan: hunk headers.
pub const CYAN: &str = "36";
/// Bold: file headers.
pub const BOLD: &str = "1";

/// `text` in the style `code` when `color`, else as is.
pub fn paint(color: bool, code: &str, text: &str) -> String {
    if color && !text.is_empty() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A unified diff's text with its lines coloured as `git diff` does: `-` red, `+` green,
/// `@@` cyan, `---`/`+++` bold.
pub fn unified(color: bool, diff: &str) -> String {
    if !color {
        return diff.to_string();
    }
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let code = if body.starts_with("+++") || body.starts_with("---") {
            Some(BOLD)
        } else if body.starts_with('+') {
            Some(GREEN)
        } else if body.starts_with('-') {
            Some(RED)
        } else if body.starts_with("@@") {
            Some(CYAN)
        } else {
            None
        };
        match code {
            Some(c) => out.push_str(&paint(true, c, body)),
            None => out.push_str(body),
        }
        out.push_str(nl);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_only_when_asked() {
        let d = "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same\n";
        assert_eq!(unified(false, d), d);
        let c = unified(true, d);
        assert!(c.contains("\x1b[31m-old\x1b[0m\n"), "{c:?}");
        assert!(c.contains("\x1b[32m+new\x1b[0m\n"), "{c:?}");
        assert!(c.contains("\x1b[1m--- a\x1b[0m\n"), "{c:?}");
        assert!(c.ends_with(" same\n"));
        assert_eq!(paint(false, RED, "x"), "x");
    }
}
