//! Escaping. Titles, sentences, paths and even place names come from documents and user files,
//! so every piece of text goes through [`esc`] before it meets markup; markup is only ever
//! written by this crate.

use std::borrow::Cow;

/// Text made safe for element content and quoted attribute values: `& < > " ' /` become
/// references, and control characters that HTML forbids become U+FFFD.
pub(crate) fn esc(text: &str) -> String {
    let cleaned: Cow<str> = if text.chars().any(forbidden) {
        Cow::Owned(text.chars().map(|character| if forbidden(character) { '\u{fffd}' } else { character }).collect())
    } else {
        Cow::Borrowed(text)
    };
    html_escape::encode_safe(&cleaned).into_owned()
}

/// Control characters other than tab, line feed and carriage return are parse errors in HTML.
fn forbidden(character: char) -> bool {
    (character.is_control() && !matches!(character, '\t' | '\n' | '\r')) || character == '\u{fffe}'
}

/// A fragment id made of `[a-z0-9-]` from any key (`geonames:2013348` → `geonames-2013348`).
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        if character.is_ascii_alphanumeric() {
            out.push(character.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(esc("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;");
        assert_eq!(esc("a \"b\" & 'c'"), "a &quot;b&quot; &amp; &#x27;c&#x27;");
        assert_eq!(esc("nul\u{0}bell\u{7}"), "nul\u{fffd}bell\u{fffd}");
        assert_eq!(esc("Калининград"), "Калининград");
    }

    #[test]
    fn slugs_are_fragment_safe() {
        assert_eq!(slug("geonames:2013348"), "geonames-2013348");
        assert_eq!(slug("RU-KGD"), "ru-kgd");
        assert_eq!(slug("far_eastern"), "far-eastern");
        assert_eq!(slug("::"), "");
    }
}
