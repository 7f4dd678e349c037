/// The first non-empty line of the text when it reads like a heading: short, not a dateline, and
/// not ending like a sentence. Markdown heading marks are removed.
pub fn guess_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    let line = line.trim_start_matches('#').trim();
    let characters = line.chars().count();
    let looks_like_heading = (3..=320).contains(&characters)
        && !line.ends_with([',', ';', ':'])
        && !(line.ends_with('.') && line.split_whitespace().count() > 12)
        && crate::date::dateline_date(line).is_none_or(|_| line.split_whitespace().count() > 6);
    looks_like_heading.then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_heading_line() {
        assert_eq!(guess_title("\n# Стратегия развития\n\nТекст."), Some("Стратегия развития".into()));
        assert_eq!(
            guess_title("Kazan and Minsk sign a roadmap\nKAZAN, 12 March 2021 — ..."),
            Some("Kazan and Minsk sign a roadmap".into())
        );
        assert_eq!(guess_title("27.06.2019\nТекст"), None);
        assert_eq!(guess_title(""), None);
        let long_sentence = "This is a long first line that reads like an ordinary sentence of running text and not like a title at all.";
        assert_eq!(guess_title(long_sentence), None);
    }
}
