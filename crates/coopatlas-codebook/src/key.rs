//! The two vocabularies of the extraction contract: spheres (what the cooperation is about) and
//! forms (how it is carried out). Their string keys are the contract's and never change.

/// An area of cooperation, one key of the contract's SPHERES list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sphere {
    ScienceInnovation,
    Education,
    Culture,
    Tourism,
    YouthSport,
    TransportLogistics,
    Industry,
    Trade,
    InvestmentFinance,
    Energy,
    Environment,
    Healthcare,
    Agriculture,
    MigrationLabour,
    DigitalCommunications,
    UrbanDevelopment,
    Social,
    Humanitarian,
}

impl Sphere {
    /// Every sphere, in the contract's order.
    pub const ALL: [Sphere; 18] = [
        Sphere::ScienceInnovation,
        Sphere::Education,
        Sphere::Culture,
        Sphere::Tourism,
        Sphere::YouthSport,
        Sphere::TransportLogistics,
        Sphere::Industry,
        Sphere::Trade,
        Sphere::InvestmentFinance,
        Sphere::Energy,
        Sphere::Environment,
        Sphere::Healthcare,
        Sphere::Agriculture,
        Sphere::MigrationLabour,
        Sphere::DigitalCommunications,
        Sphere::UrbanDevelopment,
        Sphere::Social,
        Sphere::Humanitarian,
    ];

    /// The contract key: `science_innovation`, `youth_sport`...
    pub fn as_str(self) -> &'static str {
        match self {
            Sphere::ScienceInnovation => "science_innovation",
            Sphere::Education => "education",
            Sphere::Culture => "culture",
            Sphere::Tourism => "tourism",
            Sphere::YouthSport => "youth_sport",
            Sphere::TransportLogistics => "transport_logistics",
            Sphere::Industry => "industry",
            Sphere::Trade => "trade",
            Sphere::InvestmentFinance => "investment_finance",
            Sphere::Energy => "energy",
            Sphere::Environment => "environment",
            Sphere::Healthcare => "healthcare",
            Sphere::Agriculture => "agriculture",
            Sphere::MigrationLabour => "migration_labour",
            Sphere::DigitalCommunications => "digital_communications",
            Sphere::UrbanDevelopment => "urban_development",
            Sphere::Social => "social",
            Sphere::Humanitarian => "humanitarian",
        }
    }

    /// The sphere with this contract key; `None` for anything else (no aliases: the data files
    /// and the JSON output use the keys verbatim).
    pub fn parse(key: &str) -> Option<Sphere> {
        Sphere::ALL.into_iter().find(|sphere| sphere.as_str() == key)
    }

    /// What the sphere covers, in English, as an analyst codes it.
    pub fn definition(self) -> &'static str {
        match self {
            Sphere::ScienceInnovation => {
                "Joint research, scientific and technical cooperation, innovation, technology \
                 transfer, technoparks and academies of sciences."
            }
            Sphere::Education => {
                "Schools, universities and vocational training: student and teacher exchanges, \
                 joint programmes of study, admission of students from the partner."
            }
            Sphere::Culture => {
                "Arts, museums, theatres, libraries, heritage, concerts and tours of performers, \
                 and the cultural half of socio-cultural cooperation."
            }
            Sphere::Tourism => {
                "Tourist flows, joint tourist routes, tourism fairs and the promotion of each \
                 other's destinations."
            }
            Sphere::YouthSport => {
                "Youth policy, youth organisations and exchanges, sport, physical culture and \
                 joint competitions."
            }
            Sphere::TransportLogistics => {
                "Transport links and logistics: roads, railways, bridges, border crossings, \
                 freight and passenger services, flights, transit corridors."
            }
            Sphere::Industry => {
                "Manufacturing and industrial cooperation: supply chains, production \
                 cooperation, machine building, industrial parks and clusters."
            }
            Sphere::Trade => {
                "Trade in goods and services, exports and imports, trade turnover and the \
                 trade half of trade-economic cooperation. Plain economic cooperation is not \
                 coded."
            }
            Sphere::InvestmentFinance => {
                "Mutual investment, joint investment projects, banking, credit and finance \
                 between the partners (not a place's own domestic investment)."
            }
            Sphere::Energy => {
                "Electricity, oil, gas, coal, nuclear and renewable power, energy efficiency \
                 and power grids."
            }
            Sphere::Environment => {
                "Ecology and nature protection: pollution, waste, biodiversity, protected areas, \
                 climate and shared water bodies."
            }
            Sphere::Healthcare => {
                "Public health and medicine: hospitals, doctors, medical training and \
                 treatment, epidemiological safety."
            }
            Sphere::Agriculture => {
                "Agriculture and the agro-industrial complex: crops, livestock, food \
                 processing, fisheries and forestry."
            }
            Sphere::MigrationLabour => {
                "Migration and labour: labour migration, employment, the labour market, \
                 resettlement of compatriots."
            }
            Sphere::DigitalCommunications => {
                "Digitalisation, information technology, telecommunications, communications and \
                 the mass media."
            }
            Sphere::UrbanDevelopment => {
                "Construction, housing and utilities, urban planning and architecture, city \
                 services and local self-government."
            }
            Sphere::Social => {
                "Social policy and social protection, welfare, pensions, care for veterans and \
                 people with disabilities, and the social half of socio-cultural cooperation."
            }
            Sphere::Humanitarian => {
                "Humanitarian cooperation in the Russian diplomatic sense: people-to-people \
                 contacts, language, memory, compatriots and civil society."
            }
        }
    }
}

