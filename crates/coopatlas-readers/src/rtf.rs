//! RTF: a small reader of the text, written here rather than taken from crates.io.
//!
//! The RTF crates available (rtf-parser 0.4 being the most used) take a `&str`, so the bytes
//! of `\'xx` escapes come out as Latin-1 code points whatever `\ansicpg1251` says, which
//! garbles every Russian document that is not written in `\uN` escapes; they also pull in
//! wasm-bindgen by default. Plain text out of RTF needs little: groups, control words, the
//! destinations to skip, the document's code page (and the fonts' charsets, which older
//! Russian files rely on) for `\'xx`, and `\uN` with its `\ucN` fallback count.
//!
//! The parser keeps its own stack of groups and never recurses, so deep nesting cannot
//! overflow the call stack; unbalanced braces are tolerated.

use std::collections::HashMap;

use encoding_rs::{Encoding, WINDOWS_1252};

use crate::builder::{Break, TextBuilder};
use crate::{Extracted, Format, ReadError};

const FORMAT: &str = "rtf";

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Destination {
    /// The document's running text.
    Text,
    /// Not text: pictures, tables of fonts and colours, field instructions, headers...
    Skip,
    /// The font table, read for the charsets of the fonts.
    FontTable,
    /// The information group: only its `\title` is kept.
    Info,
    Title,
}

#[derive(Debug, Clone)]
struct Group {
    destination: Destination,
    /// Characters of fallback text after each `\uN` (`\ucN`).
    unicode_skip: usize,
    font: Option<i32>,
}

/// Destinations whose content is not document text. Groups starting with `\*` are skipped
/// too, whatever their name.
const SKIPPED_DESTINATIONS: &[&str] = &[
    "colortbl",
    "stylesheet",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "filetbl",
    "pgdsctbl",
    "latentstyles",
    "themedata",
    "colorschememapping",
    "datastore",
    "fldinst",
    "template",
    "private",
    "pict",
    "nonshppict",
    "objdata",
    "objclass",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "bkmkstart",
    "bkmkend",
    "pntxta",
    "pntxtb",
    "txe",
    "xe",
    "tc",
    "tcn",
    "userprops",
    "docvar",
    "mmathPr",
    "protusertbl",
    "passwordhash",
    "shpinst",
    "sp",
    "sn",
    "sv",
    "wgrffmtfilter",
    "listpicture",
    "fchars",
    "lchars",
    "ftnsep",
    "ftnsepc",
    "ftncn",
    "aftnsep",
    "aftnsepc",
    "aftncn",
    "blipuid",
];

