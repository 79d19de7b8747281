//! The template file as written: every field optional, so that a missing field is
//! reported with its place like any other problem. [`super::check`] turns it into the
//! resolved [`super::Template`].
//!
//! `sections` and `items` are read node by node (see [`super::document`]), so they are
//! `IgnoredAny` here; their `schemars(with)` keeps the JSON Schema complete.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

/// An opscheck inspection template (TOML).
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "opscheck template")]
pub struct TemplateFile {
    /// Template format version; opscheck reads format 1.
    #[schemars(required, range(min = 1, max = 1))]
    pub format: Option<i64>,
    /// Identifier, `[a-z0-9][a-z0-9-]*`.
    #[schemars(required, regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Option<String>,
    /// Human title of the checklist.
    #[schemars(required)]
    pub title: Option<String>,
    /// The template's own version, e.g. `1.0.0`.
    #[schemars(required)]
    pub version: Option<String>,
    /// BCP 47 language tag of the texts, e.g. `en` or `zh-CN`.
    #[schemars(required, regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub language: Option<String>,
    /// What the checklist is for.
    pub description: Option<String>,
    /// Pass mark, item pass level and rating bands.
    pub scoring: Option<ScoringFile>,
    /// The areas of the inspection, in the order they are asked.
    #[serde(default)]
    #[schemars(with = "Vec<SectionFile>")]
    pub sections: IgnoredAny,
}

/// How answers turn into a result.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ScoringFile {
    /// Overall percent needed to pass, 0..=100 (default 75).
    #[schemars(range(min = 0, max = 100))]
    pub pass_mark: Option<f64>,
    /// An item fails when its score is below this, 0..=1 (default 0.5).
    #[schemars(range(min = 0, max = 1))]
    pub item_pass: Option<f64>,
    /// Rating bands, highest `min` first; one must have `min = 0`.
    pub bands: Option<Vec<BandFile>>,
    /// What every failed answer must come with: `["note"]`, `["action"]` or both.
    pub on_fail: Option<Vec<super::model::OnFail>>,
}

/// A rating band: the label of every percent at or above `min`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BandFile {
    #[schemars(required, range(min = 0, max = 100))]
    pub min: Option<f64>,
    #[schemars(required)]
    pub label: Option<String>,
}

/// One area of the inspection.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionFile {
    /// Identifier, unique among sections: `[a-z0-9][a-z0-9-]*`.
    #[schemars(required, regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Option<String>,
    #[schemars(required)]
    pub title: Option<String>,
    pub description: Option<String>,
    /// Weight of the section in the overall percent, > 0 (default 1).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub weight: Option<f64>,
    #[serde(default)]
    #[schemars(with = "Vec<ItemFile>")]
    pub items: IgnoredAny,
}

/// One question. Which of the kind-specific fields apply depends on `kind`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemFile {
    /// Identifier, unique across the whole template: `[a-z0-9][a-z0-9-]*`.
    #[schemars(required, regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Option<String>,
    /// The question the inspector answers.
    #[schemars(required)]
    pub text: Option<String>,
    /// What to look at, shown on request.
    pub guidance: Option<String>,
    #[schemars(required)]
    pub kind: Option<KindName>,
    /// Weight within its section, > 0 (default 1).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub weight: Option<f64>,
    /// Failing a critical item fails the whole inspection.
    pub critical: Option<bool>,
    /// Whether the item must be answered (default true).
    pub required: Option<bool>,
    /// Whether N/A is an allowed answer (default true).
    pub na: Option<bool>,
    /// The item fails below this score, 0..=1; overrides `scoring.item_pass`.
    #[schemars(range(min = 0, max = 1))]
    pub pass: Option<f64>,
    /// What a failed answer must come with (`["note", "action"]`); overrides
    /// `scoring.on_fail` (`[]` for nothing).
    pub on_fail: Option<Vec<super::model::OnFail>>,
    /// Ask only when an earlier yes_no or choice item got this answer.
    pub when: Option<WhenFile>,
    /// scale: lowest value.
    pub min: Option<i64>,
    /// scale: highest value.
    pub max: Option<i64>,
    /// scale: one label per value, `max - min + 1` of them.
    pub labels: Option<Vec<String>>,
    /// choice: the options, at least two.
    pub options: Option<Vec<OptionFile>>,
    /// number: unit shown after the value.
    pub unit: Option<String>,
    /// number: the range that passes.
    pub target: Option<TargetFile>,
}

/// The kind of answer an item takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindName {
    YesNo,
    Scale,
    Choice,
    Number,
    Text,
    Date,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WhenFile {
    /// The id of an earlier yes_no or choice item.
    #[schemars(required, regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub item: Option<String>,
    /// `yes`, `no`, `na`, or an option label.
    #[schemars(required)]
    pub is: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OptionFile {
    #[schemars(required)]
    pub label: Option<String>,
    /// Score of this option, 0..=1.
    #[schemars(required, range(min = 0, max = 1))]
    pub score: Option<f64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TargetFile {
    pub min: Option<f64>,
    pub max: Option<f64>,
}
