use whatlang::{Detector, Lang};

/// Detects the language of `text` and returns its ISO 639-1 code, or `None` when the text has too
/// few letters to tell.
///
/// The script decides first (Cyrillic or Latin letters dominate), then `whatlang` picks among the
/// languages of that script that coopatlas expects, so a Russian text is never taken for Serbian
/// because of a few shared trigrams.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // A sample from the start is enough and keeps detection cheap on 300-page strategies.
    let sample = prefix(text, 20_000);
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for character in sample.chars() {
        // Ranges first: the general alphabetic lookup is slow outside ASCII, and these blocks
        // are what is counted.
        if ('\u{0400}'..='\u{045F}').contains(&character) {
            cyrillic += 1;
        } else if ('\u{0460}'..='\u{04FF}').contains(&character) {
            cyrillic += usize::from(character.is_alphabetic());
        } else if character.is_ascii_alphabetic()
            || ('\u{00C0}'..='\u{024F}').contains(&character) && character.is_alphabetic()
        {
            latin += 1;
        }
    }
    if cyrillic + latin < 3 {
        return None;
    }
    let candidates: &[Lang] = if cyrillic >= latin {
        &[Lang::Rus, Lang::Ukr, Lang::Bel, Lang::Bul, Lang::Mkd, Lang::Srp]
    } else {
        &[Lang::Eng, Lang::Deu, Lang::Fra, Lang::Spa, Lang::Ita, Lang::Por, Lang::Pol, Lang::Nld]
    };
    let detector = Detector::with_allowlist(candidates.to_vec());
    let lang = match detector.detect(sample) {
        // Short texts are unreliable between neighbours: prefer the main language of each script.
        Some(info) if info.is_reliable() || sample.len() > 400 => info.lang(),
        _ => candidates[0],
    };
    Some(iso_639_1(lang))
}

fn prefix(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Bul => "bg",
        Lang::Mkd => "mk",
        Lang::Srp => "sr",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Pol => "pl",
        Lang::Nld => "nl",
        _ => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_russian_from_english() {
        assert_eq!(
            detect_language("Губернатор подписал соглашение о сотрудничестве с Могилёвской областью."),
            Some("ru")
        );
        assert_eq!(detect_language("The governor signed a cooperation agreement with the Mogilev Region."), Some("en"));
        assert_eq!(detect_language("Ок"), None);
        assert_eq!(detect_language("Союз"), Some("ru"));
        assert_eq!(detect_language("12 345, 678"), None);
        assert_eq!(detect_language(""), None);
    }

    #[test]
    fn a_long_prefix_is_cut_on_a_char_boundary() {
        let text = "Сотрудничество регионов. ".repeat(2_000);
        assert_eq!(detect_language(&text), Some("ru"));
    }
}
