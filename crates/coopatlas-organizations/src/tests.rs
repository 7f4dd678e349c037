use std::sync::OnceLock;

use super::*;

fn bundled() -> &'static Organizations {
    static BUNDLED: OnceLock<Organizations> = OnceLock::new();
    BUNDLED.get_or_init(Organizations::bundled)
}

/// The ids found in `text` with the bundled table, with the matched text.
fn found(text: &str) -> Vec<(String, &str)> {
    let organizations = bundled();
    organizations
        .find(text)
        .into_iter()
        .map(|mention| (organizations.get(mention.org).id.clone(), &text[mention.range]))
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn the_bundled_table_loads_and_is_consistent() {
    let organizations = bundled();
    assert!(organizations.organizations().len() >= 150, "{}", organizations.organizations().len());
    assert!(organizations.alias_count() >= 1500, "{}", organizations.alias_count());
    for organization in organizations.organizations() {
        assert_eq!(
            organizations.index_of(&organization.id).map(|index| &organizations.get(index).id),
            Some(&organization.id)
        );
        assert!(!organization.name_en.is_empty() && !organization.name_ru.is_empty(), "{}", organization.id);
        assert!(
            organization.id.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-'),
            "{}",
            organization.id
        );
        if organization.scope == Scope::Named {
            // Every organisation is found by its own canonical names.
            for name in [&organization.name_en, &organization.name_ru] {
                let text = format!("Сегодня {name} сообщил.");
                assert!(ids(&text).contains(&organization.id), "{} not found in {text:?}", organization.id);
            }
        }
    }
    let association = organizations.get(organizations.index_of("siberian-accord").unwrap());
    assert_eq!(association.kind, OrgKind::InterregionalAssociation);
    assert_eq!(association.association.as_deref(), Some("siberian_accord"));
}

#[test]
fn russian_case_forms() {
    assert_eq!(ids("на саммите Шанхайской организации сотрудничества"), ["sco"]);
    assert_eq!(ids("встреча с Шанхайской организацией сотрудничества"), ["sco"]);
    assert_eq!(ids("по данным Россотрудничества"), ["rossotrudnichestvo"]);
    assert_eq!(ids("край входит в Межрегиональную ассоциацию «Сибирское соглашение»"), ["siberian-accord"]);
    assert_eq!(
        ids("под эгидой Совета Федерации и Совета Республики Национального собрания Беларуси"),
        ["federation-council", "council-of-the-republic-by"]
    );
    assert_eq!(ids("в Минэкономразвития России и Минпромторге"), ["mineconomy-ru", "minpromtorg-ru"]);
    assert_eq!(ids("брифинг МИДа России"), ["mid-rf"]);
    assert_eq!(ids("брифинг МИД Беларуси"), ["mfa-by"]);
}

#[test]
fn the_longest_name_wins() {
    let text = "Совет Федерации Федерального Собрания Российской Федерации и Союзного государства";
    assert_eq!(
        found(text),
        [
            ("federation-council".to_string(), "Совет Федерации Федерального Собрания Российской Федерации"),
            ("union-state".to_string(), "Союзного государства"),
        ]
    );
    assert_eq!(ids("Деловой совет ШОС"), ["sco-business-council"]);
    assert_eq!(
        ids("the Council of the Republic of the National Assembly of the Republic of Belarus"),
        ["council-of-the-republic-by"]
    );
}

#[test]
fn abbreviations_keep_their_capitals() {
    assert_eq!(ids("The UN and the EU, with SCO and BRICS."), ["un", "eu", "sco", "brics"]);
    assert_eq!(ids("ООН, ЕАЭС, СНГ и ШОС"), ["un", "eaeu", "cis", "sco"]);
    assert!(ids("un, eu, sco, brics").is_empty());
    assert!(ids("оон и шос").is_empty());
    // Names that are also ordinary phrases are cased too.
    assert_eq!(ids("в Союзном государстве"), ["union-state"]);
    assert!(ids("как союзное государство").is_empty());
    assert!(ids("Совет Республики").contains(&"council-of-the-republic-by".to_string()));
    assert!(ids("общественный совет республики").is_empty());
}

#[test]
fn names_sit_on_word_boundaries() {
    assert!(ids("UNESCOs? UNited ШОСовский").is_empty());
    assert_eq!(found("the UN's report"), [("un".to_string(), "UN")]);
    assert_eq!(ids("(ЕАЭС)"), ["eaeu"]);
}

#[test]
fn quotes_dashes_and_spaces_fold() {
    assert_eq!(ids("еврорегион \"Псков-Ливония\""), ["euroregion-pskov-livonia"]);
    assert_eq!(ids("Еврорегион «Псков — Ливония»"), ["euroregion-pskov-livonia"]);
    assert_eq!(ids("the  Volga–Yangtze  format"), ["volga-yangtze"]);
    assert_eq!(ids("Совет «Наш общий дом — Алтай»"), ["our-common-home-altai"]);
}

#[test]
fn regional_bodies_are_returned_without_their_region() {
    let organizations = bundled();
    let text = "Законодательным Собранием Калужской области";
    let mentions = organizations.find(text);
    assert_eq!(mentions.len(), 1);
    let body = organizations.get(mentions[0].org);
    assert_eq!((body.id.as_str(), body.scope), ("regional-legislature", Scope::Region));
    assert_eq!(&text[mentions[0].range.clone()], "Законодательным Собранием");
}

#[test]
fn offsets_point_into_the_original_text() {
    let text = "Ёлки: при  Евразийском   экономическом союзе.";
    let mentions = bundled().find(text);
    assert_eq!(mentions.len(), 1);
    assert_eq!(&text[mentions[0].range.clone()], "Евразийском   экономическом союзе");
}

#[test]
fn tables_of_ones_own() {
    let organizations = "id\tkind\tscope\tname_en\tname_ru\nabc\tinternational\t\tAlpha Beta\tАльфа Бета\n";
    let aliases =
        "id\tlang\talias\tsource\tflags\nabc\ten\tAB\tabbreviation\tcased\nabc\tru\tАльфы Беты\tcase_form\t\n";
    let table = Organizations::from_tsv(organizations, aliases).unwrap();
    assert_eq!(table.find("альфы беты, Alpha Beta, AB, ab").len(), 3);
    assert_eq!(table.get(0).kind, OrgKind::International);
    assert_eq!(table.fingerprint(), Organizations::from_tsv(organizations, aliases).unwrap().fingerprint());
    assert_ne!(table.fingerprint(), bundled().fingerprint());
    assert!(matches!(
        Organizations::from_tsv(organizations, "id\tlang\talias\nxyz\ten\tX Y\n"),
        Err(TableError::UnknownOrganization { line: 2, .. })
    ));
    assert!(matches!(
        Organizations::from_tsv("id\tkind\tname_en\tname_ru\na\tplanet\tA\tА\n", ""),
        Err(TableError::BadRow { line: 2, .. })
    ));
    assert_eq!(Organizations::from_tsv("", "").unwrap_err(), TableError::Empty);
    assert_eq!(Organizations::from_tsv("id\tkind\n", "").unwrap_err(), TableError::MissingColumn("name_en"));
}

#[test]
fn kinds_round_trip() {
    for (kind, name) in OrgKind::ALL {
        assert_eq!(OrgKind::parse(name), Some(kind));
        assert_eq!(kind.as_str(), name);
    }
    assert_eq!(OrgKind::parse("planet"), None);
}