impl std::fmt::Display for Sphere {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A way cooperation is carried out, one key of the contract's FORMS list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    Agreement,
    Programme,
    Twinning,
    Visit,
    WorkingGroup,
    Forum,
    JointProject,
    Association,
    Trade,
    Representation,
}

impl Form {
    /// Every form, in the contract's order.
    pub const ALL: [Form; 10] = [
        Form::Agreement,
        Form::Programme,
        Form::Twinning,
        Form::Visit,
        Form::WorkingGroup,
        Form::Forum,
        Form::JointProject,
        Form::Association,
        Form::Trade,
        Form::Representation,
    ];

    /// The contract key: `agreement`, `working_group`...
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Agreement => "agreement",
            Form::Programme => "programme",
            Form::Twinning => "twinning",
            Form::Visit => "visit",
            Form::WorkingGroup => "working_group",
            Form::Forum => "forum",
            Form::JointProject => "joint_project",
            Form::Association => "association",
            Form::Trade => "trade",
            Form::Representation => "representation",
        }
    }

    /// The form with this contract key; `None` for anything else.
    pub fn parse(key: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|form| form.as_str() == key)
    }

    /// What the form covers, in English, as the contract's coding rules state it.
    pub fn definition(self) -> &'static str {
        match self {
            Form::Agreement => {
                "An agreement, treaty, memorandum, protocol or joint statement between the \
                 parties, including one scheduled or decided."
            }
            Form::Programme => "A programme, plan of measures, action plan or roadmap of cooperation.",
            Form::Twinning => "Sister, twin or partner cities.",
            Form::Visit => "A visit, trip or delegation between the pair.",
            Form::WorkingGroup => "A commission, working group or council of the pair.",
            Form::Forum => {
                "The pair met, signed or exhibited at a forum, summit, conference, fair, \
                 exhibition or round table."
            }
            Form::JointProject => {
                "A jointly run project or event that exists or has a date, such as Days of one \
                 region in another; not an intention."
            }
            Form::Association => "Membership of both in one association, union or euroregion.",
            Form::Trade => "The text reports trade between the pair: turnover, exports, supplies.",
            Form::Representation => "A permanent mission, representative office or trade house.",
        }
    }
}

impl std::fmt::Display for Form {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What kind of statement a general cooperation cue makes; only the data files and
/// [`crate::Codebook::cooperation_entries`] see it, matching returns ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signal {
    /// The word for cooperation itself: "cooperation", "сотрудничество", "взаимодействие".
    Cooperation,
    /// A document or the act of signing one: "agreement", "подписали", "меморандум".
    Document,
    /// A partner or partnership: "partner", "побратим".
    Partnership,
    /// People going to the partner: "visit", "делегация".
    Contact,
    /// A standing joint body: "working group", "комиссия".
    Body,
    /// An event where partners meet: "forum", "выставка".
    Event,
    /// Trade between partners: "trade turnover", "товарооборот".
    Exchange,
    /// A word that places a relation across a border or between regions: "interregional",
    /// "приграничный", "joint".
    Scope,
}

impl Signal {
    pub const ALL: [Signal; 8] = [
        Signal::Cooperation,
        Signal::Document,
        Signal::Partnership,
        Signal::Contact,
        Signal::Body,
        Signal::Event,
        Signal::Exchange,
        Signal::Scope,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Cooperation => "cooperation",
            Signal::Document => "document",
            Signal::Partnership => "partnership",
            Signal::Contact => "contact",
            Signal::Body => "body",
            Signal::Event => "event",
            Signal::Exchange => "exchange",
            Signal::Scope => "scope",
        }
    }

    pub fn parse(key: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|signal| signal.as_str() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for sphere in Sphere::ALL {
            assert_eq!(Sphere::parse(sphere.as_str()), Some(sphere));
            assert!(!sphere.definition().is_empty());
        }
        for form in Form::ALL {
            assert_eq!(Form::parse(form.as_str()), Some(form));
            assert!(!form.definition().is_empty());
        }
        for signal in Signal::ALL {
            assert_eq!(Signal::parse(signal.as_str()), Some(signal));
        }
        assert_eq!(Sphere::parse("economic"), None);
        assert_eq!(Form::parse("Agreement"), None);
    }
}
