//! The extraction contract v1 (`docs/contract/extract-v1.md`) as types: one document's facts as
//! `coopatlas extract --json` prints them. Serialised straight from these borrowed values: no
//! intermediate JSON tree is built for every document.

use serde::Serialize;

/// One line of `coopatlas extract --json`. Fields serialise in the contract's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contract<'a> {
    pub source: &'a str,
    pub language: Option<&'a str>,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub places: Vec<ContractPlace<'a>>,
    pub organizations: Vec<ContractOrganization>,
    pub ties: Vec<ContractTie<'a>>,
    pub spheres: Vec<ContractSphere>,
    pub figures: Vec<ContractFigure<'a>>,
    pub depth: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractPlace<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub country: &'a str,
    pub mentions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractOrganization {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub mentions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractTie<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub forms: &'a [&'static str],
    pub spheres: &'a [&'static str],
    pub evidence: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractSphere {
    pub sphere: &'static str,
    /// Rounded to three decimals.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractFigure<'a> {
    pub value: f64,
    pub unit: &'static str,
    pub what: Option<&'a str>,
    pub places: Vec<&'a str>,
    pub year: Option<i32>,
    pub evidence: &'a str,
}
