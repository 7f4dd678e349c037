//! General cooperation cues: the words that say cooperation takes place at all.

use super::codebook;

fn check(input: &str, expected: &[&str]) {
    let found: Vec<&str> = codebook().cooperation_cues(input).into_iter().map(|range| &input[range]).collect();
    assert_eq!(found, expected, "{input}");
}

#[test]
fn statements_of_cooperation() {
    check("Стороны подписали соглашение о сотрудничестве.", &["подписали", "соглашение", "сотрудничестве"]);
    check("The two regions signed a memorandum of cooperation.", &["signed", "memorandum", "cooperation"]);
    check("Делегация прибыла с визитом.", &["Делегация", "визитом"]);
    check(
        "Товарооборот с Казахстаном вырос, состоялось заседание рабочей группы.",
        &["Товарооборот", "рабочей группы"],
    );
    check("Kaliningrad and Kiel have been twin cities since 1992.", &["twin cities"]);
    check("Побратимские связи развиваются.", &["Побратимские", "связи"]);
    check("Форум регионов открылся в Уфе.", &["Форум"]);
}

#[test]
fn plain_statements_are_not_cooperation() {
    check("The castle stands on a hill.", &[]);
    check("Область развивает государственно-частное партнёрство.", &[]);
    check("", &[]);
}

#[test]
fn one_reading_equals_three_calls() {
    let text = "В Минске прошло заседание совместной комиссии по торгово-экономическому \
                сотрудничеству, стороны подписали план мероприятий.";
    let codebook = codebook();
    let reading = codebook.read(text);
    assert_eq!(reading.spheres, codebook.spheres(text));
    assert_eq!(reading.forms, codebook.forms(text));
    assert_eq!(reading.cooperation, codebook.cooperation_cues(text));
}