struct Parser<'a> {
    bytes: &'a [u8],
    position: usize,
    stack: Vec<Group>,
    group: Group,
    /// The next control word opens the group (and may name its destination).
    group_start: bool,
    /// The group opened with `\*`: skip it unless its destination is known.
    ignorable: bool,
    document_encoding: &'static Encoding,
    code_page_declared: bool,
    default_font: Option<i32>,
    /// Encodings of fonts with a non-ANSI charset (`\fcharset204` is Cyrillic).
    font_encodings: HashMap<i32, &'static Encoding>,
    defining_font: Option<i32>,
    /// Bytes of text waiting to be decoded together (a DBCS character spans two `\'xx`).
    pending: Vec<u8>,
    pending_encoding: &'static Encoding,
    pending_destination: Destination,
    /// Fallback characters still to skip after a `\uN`.
    unicode_fallback: usize,
    high_surrogate: Option<u16>,
    text: TextBuilder,
    title: String,
    had_errors: bool,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Extracted, ReadError> {
    let mut parser = Parser::new(bytes);
    parser.run();
    let encoding = parser.document_encoding;
    let had_errors = parser.had_errors;
    let title = parser.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = parser.text.finish();
    if text.is_empty() {
        return Err(ReadError::NoText { format: FORMAT });
    }
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("invalid {} byte sequences replaced", encoding.name()));
    }
    Ok(Extracted {
        format: Format::Rtf,
        text,
        title: (!title.is_empty()).then_some(title),
        date: None,
        pages: Vec::new(),
        encoding: Some(encoding.name()),
        warnings,
    })
}

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8]) -> Parser<'a> {
        Parser {
            bytes,
            position: 0,
            stack: Vec::new(),
            group: Group { destination: Destination::Text, unicode_skip: 1, font: None },
            group_start: false,
            ignorable: false,
            document_encoding: WINDOWS_1252,
            code_page_declared: false,
            default_font: None,
            font_encodings: HashMap::new(),
            defining_font: None,
            pending: Vec::new(),
            pending_encoding: WINDOWS_1252,
            pending_destination: Destination::Text,
            unicode_fallback: 0,
            high_surrogate: None,
            text: TextBuilder::new(),
            title: String::new(),
            had_errors: false,
        }
    }

    fn run(&mut self) {
        while let Some(&byte) = self.bytes.get(self.position) {
            self.position += 1;
            match byte {
                b'{' => {
                    self.unicode_fallback = 0;
                    self.flush();
                    self.stack.push(self.group.clone());
                    self.group_start = true;
                    self.ignorable = false;
                }
                b'}' => {
                    self.unicode_fallback = 0;
                    self.flush();
                    if let Some(group) = self.stack.pop() {
                        self.group = group;
                    }
                    self.group_start = false;
                }
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                b'\t' => self.symbol_text(SymbolText::Break(Break::Tab)),
                _ => self.text_byte(byte),
            }
        }
        self.flush();
    }

    /// After a backslash: a control word, a `\'xx` escape or a control symbol.
    fn control(&mut self) {
        let Some(&next) = self.bytes.get(self.position) else {
            return;
        };
        if next.is_ascii_alphabetic() {
            let start = self.position;
            while self.bytes.get(self.position).is_some_and(u8::is_ascii_alphabetic) {
                self.position += 1;
            }
            // Control words are at most 32 letters; a longer run is garbage, read as one word.
            let name = std::str::from_utf8(&self.bytes[start..self.position.min(start + 32)]).unwrap_or("");
            let negative = self.bytes.get(self.position) == Some(&b'-')
                && self.bytes.get(self.position + 1).is_some_and(u8::is_ascii_digit);
            if negative {
                self.position += 1;
            }
            let mut parameter: Option<i64> = None;
            while let Some(digit) = self.bytes.get(self.position).filter(|byte| byte.is_ascii_digit()) {
                let value = parameter.unwrap_or(0).saturating_mul(10).saturating_add(i64::from(digit - b'0'));
                parameter = Some(value.min(i64::from(i32::MAX) + 1));
                self.position += 1;
            }
            let parameter = parameter
                .map(|value| if negative { -value } else { value })
                .map(|value| value.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
            if self.bytes.get(self.position) == Some(&b' ') {
                self.position += 1;
            }
            self.word(name, parameter);
        } else if next == b'\'' {
            let hex = self.bytes.get(self.position + 1..self.position + 3);
            let value =
                hex.and_then(|hex| std::str::from_utf8(hex).ok()).and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match value {
                Some(value) => {
                    self.position += 3;
                    self.text_byte(value);
                }
                None => self.position += 1,
            }
        } else {
            self.position += 1;
            self.symbol(next);
        }
    }

    fn symbol(&mut self, symbol: u8) {
        if symbol == b'*' {
            // `{\*\destination ...}`: the group start stays open for the word that follows.
            if self.group_start {
                self.ignorable = true;
            }
            return;
        }
        self.group_start = false;
        let output = match symbol {
            b'\\' | b'{' | b'}' => SymbolText::Byte(symbol),
            b'~' => SymbolText::Char('\u{a0}'),
            b'_' => SymbolText::Char('-'),
            b'\r' | b'\n' => SymbolText::Break(Break::Paragraph),
            // \- optional hyphen, \: index subentry, \| formula character.
            _ => SymbolText::Nothing,
        };
        self.symbol_text(output);
    }

    fn symbol_text(&mut self, output: SymbolText) {
        if self.unicode_fallback > 0 {
            self.unicode_fallback -= 1;
            return;
        }
        match output {
            SymbolText::Byte(byte) => self.text_byte_unskipped(byte),
            SymbolText::Char(character) => self.emit_char(character),
            SymbolText::Break(kind) => self.emit_break(kind),
            SymbolText::Nothing => {}
        }
    }

    fn word(&mut self, name: &str, parameter: Option<i32>) {
        let group_start = std::mem::take(&mut self.group_start);
        if group_start && self.open_destination(name) {
            return;
        }
        // `\bin` data is skipped whatever the state: it is raw bytes, not RTF.
        if name == "bin" {
            let length = usize::try_from(parameter.unwrap_or(0)).unwrap_or(0);
            self.position = self.position.saturating_add(length).min(self.bytes.len());
            return;
        }
        if self.unicode_fallback > 0 {
            self.unicode_fallback -= 1;
            return;
        }
        match (name, parameter) {
            ("ansi", _) if !self.code_page_declared => self.document_encoding = WINDOWS_1252,
            ("mac", _) if !self.code_page_declared => {
                self.document_encoding = code_page(10000).unwrap_or(WINDOWS_1252);
            }
            ("ansicpg", Some(number)) => {
                if let Some(encoding) = code_page(number) {
                    self.document_encoding = encoding;
                    self.code_page_declared = true;
                }
            }
            ("deff", Some(number)) => {
                self.default_font = Some(number);
                if self.stack.is_empty() || self.stack.len() == 1 {
                    self.group.font = Some(number);
                }
            }
            ("f", Some(number)) => {
                if self.group.destination == Destination::FontTable {
                    self.defining_font = Some(number);
                } else {
                    self.group.font = Some(number);
                }
            }
            ("fcharset", Some(charset)) if self.group.destination == Destination::FontTable => {
                if let (Some(font), Some(encoding)) = (self.defining_font, charset_encoding(charset)) {
                    self.font_encodings.insert(font, encoding);
                }
            }
            ("cpg", Some(number)) if self.group.destination == Destination::FontTable => {
                if let (Some(font), Some(encoding)) = (self.defining_font, code_page(number)) {
                    self.font_encodings.insert(font, encoding);
                }
            }
            ("plain", _) => self.group.font = self.default_font,
            ("uc", Some(count)) => self.group.unicode_skip = usize::try_from(count).unwrap_or(0).min(16),
            ("u", Some(value)) => {
                self.unicode(value);
                self.unicode_fallback = self.group.unicode_skip;
            }
            ("par" | "sect" | "page" | "pagebb", _) => self.emit_break(Break::Paragraph),
            ("line" | "row" | "nestrow", _) => self.emit_break(Break::Line),
            ("tab" | "cell" | "nestcell", _) => self.emit_break(Break::Tab),
            ("emdash", _) => self.emit_char('\u{2014}'),
            ("endash", _) => self.emit_char('\u{2013}'),
            ("emspace" | "enspace" | "qmspace", _) => self.emit_char(' '),
            ("bullet", _) => self.emit_char('\u{2022}'),
            ("lquote", _) => self.emit_char('\u{2018}'),
            ("rquote", _) => self.emit_char('\u{2019}'),
            ("ldblquote", _) => self.emit_char('\u{201c}'),
            ("rdblquote", _) => self.emit_char('\u{201d}'),
            _ => {}
        }
    }

    /// Handles the first control word of a group; true when it named a destination.
    fn open_destination(&mut self, name: &str) -> bool {
        let current = self.group.destination;
        let ignorable = std::mem::take(&mut self.ignorable);
        let destination = match (current, name) {
            (Destination::Skip | Destination::Title, _) => return false,
            (Destination::Info, "title") => Destination::Title,
            (Destination::Info, _) => Destination::Skip,
            (Destination::FontTable, _) => return false,
            (Destination::Text, "fonttbl") => Destination::FontTable,
            (Destination::Text, "info") => Destination::Info,
            (Destination::Text, _) if ignorable || SKIPPED_DESTINATIONS.contains(&name) => Destination::Skip,
            (Destination::Text, _) => return false,
        };
        self.flush();
        self.group.destination = destination;
        true
    }

    fn unicode(&mut self, value: i32) {
        // Values above 32767 are written as negative numbers.
        let unit = if value < 0 { value + 65536 } else { value };
        let Ok(unit) = u16::try_from(unit) else {
            return;
        };
        match unit {
            0xD800..=0xDBFF => self.high_surrogate = Some(unit),
            0xDC00..=0xDFFF => {
                if let Some(high) = self.high_surrogate.take() {
                    let combined = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    if let Some(character) = char::from_u32(combined) {
                        self.emit_char(character);
                    }
                }
            }
            _ => {
                self.high_surrogate = None;
                if let Some(character) = char::from_u32(u32::from(unit)).filter(|character| *character != '\0') {
                    self.emit_char(character);
                }
            }
        }
    }

    fn text_byte(&mut self, byte: u8) {
        self.group_start = false;
        if self.unicode_fallback > 0 {
            self.unicode_fallback -= 1;
            return;
        }
        self.text_byte_unskipped(byte);
    }

    fn text_byte_unskipped(&mut self, byte: u8) {
        let destination = self.group.destination;
        if !matches!(destination, Destination::Text | Destination::Title) {
            return;
        }
        let encoding = self.current_encoding();
        if encoding != self.pending_encoding || destination != self.pending_destination {
            self.flush();
            self.pending_encoding = encoding;
            self.pending_destination = destination;
        }
        self.pending.push(byte);
    }

    fn current_encoding(&self) -> &'static Encoding {
        self.group.font.and_then(|font| self.font_encodings.get(&font).copied()).unwrap_or(self.document_encoding)
    }

    /// Decodes the pending bytes into the destination they were read in.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let (decoded, had_errors) = self.pending_encoding.decode_without_bom_handling(&self.pending);
        self.had_errors |= had_errors;
        match self.pending_destination {
            Destination::Text => self.text.push_raw(&decoded),
            Destination::Title => self.title.push_str(&decoded),
            _ => {}
        }
        self.pending.clear();
    }

    fn emit_char(&mut self, character: char) {
        self.flush();
        match self.group.destination {
            Destination::Text => self.text.push_char(character),
            Destination::Title => self.title.push(character),
            _ => {}
        }
    }

    fn emit_break(&mut self, kind: Break) {
        self.flush();
        match self.group.destination {
            Destination::Text => self.text.brk(kind),
            Destination::Title => self.title.push(' '),
            _ => {}
        }
    }
}

