//! The serde mirror of a pack file, with source spans on every value we may point at.
//!
//! Nothing here is validated beyond TOML types; `validate` turns a `RawPack` into a `Pack`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A string that remembers where it was written.
pub type S = Spanned<String>;

/// An exam's `[exam.domains]` or `[exam.topics]` table: key → weight, both located.
pub type Weights = BTreeMap<S, Spanned<toml::Value>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub pack: Spanned<RawHeader>,
    #[serde(default)]
    pub topic: Vec<RawTopic>,
    #[serde(default)]
    pub tip: Vec<RawTip>,
    #[serde(default)]
    pub diagram: Vec<RawDiagram>,
    #[serde(default)]
    pub question: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    pub exam: Vec<Spanned<RawExam>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    pub id: S,
    pub title: S,
    pub version: S,
    #[serde(default)]
    pub description: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub id: S,
    pub title: S,
    pub domain: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTip {
    pub id: S,
    pub topic: S,
    pub text: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDiagram {
    pub id: S,
    pub title: S,
    pub alt: S,
    pub art: S,
    #[serde(default)]
    pub region: Vec<RawRegion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: S,
    pub text: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: S,
    pub topic: S,
    #[serde(default)]
    pub diagram: Option<S>,
    #[serde(default)]
    pub reveal_diagram: Option<S>,
    #[serde(default)]
    pub highlight: Vec<S>,
    #[serde(default)]
    pub tips: Vec<S>,
    pub stem: S,
    pub explanation: S,
    #[serde(default)]
    pub sources: Vec<S>,
    #[serde(default)]
    pub choice: Vec<Spanned<RawChoice>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub text: S,
    #[serde(default)]
    pub correct: bool,
    #[serde(default)]
    pub why: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExam {
    pub id: S,
    pub title: S,
    pub questions: Spanned<i64>,
    pub minutes: Spanned<i64>,
    #[serde(default)]
    pub pass: Option<Spanned<i64>>,
    #[serde(default)]
    pub packs: Vec<S>,
    #[serde(default)]
    pub domains: Option<Spanned<Weights>>,
    #[serde(default)]
    pub topics: Option<Spanned<Weights>>,
}
