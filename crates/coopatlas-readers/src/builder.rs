//! Building plain text out of a tree of blocks and runs (HTML, DOCX, ODT, RTF).
//!
//! Readers push text and ask for breaks; a break is only written when more text follows, and
//! the strongest break asked for wins, so empty paragraphs and nested blocks never pile up
//! blank lines.

/// A separator between two pieces of text, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Break {
    Space,
    Tab,
    Line,
    Paragraph,
}

#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    pending: Option<Break>,
}

impl TextBuilder {
    pub(crate) fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Asks for a break before the next text.
    pub(crate) fn brk(&mut self, wanted: Break) {
        if self.pending.is_none_or(|pending| wanted > pending) {
            self.pending = Some(wanted);
        }
    }

    /// Pushes text whose whitespace runs mean one space (HTML, ODF).
    pub(crate) fn push_collapsed(&mut self, text: &str) {
        for character in text.chars() {
            if character.is_whitespace() {
                self.brk(Break::Space);
            } else {
                self.push_char(character);
            }
        }
    }

    /// Pushes text as it is (DOCX `w:t`, RTF): its spaces are the author's.
    pub(crate) fn push_raw(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.flush();
        self.text.push_str(text);
    }

    pub(crate) fn push_char(&mut self, character: char) {
        self.flush();
        self.text.push(character);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn flush(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        // Nothing leads the text: a document starting with a heading does not start with a
        // blank line.
        if self.text.is_empty() {
            return;
        }
        match pending {
            Break::Space => self.text.push(' '),
            Break::Tab => self.text.push('\t'),
            Break::Line => self.text.push('\n'),
            Break::Paragraph => self.text.push_str("\n\n"),
        }
    }

    /// The text, tidied with [`tidy`].
    pub(crate) fn finish(self) -> String {
        tidy(&self.text)
    }
}

/// Normalises line endings to `\n`.
pub(crate) fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Line endings to `\n`, no trailing whitespace on a line, at most one blank line in a row,
/// no whitespace at either end (lines after the first keep their indentation).
pub(crate) fn tidy(text: &str) -> String {
    let text = normalise_newlines(text);
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0usize;
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        if out.is_empty() {
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongest_break_wins_and_nothing_leads() {
        let mut builder = TextBuilder::new();
        builder.brk(Break::Paragraph);
        builder.push_collapsed("  Калининград \n и   Гродно ");
        builder.brk(Break::Line);
        builder.brk(Break::Paragraph);
        builder.brk(Break::Space);
        builder.push_raw("Минск");
        builder.brk(Break::Tab);
        builder.push_char('!');
        builder.brk(Break::Paragraph);
        assert_eq!(builder.finish(), "Калининград и Гродно\n\nМинск\t!");
    }

    #[test]
    fn tidy_collapses_blank_lines_and_trailing_spaces() {
        assert_eq!(tidy("\r\n  \na  \r\rb\n\n\n\nc\t\n \n"), "a\n\nb\n\nc");
        assert_eq!(tidy("  first\n  indented"), "first\n  indented");
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalise_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