enum SymbolText {
    Byte(u8),
    Char(char),
    Break(Break),
    Nothing,
}

/// Encoding of a Windows code page number (`\ansicpgN`, `\cpgN`).
fn code_page(number: i32) -> Option<&'static Encoding> {
    let label = match number {
        866 => "ibm866".to_owned(),
        874 => "windows-874".to_owned(),
        932 => "shift_jis".to_owned(),
        936 => "gbk".to_owned(),
        949 => "euc-kr".to_owned(),
        950 => "big5".to_owned(),
        1250..=1258 => format!("windows-{number}"),
        10000 => "macintosh".to_owned(),
        10007 => "x-mac-cyrillic".to_owned(),
        20866 => "koi8-r".to_owned(),
        21866 => "koi8-u".to_owned(),
        28591..=28606 => format!("iso-8859-{}", number - 28590),
        65001 => "utf-8".to_owned(),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// Encoding of a font charset (`\fcharsetN`). ANSI (0), default (1) and symbol (2) fonts
/// follow the document's code page: writers put `\fcharset0` on fonts they use for any text.
fn charset_encoding(charset: i32) -> Option<&'static Encoding> {
    let code_page_number = match charset {
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    };
    code_page(code_page_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(rtf: &[u8]) -> String {
        read(rtf).unwrap().text
    }

    #[test]
    fn code_page_escapes_are_decoded() {
        let rtf = br"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset204 Calibri;}}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\sa200\sl276\slmult1\f0\fs22\lang1049\'cf\'f1\'ea\'EE\'e2 \'e8 \'d2\'e0\'f0\'f2\'f3\par
\'c2\'f2\'ee\'f0\'ee\'e9 \'e0\'e1\'e7\'e0\'f6\par
}";
        let extracted = read(rtf).unwrap();
        assert_eq!(extracted.text, "Псков и Тарту\n\nВторой абзац");
        assert_eq!(extracted.encoding, Some("windows-1251"));
        assert_eq!(extracted.format, Format::Rtf);
    }

    #[test]
    fn font_charsets_override_the_document_code_page() {
        let rtf =
            br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times;}{\f1\fswiss\fcharset204 Arial;}}
