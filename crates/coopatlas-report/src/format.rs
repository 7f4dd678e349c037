//! Numbers and words as each language writes them: Russian "12 345", "12,5 %" (a comma and a
//! non-breaking space), English "12,345", "12.5%"; Russian plurals ("1 документ", "2 документа",
//! "5 документов").

use coopatlas_analytics::Lang;

/// A non-breaking space: keeps "12,5 %" and "12 345" on one line.
pub const NBSP: char = '\u{a0}';

/// An integer with thousands grouped.
pub fn int(value: usize, lang: Lang) -> String {
    let digits = value.to_string();
    let separator = match lang {
        Lang::Ru => NBSP,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A decimal with `decimals` digits after the point, the point as the language writes it and the
/// integer part grouped.
pub fn decimal(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    // "-0,0" reads oddly: a value that rounds to zero has no sign.
    if value < 0.0 && text.bytes().any(|byte| byte.is_ascii_digit() && byte != b'0') {
        out.push('−');
    }
    out.push_str(&int(whole.parse().unwrap_or(0), lang));
    if !fraction.is_empty() {
        out.push(match lang {
            Lang::Ru => ',',
            Lang::En => '.',
        });
        out.push_str(fraction);
    }
    out
}

/// A share (0..=1) as a percentage with one decimal: "66,7 %" or "66.7%".
pub fn percent(share: f64, lang: Lang) -> String {
    let number = decimal(share * 100.0, 1, lang);
    match lang {
        Lang::Ru => format!("{number}{NBSP}%"),
        Lang::En => format!("{number}%"),
    }
}

/// The share of `part` in `whole` as a percentage, or a dash when the whole is empty.
pub fn share(part: usize, whole: usize, lang: Lang) -> String {
    if whole == 0 { "—".to_string() } else { percent(part as f64 / whole as f64, lang) }
}

/// A figure's value as people write it: millions and billions with a scale word ("1,2 млрд"),
/// the rest with at most two decimals and no trailing zeros.
pub fn value(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    // Below a million the number is written out in full ("12 500").
    for (scale, ru, en) in [(1e9, "млрд", "billion"), (1e6, "млн", "million")] {
        if value.abs() >= scale {
            let number = trimmed(value / scale, 2, lang);
            return format!("{number}{NBSP}{}", lang.pick(ru, en));
        }
    }
    trimmed(value, 2, lang)
}

/// A decimal without trailing zeros after the point.
fn trimmed(value: f64, decimals: usize, lang: Lang) -> String {
    let text = decimal(value, decimals, lang);
    let point = match lang {
        Lang::Ru => ',',
        Lang::En => '.',
    };
    if text.contains(point) { text.trim_end_matches('0').trim_end_matches(point).to_string() } else { text }
}

/// The Russian noun form for a count: `one` for 1, 21, 31...; `few` for 2–4, 22–24...; `many`
/// for the rest (5–20, 25–30...).
pub fn plural_ru<'a>(count: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let last_two = count % 100;
    let last = count % 10;
    if (11..=14).contains(&last_two) {
        many
    } else if last == 1 {
        one
    } else if (2..=4).contains(&last) {
        few
    } else {
        many
    }
}

/// "3 documents" / "3 документа".
pub fn documents(count: usize, lang: Lang) -> String {
    let number = int(count, lang);
    match lang {
        Lang::Ru => format!("{number} {}", plural_ru(count, "документ", "документа", "документов")),
        Lang::En if count == 1 => format!("{number} document"),
        Lang::En => format!("{number} documents"),
    }
}

/// Cuts `text` to at most `limit` characters, at a word boundary when there is one near, with an
/// ellipsis.
pub fn clip(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() * 3 / 4 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_each_language_writes_them() {
        assert_eq!(int(1234567, Lang::Ru), "1\u{a0}234\u{a0}567");
        assert_eq!(int(1234567, Lang::En), "1,234,567");
        assert_eq!(int(999, Lang::En), "999");
        assert_eq!(percent(2.0 / 3.0, Lang::Ru), "66,7\u{a0}%");
        assert_eq!(percent(2.0 / 3.0, Lang::En), "66.7%");
        assert_eq!(share(0, 0, Lang::En), "—");
        assert_eq!(decimal(-0.0001, 2, Lang::Ru), "0,00");
        assert_eq!(decimal(-1.5, 1, Lang::En), "−1.5");
        assert_eq!(value(1.2e9, Lang::Ru), "1,2\u{a0}млрд");
        assert_eq!(value(3_000_000.0, Lang::En), "3\u{a0}million");
        assert_eq!(value(12_500.0, Lang::En), "12,500");
        assert_eq!(value(40.0, Lang::Ru), "40");
        assert_eq!(value(12.25, Lang::En), "12.25");
    }

    #[test]
    fn russian_plurals() {
        assert_eq!(documents(1, Lang::Ru), "1 документ");
        assert_eq!(documents(3, Lang::Ru), "3 документа");
        assert_eq!(documents(11, Lang::Ru), "11 документов");
        assert_eq!(documents(21, Lang::Ru), "21 документ");
        assert_eq!(documents(112, Lang::Ru), "112 документов");
        assert_eq!(documents(1, Lang::En), "1 document");
    }

    #[test]
    fn clipping_keeps_whole_words() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("one two three four", 15), "one two three…");
        assert_eq!(clip("one two three four", 12), "one two thre…");
        assert_eq!(clip("абвгдеёжзий", 4), "абвг…");
    }
}
