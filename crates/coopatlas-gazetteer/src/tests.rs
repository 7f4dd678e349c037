use super::*;

const PLACES: &str = "id\tkind\tcountry\tparent\tname_en\tname_ru\tlat\tlon\tpopulation\tgeonames_id\tfederal_district\teconomic_region\tassociations
RU\tcountry\tRU\t\tRussia\tРоссия\t\t\t\t\t\t\t
BY\tcountry\tBY\t\tBelarus\tБеларусь\t\t\t\t\t\t\t
RU-MOW\tregion\tRU\t\tMoscow\tМосква\t55.75\t37.62\t13000000\t524901\tcentral\tcentral\tcentral_russia
RU-MOS\tregion\tRU\t\tMoscow Oblast\tМосковская область\t\t\t\t\tcentral\tcentral\tcentral_russia
RU-NIZ\tregion\tRU\t\tNizhny Novgorod Oblast\tНижегородская область\t\t\t\t\tvolga\tvolga_vyatka\tgreater_volga
RU-NGR\tregion\tRU\t\tNovgorod Oblast\tНовгородская область\t\t\t\t\tnorthwestern\tnorthwestern\tnorth_west
geonames:520555\tcity\tRU\tRU-NIZ\tNizhny Novgorod\tНижний Новгород\t56.33\t44.0\t1250000\t520555\t\t\t
geonames:519336\tcity\tRU\tRU-NGR\tVeliky Novgorod\tВеликий Новгород\t58.52\t31.27\t225000\t519336\t\t\t
geonames:515012\tcity\tRU\tRU-ORL\tOryol\tОрёл\t52.97\t36.06\t300000\t515012\t\t\t
";

const ALIASES: &str = "id\tlang\talias\tsource\tflags
RU-MOW\tru\tМосквы\tcase_form\t
RU-MOW\tru\tв Москве\tcase_form\t
RU-MOS\tru\tПодмосковье\tshort\t
RU-MOS\tru\tПодмосковья\tshort\t
geonames:520555\tru\tНижнего Новгорода\tcase_form\t
geonames:519336\tru\tНовгород\tshort\t
RU-NGR\tru\tНовгород\tshort\t
geonames:515012\tru\tорел\tname\tcommon_word
geonames:515012\tru\tОрла\tcase_form\t
BY\ten\tBelarusian\tadjective\t
BY\tru\tбелорусские\tadjective\t
";

fn gazetteer() -> Gazetteer {
    Gazetteer::from_tsv(PLACES, ALIASES).expect("test tables")
}

/// Mentions as (matched text, candidate ids).
fn check(text: &str, expected: &[(&str, &[&str])]) {
    let gazetteer = gazetteer();
    let found: Vec<(&str, Vec<&str>)> = gazetteer
        .find(text)
        .into_iter()
        .map(|mention| {
            let ids = mention.candidates.iter().map(|candidate| gazetteer.place(candidate.place).id.as_str()).collect();
            (&text[mention.range], ids)
        })
        .collect();
    let expected: Vec<(&str, Vec<&str>)> = expected.iter().map(|(name, ids)| (*name, ids.to_vec())).collect();
    assert_eq!(found, expected, "{text}");
}

#[test]
fn finds_names_and_case_forms() {
    check(
        "Делегация Москвы и Подмосковья посетила Беларусь.",
        &[("Москвы", &["RU-MOW"]), ("Подмосковья", &["RU-MOS"]), ("Беларусь", &["BY"])],
    );
    check("MOSCOW and Moscow Oblast", &[("MOSCOW", &["RU-MOW"]), ("Moscow Oblast", &["RU-MOS"])]);
}

#[test]
fn longest_name_wins_and_boundaries_hold() {
    check(
        "из Нижнего Новгорода в Новгород",
        &[("Нижнего Новгорода", &["geonames:520555"]), ("Новгород", &["geonames:519336", "RU-NGR"])],
    );
    // "Москвы" inside a longer word is not a mention; "Беларусьнефть" neither.
    check("Москвыч Беларусьнефть", &[]);
}