\f0 caf\'e9 {\f1 \'cc\'e8\'f0} caf\'e9\par}";
        assert_eq!(text_of(rtf), "caf\u{e9} \u{41c}\u{438}\u{440} caf\u{e9}");
    }

    #[test]
    fn unicode_escapes_skip_their_fallback() {
        let rtf =
            br"{\rtf1\ansi\uc1\u1055?\u1089?\u1082?\u1086?\u1074? {\uc2\u1080\'3f\'3f} \u-10179?\u-8704?\u-3913?\par}";
        assert_eq!(text_of(rtf), "Псков и \u{1f600}\u{f0b7}");
        let uc0 = br"{\rtf1\uc0\u1052\u1080\u1088  ok}";
        assert_eq!(text_of(uc0), "Мир ok");
    }

    #[test]
    fn destinations_are_skipped_and_the_title_is_kept() {
        let rtf = br#"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}}{\info{\title \'d1\'ee\'e3\'eb\'e0\'f8\'e5\'ed\'e8\'e5}{\author X}}
{\*\pnseclvl1\pnucrm{\pntxta .}}{\header Page header\par}
{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt link text}} and {\pict\pngblip 89504e47}\par
tab\tab cell\cell row\row end\~here \{braces\} back\\slash\emdash\lquote q\rquote\par
{\footnote footnote text}after\line line \bin3 {}}done}"#;
        let extracted = read(rtf).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Соглашение"));
        assert_eq!(
            extracted.text,
            "link text and\n\ntab\tcell\trow\nend\u{a0}here {braces} back\\slash\u{2014}\u{2018}q\u{2019}\n\nafter\nline done"
        );
    }

    #[test]
    fn empty_and_broken_rtf() {
        assert_eq!(read(br"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\par\par}"), Err(ReadError::NoText { format: "rtf" }));
        // Unbalanced braces, a truncated escape and a huge parameter do not stop the text.
        assert_eq!(text_of(br"{\rtf1 }} text {{\fs99999999999999999 more\'"), "text more");
        assert_eq!(text_of(br"{\rtf1 a\'zzb\u99999999999 ?c"), "azzbc");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let mut rtf = b"{\\rtf1 ".to_vec();
        rtf.extend(std::iter::repeat_n(b'{', 200_000));
        rtf.extend_from_slice(b"deep");
        rtf.extend(std::iter::repeat_n(b'}', 200_000));
        assert_eq!(text_of(&rtf), "deep");
    }
}
