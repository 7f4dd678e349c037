//! Sphere cues, one sentence at a time. `check` lists the key of every cue in text order, so a
//! sentence that names a sphere twice shows it twice.

use super::codebook;

fn check(input: &str, expected: &str) {
    let found: Vec<&str> = codebook().spheres(input).iter().map(|cue| cue.key.as_str()).collect();
    assert_eq!(found.join(" "), expected, "{input}");
}

/// Each cue with the words it covers, to pin down byte ranges.
fn check_ranges(input: &str, expected: &str) {
    let found: Vec<String> =
        codebook().spheres(input).iter().map(|cue| format!("{}({})", cue.key, &input[cue.range.clone()])).collect();
    assert_eq!(found.join(" "), expected, "{input}");
}

#[test]
fn compound_adjectives_follow_the_coding_rules() {
    check("Области подписали соглашение о торгово-экономическом сотрудничестве.", "trade");
    check(
        "Соглашение о торгово-экономическом, научно-техническом и культурном сотрудничестве.",
        "trade science_innovation culture",
    );
    check(
        "Стороны развивают связи в торгово-экономической, научно-технической, \
         социально-культурной и гуманитарной сферах.",
        "trade science_innovation social culture humanitarian",
    );
    check("Культурно-гуманитарное сотрудничество двух городов насчитывает тридцать лет.", "culture humanitarian");
    check(
        "The agreement covers trade and economic, scientific and technical, and cultural \
         cooperation.",
        "trade science_innovation culture",
    );
    check("The regions discussed trade-economic and scientific-technical cooperation.", "trade science_innovation");
    check("Socio-cultural projects of the two cities were presented.", "social culture");
    check("They signed a programme of humanitarian cooperation.", "humanitarian");
}

#[test]
fn plain_economic_cooperation_has_no_key() {
    check("Экономическое сотрудничество регионов расширяется.", "");
    check("Economic cooperation between the regions keeps growing.", "");
    check("Стратегия социально-экономического развития области до 2030 года.", "");
    check("The socio-economic development of the border districts lags behind.", "");
    check("Соглашение об экономическом, научно-техническом и культурном сотрудничестве.", "science_innovation culture");
}

#[test]
fn inflected_forms_meet_their_cue() {
    check("Сотрудничество в сфере образования.", "education");
    check("Обмен опытом в реализации образовательных программ.", "education");
    check("Регионы связаны общими туристическими маршрутами.", "tourism");
    check("Cooperation in the field of healthcare.", "healthcare");
    check("A medical team from Harbin arrived in Blagoveshchensk.", "healthcare");
    check("Стороны договорились о взаимодействии в области медицины.", "healthcare");
    check("Врачи двух городов провели совместный семинар.", "healthcare");
    check("Студенты университетов прошли стажировку.", "education education");
    check("Universities and schools exchange students.", "education education education");
    check("Гастроли театров и выставки музеев.", "culture culture culture");
    check("Туристов из Китая стало больше.", "tourism");
}

#[test]
fn rules_from_the_contract() {
    // construction, housing, local self-government → urban_development
    check("Сотрудничество в строительстве и жилищно-коммунальном хозяйстве.", "urban_development urban_development");
    check("A seminar on local self-government and housing.", "urban_development urban_development");
    check("Семинар по опыту территориального самоуправления.", "urban_development");
    // employment → migration_labour
    check("Cooperation in employment and labour migration.", "migration_labour migration_labour");
    check("Службы занятости населения обменяются вакансиями.", "migration_labour");
    check("Программа включает занятости молодёжи.", "migration_labour youth_sport");
    // digitalisation, communications → digital_communications
    check("Joint work on digitalisation and communications.", "digital_communications digital_communications");
    check(
        "Цифровизация и информационные технологии стали новым направлением.",
        "digital_communications digital_communications",
    );
    // sport → youth_sport, medicine → healthcare
    check("Спортивные соревнования и молодёжный форум.", "youth_sport youth_sport youth_sport");
    check("Sport and medicine are on the list.", "youth_sport healthcare");
    check("Развитие физической культуры и спорта.", "youth_sport youth_sport");
}

#[test]
fn words_that_only_look_like_a_sphere() {
    check("Постоянное представительство открыто в Грузии.", "");
    check("Делегация посетила Грузию, груз прибыл позже.", "transport_logistics");
    check("The roadmap and the road map were signed.", "");
    check("Подписана дорожная карта.", "");
    check("The talks were constructive.", "");
    check("Belarus is an important partner.", "");
    check("Imports of grain from Kazakhstan rose.", "trade agriculture");
    check("The bridge joins the banks of the Amur.", "transport_logistics");
    check("Banking and investment cooperation.", "investment_finance investment_finance");
    check("A better investment climate and climate change.", "investment_finance environment");
    check("Дом стоит на углу улицы.", "");
    check("Поставки угля в Китай.", "trade energy");
    check("Муниципальные образования области подписали соглашение.", "");
    check("Сельскохозяйственные культуры и агропромышленный комплекс.", "agriculture agriculture");
    check("The agro-industrial complex of the region.", "agriculture");
    check("Social media and medical tourism.", "digital_communications healthcare tourism");
    check("Imports of sunflower oil.", "trade");
}

#[test]
fn ranges_point_at_the_words() {
    check_ranges(
        "Соглашение о торгово-экономическом и научно-техническом сотрудничестве.",
        "trade(торгово-экономическом) science_innovation(научно-техническом)",
    );
    check_ranges(
        "Trade and economic ties, physical culture and the food processing industry.",
        "trade(Trade and economic) youth_sport(physical culture) \
         agriculture(food processing) industry(industry)",
    );
    check_ranges("", "");
}