#[test]
fn folding_applies_to_text_and_names() {
    check("в Орле и в ОРЛЕ, ёлки и Орёл, Орел", &[("Орёл", &["geonames:515012"]), ("Орел", &["geonames:515012"])]);
    check("Орла", &[("Орла", &["geonames:515012"])]);
    let gazetteer = gazetteer();
    let mention = &gazetteer.find("Орёл")[0];
    assert!(mention.candidates[0].flags.common_word);
}

#[test]
fn adjectives_keep_their_source() {
    let gazetteer = gazetteer();
    let mentions = gazetteer.find("Belarusian regions and белорусские регионы");
    assert_eq!(mentions.len(), 2);
    assert!(mentions.iter().all(|mention| mention.candidates[0].source == AliasSource::Adjective));
}

#[test]
fn user_places_and_aliases_extend_without_rebuild() {
    let header = PLACES.lines().next().unwrap();
    let places =
        format!("{header}\ncity:RU:kolomna-village\tcity\tRU\tRU-MOS\tKolomenskoye\tКоломенское\t\t\t\t\t\t\t\n");
    let aliases = "id\tlang\talias\tsource\tflags\nRU-MOW\tru\tПервопрестольная\tvariant\t\n";
    let gazetteer = gazetteer().with_overrides(&places, aliases).expect("overrides");
    let mentions = gazetteer.find("Первопрестольная, Москва и Коломенское");
    let ids: Vec<&str> =
        mentions.iter().map(|mention| gazetteer.place(mention.candidates[0].place).id.as_str()).collect();
    assert_eq!(ids, ["RU-MOW", "RU-MOW", "city:RU:kolomna-village"]);
    assert!(gazetteer.with_overrides("", "id\talias\tsource\nnowhere\tX\tname\n").is_err());
}

#[test]
fn bad_tables_are_errors() {
    assert_eq!(Gazetteer::from_tsv("", ALIASES).unwrap_err(), TableError::Empty);
    assert_eq!(Gazetteer::from_tsv("id\tkind\n", ALIASES).unwrap_err(), TableError::MissingColumn("country"));
    assert!(matches!(
        Gazetteer::from_tsv(PLACES, "id\talias\tsource\nXX\tИкс\tname\n").unwrap_err(),
        TableError::UnknownPlace { line: 2, .. }
    ));
    assert!(matches!(
        Gazetteer::from_tsv(PLACES, "id\talias\tsource\tflags\nBY\tБелоруссия\tname\tcapital\n").unwrap_err(),
        TableError::BadRow { line: 2, .. }
    ));
    let bad_kind = PLACES.replace("RU\tcountry", "RU\tplanet");
    assert!(matches!(Gazetteer::from_tsv(&bad_kind, ALIASES).unwrap_err(), TableError::BadRow { line: 2, .. }));
}

#[test]
fn the_bundled_gazetteer_loads_and_knows_the_main_partners() {
    let gazetteer = Gazetteer::from_tsv(BUNDLED_PLACES, BUNDLED_ALIASES).expect("bundled tables");
    for id in [
        "RU", "BY", "CN", "RU-KGD", "RU-MOW", "RU-MOS", "RU-TA", "RU-ZAB", "BY-MA", "BY-HM", "BY-MI", "CN-HL", "KZ-AST",
    ] {
        assert!(gazetteer.index_of(id).is_some(), "{id} missing");
    }
    let text = "Губернатор Калининградской области встретился с делегацией Могилёвской области в Минске.";
    let ids: Vec<&str> =
        gazetteer.find(text).iter().map(|mention| gazetteer.place(mention.candidates[0].place).id.as_str()).collect();
    assert_eq!(ids, ["RU-KGD", "BY-MA", "BY-HM"]);
}

#[test]
fn contested_territories_are_places_with_a_claim() {
    let gazetteer = Gazetteer::bundled();
    let contested = crate::contested();
    assert_eq!(contested.len(), 6);
    for territory in &contested {
        let place = gazetteer.place(gazetteer.index_of(&territory.id).expect("a place of places.tsv"));
        assert_eq!((place.country.as_str(), place.federal_district.as_deref()), ("UA", None), "{}", territory.id);
        assert_eq!(territory.claimed_by, "RU");
        assert_eq!(territory.claimed_federal_district.as_deref(), Some("southern"));
    }
}
