//! Text rules shared by the formats: numbers as text, characters XML cannot hold, and the names
//! a table may take as a sheet or a file.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;

/// Appends a finite float as plain decimal text: the shortest text that reads back as the same
/// number (`0.1`, `3`, `0.000123`), with an exponent only outside 1e-6..1e15 (`1e-7`, `2.5e20`).
pub(crate) fn push_float(out: &mut String, value: f64) {
    debug_assert!(value.is_finite());
    let magnitude = value.abs();
    if value == 0.0 {
        out.push('0');
    } else if (1e-6..1e15).contains(&magnitude) {
        write!(out, "{value}").expect("writing to a String");
    } else {
        write!(out, "{value:e}").expect("writing to a String");
    }
}

/// A float as text, see [`push_float`].
pub(crate) fn float_text(value: f64) -> String {
    let mut out = String::new();
    push_float(&mut out, value);
    out
}

/// Text with the characters XML 1.0 cannot hold at all (C0 controls other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD. Escaping of `&`, `<`, quotes and
/// line breaks is left to the XML writer.
pub(crate) fn xml_safe(text: &str) -> Cow<'_, str> {
    let invalid =
        |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    if text.contains(invalid) {
        Cow::Owned(text.chars().map(|c| if invalid(c) { '\u{FFFD}' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Excel's limit on a sheet name, in UTF-16 units.
const SHEET_NAME_MAX: usize = 31;

/// Sheet names for tables with these names and numbers of sheets, in order, one name per
/// sheet. A table's first sheet is named after the table: Excel's forbidden characters
/// (`[ ] : * ? / \` and control characters) become `_`, a leading or trailing apostrophe becomes
/// `_`, names are cut to 31 UTF-16 units, an empty name becomes `Sheet`, the reserved `History`
/// becomes `History_`, and a name already taken (Excel compares without case) gets ` (2)`,
/// ` (3)`... within the 31 units. The further sheets of a long table are named like its first
/// with ` (2)`, ` (3)`... (the first name cut to make room), numbers already taken skipped.
pub(crate) fn sheet_names<'a>(tables: impl IntoIterator<Item = (&'a str, usize)>) -> Vec<Vec<String>> {
    let mut taken = HashSet::new();
    tables
        .into_iter()
        .map(|(name, sheets)| {
            let base = sheet_name(name);
            let first = if taken.insert(base.to_lowercase()) { base } else { take_numbered(&mut taken, &base, 2).0 };
            let mut names = vec![first];
            let mut n = 2;
            while names.len() < sheets {
                let (name, next) = take_numbered(&mut taken, &names[0], n);
                names.push(name);
                n = next;
            }
            names
        })
        .collect()
}

/// `base (n)` cut to 31 units, for the first `n` from `from` that gives a name not yet taken;
/// takes it, and gives the number after it.
fn take_numbered(taken: &mut HashSet<String>, base: &str, from: usize) -> (String, usize) {
    let mut n = from;
    loop {
        let suffix = format!(" ({n})");
        let candidate = sheet_name(&format!("{}{suffix}", cut_utf16(base, SHEET_NAME_MAX - suffix.len())));
        n += 1;
        if taken.insert(candidate.to_lowercase()) {
            return (candidate, n);
        }
    }
}

fn sheet_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
        .collect();
    let mut cut = cut_utf16(&replaced, SHEET_NAME_MAX).to_string();
    if cut.starts_with('\'') {
        cut.replace_range(..1, "_");
    }
    if cut.ends_with('\'') {
        cut.replace_range(cut.len() - 1.., "_");
    }
    if cut.is_empty() {
        "Sheet".to_string()
    } else if cut.eq_ignore_ascii_case("history") {
        format!("{cut}_")
    } else {
        cut
    }
}

/// The longest prefix of `text` of at most `max` UTF-16 units that ends on a character boundary.
fn cut_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..at];
        }
    }
    text
}

/// At most this many bytes of a file stem, well under the 255 bytes file systems allow a name.
const FILE_STEM_MAX: usize = 120;

