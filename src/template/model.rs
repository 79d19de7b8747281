//! The resolved template: every default filled in, every rule checked. This is what
//! the rest of opscheck works with; the file model lives in [`super::file`].

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub scoring: Scoring,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    /// Overall percent needed to pass.
    pub pass_mark: f64,
    /// Default item pass level.
    pub item_pass: f64,
    /// Highest `min` first; the last has `min = 0`.
    pub bands: Vec<Band>,
    /// What every failed answer needs, unless an item says otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_fail: Vec<OnFail>,
}

/// What a failed answer must come with before the inspection can finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OnFail {
    /// A note saying what was seen.
    Note,
    /// A corrective action.
    Action,
}

impl OnFail {
    /// Its name in a template: `note` or `action`.
    pub fn as_str(self) -> &'static str {
        match self {
            OnFail::Note => "note",
            OnFail::Action => "action",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub min: f64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub weight: f64,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(flatten)]
    pub kind: Kind,
    pub weight: f64,
    pub critical: bool,
    pub required: bool,
    pub na: bool,
    /// The pass level in force: the item's own `pass` or `scoring.item_pass`.
    pub pass: f64,
    /// What a failed answer needs: the item's own `on_fail` or `scoring.on_fail`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_fail: Vec<OnFail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
}

/// The kind of answer and what the kind needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    YesNo,
    Scale {
        min: i64,
        max: i64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        labels: Vec<String>,
    },
    Choice {
        options: Vec<Choice>,
    },
    Number {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        target: Target,
    },
    Text,
    Date,
}

impl Kind {
    /// The name used in the template file.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::Scale { .. } => "scale",
            Kind::Choice { .. } => "choice",
            Kind::Number { .. } => "number",
            Kind::Text => "text",
            Kind::Date => "date",
        }
    }

    /// Whether answers of this kind get a score.
    pub fn is_scored(&self) -> bool {
        !matches!(self, Kind::Text | Kind::Date)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    pub score: f64,
}

/// The range of a number answer that passes; either bound may be open.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Target {
    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// Ask an item only when an earlier item got a given answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct When {
    pub item: String,
    /// `yes`, `no`, `na`, or an option label.
    pub is: String,
}

impl Template {
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn find_item(&self, id: &str) -> Option<(&Section, &Item)> {
        self.items().find(|(_, item)| item.id == id)
    }

    /// Every item by its id: for looking up many ids, where [`Self::find_item`] (a
    /// scan) would make 100,000 answers take minutes.
    pub fn item_index(&self) -> std::collections::HashMap<&str, &Item> {
        self.items()
            .map(|(_, item)| (item.id.as_str(), item))
            .collect()
    }

    /// The label of the highest band whose `min` the percent reaches.
    pub fn rating(&self, percent: f64) -> Option<&str> {
        self.scoring
            .bands
            .iter()
            .find(|band| percent >= band.min)
            .map(|band| band.label.as_str())
    }
}
