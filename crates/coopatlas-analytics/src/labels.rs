//! Names of the analytics' keys — federal districts, economic regions, associations, spheres,
//! forms, depths, scopes, genres, languages, units — in Russian and English, for reports and
//! spreadsheets. Keys are those of the gazetteer and the codebook; an unknown key names itself.

use serde::Serialize;

/// The language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Picks the Russian or the English text.
    pub fn pick<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// (key, Russian, English) rows of one vocabulary.
pub type Vocabulary = &'static [(&'static str, &'static str, &'static str)];

/// The eight federal districts, in the order Russian statistics lists them.
pub const FEDERAL_DISTRICTS: Vocabulary = &[
    ("central", "Центральный ФО", "Central FD"),
    ("northwestern", "Северо-Западный ФО", "Northwestern FD"),
    ("southern", "Южный ФО", "Southern FD"),
    ("north_caucasian", "Северо-Кавказский ФО", "North Caucasian FD"),
    ("volga", "Приволжский ФО", "Volga FD"),
    ("ural", "Уральский ФО", "Ural FD"),
    ("siberian", "Сибирский ФО", "Siberian FD"),
    ("far_eastern", "Дальневосточный ФО", "Far Eastern FD"),
];

pub const ECONOMIC_REGIONS: Vocabulary = &[
    ("northern", "Северный", "Northern"),
    ("northwestern", "Северо-Западный", "Northwestern"),
    ("central", "Центральный", "Central"),
    ("volga_vyatka", "Волго-Вятский", "Volga-Vyatka"),
    ("central_black_earth", "Центрально-Чернозёмный", "Central Black Earth"),
    ("volga", "Поволжский", "Volga"),
    ("north_caucasus", "Северо-Кавказский", "North Caucasus"),
    ("ural", "Уральский", "Ural"),
    ("west_siberian", "Западно-Сибирский", "West Siberian"),
    ("east_siberian", "Восточно-Сибирский", "East Siberian"),
    ("far_eastern", "Дальневосточный", "Far Eastern"),
    ("kaliningrad", "Калининградская область", "Kaliningrad Oblast"),
];

pub const ASSOCIATIONS: Vocabulary = &[
    ("north_west", "Северо-Запад", "North-West"),
    ("central_russia", "Центральная Россия", "Central Russia"),
    ("black_earth", "Черноземье", "Black Earth"),
    ("north_caucasus", "Северный Кавказ", "North Caucasus"),
    ("greater_volga", "Большая Волга", "Greater Volga"),
    ("greater_urals", "Большой Урал", "Greater Urals"),
    ("siberian_accord", "Сибирское соглашение", "Siberian Accord"),
    ("far_east_transbaikal", "Дальний Восток и Забайкалье", "Far East and Trans-Baikal"),
];

/// The spheres of the codebook, in the contract's order.
pub const SPHERES: Vocabulary = &[
    ("science_innovation", "наука и инновации", "science and innovation"),
    ("education", "образование", "education"),
    ("culture", "культура", "culture"),
    ("tourism", "туризм", "tourism"),
    ("youth_sport", "молодёжь и спорт", "youth and sport"),
    ("transport_logistics", "транспорт и логистика", "transport and logistics"),
    ("industry", "промышленность", "industry"),
    ("trade", "торговля", "trade"),
    ("investment_finance", "инвестиции и финансы", "investment and finance"),
    ("energy", "энергетика", "energy"),
    ("environment", "экология", "environment"),
    ("healthcare", "здравоохранение", "healthcare"),
    ("agriculture", "сельское хозяйство", "agriculture"),
    ("migration_labour", "миграция и труд", "migration and labour"),
    ("digital_communications", "цифровые технологии и связь", "digital and communications"),
    ("urban_development", "городское развитие", "urban development"),
    ("social", "социальная сфера", "social affairs"),
    ("humanitarian", "гуманитарное сотрудничество", "humanitarian cooperation"),
];

/// The forms of the codebook, in the contract's order.
pub const FORMS: Vocabulary = &[
    ("agreement", "соглашения", "agreements"),
    ("programme", "программы", "programmes"),
    ("twinning", "побратимство", "twinning"),
    ("visit", "визиты и делегации", "visits and delegations"),
    ("working_group", "рабочие группы и комиссии", "working groups and commissions"),
    ("forum", "форумы и выставки", "forums and exhibitions"),
    ("joint_project", "совместные проекты", "joint projects"),
    ("association", "членство в объединениях", "membership of associations"),
    ("trade", "торговля", "trade"),
    ("representation", "представительства", "representations"),
];

pub const DEPTHS: Vocabulary = &[
    ("none", "нет", "none"),
    ("shallow", "упоминание", "shallow"),
    ("formal", "формальная", "formal"),
    ("detailed", "детальная", "detailed"),
];

pub const SCOPES: Vocabulary =
    &[("interregional", "межрегиональное", "interregional"), ("international", "международное", "international")];

pub const GENRES: Vocabulary = &[
    ("news", "новости", "news"),
    ("strategy", "стратегии", "strategies"),
    ("agreement", "соглашения", "agreements"),
    ("programme", "программы", "programmes"),
    ("forum", "форумы", "forums"),
    ("research", "исследования", "research"),
    ("other", "прочее", "other"),
];

pub const LANGUAGES: Vocabulary = &[("ru", "русский", "Russian"), ("en", "английский", "English")];

pub const UNITS: Vocabulary = &[
    ("USD", "долл. США", "USD"),
    ("EUR", "евро", "EUR"),
    ("RUB", "руб.", "RUB"),
    ("BYN", "бел. руб.", "BYN"),
    ("CNY", "юаней", "CNY"),
    ("count", "ед.", "count"),
    ("percent", "%", "%"),
    ("kV", "кВ", "kV"),
    ("MW", "МВт", "MW"),
    ("km", "км", "km"),
    ("ha", "га", "ha"),
    ("t", "т", "t"),
    ("people", "чел.", "people"),
];

pub const QUALIFIERS: Vocabulary = &[
    ("more_than", "более", "more than"),
    ("less_than", "менее", "less than"),
    ("about", "около", "about"),
    ("almost", "почти", "almost"),
    ("up_to", "до", "up to"),
    ("at_least", "не менее", "at least"),
];

/// The name of `key` in `vocabulary`, or the key itself when it has none.
pub fn name(vocabulary: Vocabulary, key: &str, lang: Lang) -> &str {
    vocabulary.iter().find(|(known, _, _)| *known == key).map_or(key, |(_, ru, en)| lang.pick(ru, en))
}

/// The position of `key` in `vocabulary` (for the canonical order of rows and columns); unknown
/// keys sort last.
pub fn rank(vocabulary: Vocabulary, key: &str) -> usize {
    vocabulary.iter().position(|(known, _, _)| *known == key).unwrap_or(vocabulary.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_both_languages_and_unknown_keys_name_themselves() {
        assert_eq!(name(FEDERAL_DISTRICTS, "far_eastern", Lang::Ru), "Дальневосточный ФО");
        assert_eq!(name(SPHERES, "youth_sport", Lang::En), "youth and sport");
        assert_eq!(name(FORMS, "mystery", Lang::Ru), "mystery");
        assert_eq!(rank(FEDERAL_DISTRICTS, "central"), 0);
        assert_eq!(rank(FEDERAL_DISTRICTS, "atlantis"), 8);
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}