/// File stems (names without `.csv`) for tables with these names, in order, safe on every
/// common file system: path separators, `< > : " | ? *` and control characters become `_`, a
/// leading dot becomes `_` (no hidden files, no `..`), trailing dots and spaces are dropped,
/// Windows device names (`con`, `nul`, `com1`...) get a `_`, an empty name becomes `table`, and a
/// stem already taken (compared without case, as on Windows and macOS) gets `-2`, `-3`...
pub(crate) fn file_stems<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let base = file_stem(name);
            let mut candidate = base.clone();
            let mut n = 2;
            while !taken.insert(candidate.to_lowercase()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

fn file_stem(name: &str) -> String {
    let replaced: String =
        name.chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let mut end = replaced.len().min(FILE_STEM_MAX);
    while !replaced.is_char_boundary(end) {
        end -= 1;
    }
    let mut stem = replaced[..end].trim_end_matches(['.', ' ']).to_string();
    if stem.starts_with('.') {
        stem.replace_range(..1, "_");
    }
    if stem.is_empty() {
        return "table".to_string();
    }
    let device = stem.split('.').next().unwrap_or_default().trim_end().to_ascii_lowercase();
    let reserved = matches!(device.as_str(), "con" | "prn" | "aux" | "nul")
        || (device.len() == 4
            && (device.starts_with("com") || device.starts_with("lpt"))
            && device.as_bytes()[3].is_ascii_digit());
    if reserved {
        stem.push('_');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_plain_decimals_in_normal_magnitudes() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (3.0, "3"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (0.123456789, "0.123456789"),
            (0.000001, "0.000001"),
            (123456789012345.0, "123456789012345"),
            (1e-7, "1e-7"),
            (2.5e20, "2.5e20"),
        ];
        for (value, text) in cases {
            assert_eq!(float_text(value), text, "{value}");
            assert_eq!(float_text(value).parse::<f64>().unwrap(), value);
        }
    }

    #[test]
    fn xml_safe_replaces_only_what_xml_cannot_hold() {
        assert!(matches!(xml_safe("Калининград & \"Гродно\" <'a'>\t\n"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{0}b\u{1B}c\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
    }

    /// One sheet per table.
    fn single_sheets<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        sheet_names(names.into_iter().map(|name| (name, 1))).into_iter().map(|mut names| names.remove(0)).collect()
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        let names = single_sheets([
            "ties",
            "a/b:c*d?e[f]g\\h",
            "'quoted'",
            "",
            "history",
            "Связи регионов Приволжского федерального округа",
            "TIES",
            "ties",
        ]);
        assert_eq!(names[0], "ties");
        assert_eq!(names[1], "a_b_c_d_e_f_g_h");
        assert_eq!(names[2], "_quoted_");
        assert_eq!(names[3], "Sheet");
        assert_eq!(names[4], "history_");
        assert_eq!(names[5], "Связи регионов Приволжского фед");
        assert_eq!(names[5].encode_utf16().count(), 31);
        assert_eq!(names[6], "TIES (2)");
        assert_eq!(names[7], "ties (3)");
    }

    #[test]
    fn long_duplicate_sheet_names_stay_within_31_units() {
        let long = "x".repeat(40);
        let names = single_sheets([long.as_str(), long.as_str()]);
        assert_eq!(names[0], "x".repeat(31));
        assert_eq!(names[1], format!("{} (2)", "x".repeat(27)));
        // Characters outside the BMP count two units each and are never split.
        let emoji = "😀".repeat(20);
        let names = single_sheets([emoji.as_str()]);
        assert_eq!(names[0], "😀".repeat(15));
    }

    #[test]
    fn long_tables_continue_on_numbered_sheets() {
        let long = "Связи регионов Приволжского федерального округа";
        let names = sheet_names([("ties", 3), ("empty", 0), ("one", 1), (long, 11)]);
        assert_eq!(names[0], ["ties", "ties (2)", "ties (3)"]);
        assert_eq!(names[1], ["empty"], "a table without rows still has its sheet");
        assert_eq!(names[2], ["one"]);
        assert_eq!(names[3][0], "Связи регионов Приволжского фед");
        assert_eq!(names[3][1], "Связи регионов Приволжского (2)");
        assert_eq!(names[3][10], "Связи регионов Приволжског (11)");
        for name in names.iter().flatten() {
            assert!(name.encode_utf16().count() <= 31, "{name}");
        }
    }

    #[test]
    fn continuation_names_stay_distinct() {
        let names = sheet_names([("ties (2)", 1), ("ties", 3), ("TIES", 2), ("ties (5) (2)", 1)]);
        assert_eq!(names[0], ["ties (2)"]);
        // The table's own numbers skip the one already taken.
        assert_eq!(names[1], ["ties", "ties (3)", "ties (4)"]);
        // A second table of the name continues from its own first sheet's name.
        assert_eq!(names[2], ["TIES (5)", "TIES (5) (2)"]);
        assert_eq!(names[3], ["ties (5) (2) (2)"]);
        let mut all: Vec<String> = names.into_iter().flatten().map(|name| name.to_lowercase()).collect();
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count);
    }

    #[test]
    fn file_stems_are_safe_and_distinct() {
        let stems = file_stems(["ties", "../etc/passwd", "a:b", "con", "Ties", "", ".hidden", "trail. ", "связи"]);
        assert_eq!(stems, ["ties", "_._etc_passwd", "a_b", "con_", "Ties-2", "table", "_hidden", "trail", "связи"]);
        let long = "я".repeat(100);
        let stems = file_stems([long.as_str()]);
        assert!(stems[0].len() <= FILE_STEM_MAX && stems[0].chars().all(|c| c == 'я'));
    }
}
