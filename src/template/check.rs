//! Semantic checks: turns the file model into a [`Template`], reporting every problem
//! with its place.

use std::collections::HashMap;
use std::ops::Range;

use super::document::{self, Table, path_span, raw_str, value_span};
use super::file::{
    BandFile, ItemFile, KindName, OptionFile, ScoringFile, SectionFile, TargetFile, TemplateFile,
};
use super::model::{Band, Choice, Item, Kind, Scoring, Section, Target, Template, When};
use super::{FORMAT, fields};
use crate::diagnostic::Problem;
use crate::i18n::Message;
use crate::msg;
use crate::store::limits;

const DEFAULT_PASS_MARK: f64 = 75.0;
const DEFAULT_ITEM_PASS: f64 = 0.5;
/// A scale is for ratings; wider ranges are numbers.
const MAX_SCALE_STEPS: u64 = 100;

/// The largest weight of an item or section: with at most this, Σ weight × score stays
/// far from overflow however many items a template has.
pub(crate) const MAX_WEIGHT: f64 = 1e6;

/// Checks a parsed document. The template is returned only when there is no error.
pub(crate) fn resolve(root: &Table<'_>, problems: &mut Vec<Problem>) -> Option<Template> {
    let errors_before = problems.iter().filter(|p| p.is_error()).count();
    let file: Option<TemplateFile> =
        document::read(root, &["sections"], &fields::template, problems);
    let mut checker = Checker {
        problems,
        ids: HashMap::new(),
        items: Vec::new(),
        all_ids: all_item_ids(root),
        default_on_fail: std::collections::HashSet::new(),
    };
    let header = file.map(|file| checker.header(root, file));

    let mut sections = Vec::new();
    let mut section_ids: HashMap<String, Range<usize>> = HashMap::new();
    let section_tables = document::tables(root, "sections", checker.problems);
    if section_tables.is_empty() && root.get_ref().get("sections").is_none() {
        checker.problems.push(
            Problem::error(head(root), msg!("check-no-sections"))
                .help(msg!("check-no-sections-help")),
        );
    }
    for table in &section_tables {
        if let Some(section) = checker.section(table, &mut section_ids) {
            sections.push(section);
        }
    }
    let scoring_pass = header
        .as_ref()
        .map_or(DEFAULT_ITEM_PASS, |(_, s)| s.item_pass);
    let scoring_on_fail = header
        .as_ref()
        .map(|(_, s)| s.on_fail.clone())
        .unwrap_or_default();
    for section in &mut sections {
        for item in &mut section.items {
            if item.pass.is_nan() {
                item.pass = scoring_pass;
            }
            if checker.default_on_fail.contains(&item.id) {
                item.on_fail = scoring_on_fail.clone();
            }
        }
    }
    let items: usize = sections.iter().map(|s| s.items.len()).sum();
    if items > limits::TEMPLATE_ITEMS {
        // The report of a larger template could pass the report limit.
        checker.problems.push(
            Problem::error(
                head(root),
                msg!(
                    "check-too-many-items",
                    count = items,
                    limit = limits::TEMPLATE_ITEMS
                ),
            )
            .help(msg!("check-too-many-items-help")),
        );
    }
    let errors_after = checker.problems.iter().filter(|p| p.is_error()).count();
    let (head, scoring) = header?;
    (errors_after == errors_before).then_some(Template {
        scoring,
        sections,
        ..head
    })
}

struct Checker<'p> {
    problems: &'p mut Vec<Problem>,
    /// Every item id seen so far and where, for duplicates and `when`.
    ids: HashMap<String, Range<usize>>,
    /// Earlier items in order: id, kind, option labels, allows N/A.
    items: Vec<(String, Option<Kind>, bool)>,
    /// Every item id in the file, to tell a later item from an unknown one.
    all_ids: Vec<String>,
    /// Items without their own `on_fail`: they take `scoring.on_fail`.
    default_on_fail: std::collections::HashSet<String>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: Message) {
        self.problems.push(Problem::error(span, message));
    }

    fn missing(&mut self, table: &Table<'_>, key: &str, what: &str, example: &str) {
        self.problems.push(
            Problem::error(head(table), msg!("check-missing", what = what, key = key)).help(msg!(
                "check-missing-help",
                key = key,
                example = example
            )),
        );
    }

    fn header(&mut self, root: &Table<'_>, file: TemplateFile) -> (Template, Scoring) {
        match file.format {
            None => self.missing(root, "format", "template", "1"),
            Some(n) if n != i64::from(FORMAT) => self.problems.push(
                Problem::error(value_span(root, "format"), msg!("check-format", format = n))
                    .help(msg!("check-format-help", format = FORMAT)),
            ),
            Some(_) => {}
        }
        let id = self.id(root, file.id, "template");
        let title = self.text(
            root,
            "title",
            file.title,
            "template",
            "\"Operations inspection\"",
        );
        let version = self.text(root, "version", file.version, "template", "\"1.0.0\"");
        let language = self.text(root, "language", file.language, "template", "\"en\"");
        if !language.is_empty() && !is_language_tag(&language) {
            self.problems.push(
                Problem::error(
                    value_span(root, "language"),
                    msg!("check-language", language = &language),
                )
                .help(msg!("check-language-help")),
            );
        }
        let scoring = self.scoring(root, file.scoring);
        let template = Template {
            format: FORMAT,
            id,
            title,
            version,
            language,
            description: file.description,
            scoring: scoring.clone(),
            sections: Vec::new(),
        };
        (template, scoring)
    }

    fn id(&mut self, table: &Table<'_>, id: Option<String>, what: &str) -> String {
        let Some(id) = id else {
            self.missing(table, "id", what, "\"my-id\"");
            return String::new();
        };
        if !is_id(&id) {
            self.problems.push(
                Problem::error(value_span(table, "id"), msg!("check-id", id = &id))
                    .label(msg!("check-id-label")),
            );
        }
        id
    }

    fn text(
        &mut self,
        table: &Table<'_>,
        key: &str,
        value: Option<String>,
        what: &str,
        example: &str,
    ) -> String {
        match value {
            None => {
                self.missing(table, key, what, example);
                String::new()
            }
            Some(v) if v.trim().is_empty() => {
                self.error(value_span(table, key), msg!("check-empty", key = key));
                v
            }
            Some(v) => v,
        }
    }

    fn scoring(&mut self, root: &Table<'_>, file: Option<ScoringFile>) -> Scoring {
        let file = file.unwrap_or(ScoringFile {
            pass_mark: None,
            item_pass: None,
            bands: None,
            on_fail: None,
        });
        let at = |path: &[&str]| path_span(root, &[&["scoring"], path].concat());
        let pass_mark = file.pass_mark.unwrap_or(DEFAULT_PASS_MARK);
        if !(0.0..=100.0).contains(&pass_mark) {
            self.error(
                at(&["pass_mark"]),
                msg!(
                    "check-range",
                    key = "pass_mark",
                    value = pass_mark,
                    range = "0..=100"
                ),
            );
        }
        let item_pass = file.item_pass.unwrap_or(DEFAULT_ITEM_PASS);
        if !(0.0..=1.0).contains(&item_pass) {
            self.error(
                at(&["item_pass"]),
                msg!(
                    "check-range",
                    key = "item_pass",
                    value = item_pass,
                    range = "0..=1"
                ),
            );
        }
        let bands = match file.bands {
            None => default_bands(),
            Some(bands) => self.bands(bands, &at),
        };
        Scoring {
            pass_mark,
            item_pass,
            bands,
            on_fail: file.on_fail.unwrap_or_default(),
        }
    }

    fn bands(&mut self, bands: Vec<BandFile>, at: &dyn Fn(&[&str]) -> Range<usize>) -> Vec<Band> {
        let mut out: Vec<Band> = Vec::with_capacity(bands.len());
        for (i, band) in bands.into_iter().enumerate() {
            let index = i.to_string();
            let (Some(min), Some(label)) = (band.min, band.label) else {
                self.problems.push(
                    Problem::error(at(&["bands", &index]), msg!("check-band-fields")).help(msg!(
                        "check-write-as",
                        example = "{ min = 75, label = \"Good\" }"
                    )),
                );
                continue;
            };
            if !(0.0..=100.0).contains(&min) {
                self.error(
                    at(&["bands", &index, "min"]),
                    msg!("check-range", key = "min", value = min, range = "0..=100"),
                );
            } else if let Some(previous) = out.last().filter(|p| p.min <= min) {
                self.problems.push(
                    Problem::error(at(&["bands", &index, "min"]), msg!("check-band-order")).label(
                        msg!("check-band-order-label", min = min, previous = previous.min),
                    ),
                );
            }
            out.push(Band { min, label });
        }
        if !out.iter().any(|band| band.min == 0.0) {
            self.problems.push(
                Problem::error(at(&["bands"]), msg!("check-band-zero"))
                    .help(msg!("check-band-zero-help")),
            );
        }
        out
    }

    fn section(
        &mut self,
        table: &Table<'_>,
        seen: &mut HashMap<String, Range<usize>>,
    ) -> Option<Section> {
        let file: Option<SectionFile> =
            document::read(table, &["items"], &fields::section, self.problems);
        let items: Vec<Item> = document::tables(table, "items", self.problems)
            .iter()
            .filter_map(|item| self.item(item))
            .collect();
        let file = file?;
        let id = self.id(table, file.id, "section");
        if let Some(first) = seen.get(&id) {
            self.problems.push(
                Problem::error(
                    value_span(table, "id"),
                    msg!("check-duplicate-section", id = &id),
                )
                .label(msg!("check-used-again"))
                .related(first.clone(), msg!("check-first-used")),
            );
        } else if !id.is_empty() {
            seen.insert(id.clone(), value_span(table, "id"));
        }
        let title = self.text(
            table,
            "title",
            file.title,
            "section",
            "\"Process standards\"",
        );
        let weight = self.weight(table, file.weight);
        if table.get_ref().get("items").is_none() {
            self.problems.push(
                Problem::error(head(table), msg!("check-empty-section", id = &id))
                    .help(msg!("check-empty-section-help")),
            );
        }
        Some(Section {
            id,
            title,
            description: file.description,
            weight,
            items,
        })
    }

    fn weight(&mut self, table: &Table<'_>, weight: Option<f64>) -> f64 {
        let weight = weight.unwrap_or(1.0);
        if !(weight.is_finite() && weight > 0.0) {
            self.error(
                value_span(table, "weight"),
                msg!("check-weight", value = weight.to_string()),
            );
        } else if weight > MAX_WEIGHT {
            // Bounded so that no sum of weights overflows and no percent is NaN.
            self.error(
                value_span(table, "weight"),
                msg!(
                    "check-weight-limit",
                    value = weight.to_string(),
                    limit = MAX_WEIGHT.to_string()
                ),
            );
        }
        weight
    }

    fn item(&mut self, table: &Table<'_>) -> Option<Item> {
        let Some(file) = document::read::<ItemFile>(table, &[], &fields::item, self.problems)
        else {
            // Keep its id known, so that `when` and duplicates elsewhere are not misreported.
            if let Some(id) = raw_str(table, "id") {
                self.ids
                    .entry(id.to_owned())
                    .or_insert_with(|| value_span(table, "id"));
                self.items.push((id.to_owned(), None, true));
            }
            return None;
        };
        let id = self.id(table, file.id.clone(), "item");
        if let Some(first) = self.ids.get(&id) {
            self.problems.push(
                Problem::error(
                    value_span(table, "id"),
                    msg!("check-duplicate-item", id = &id),
                )
                .label(msg!("check-used-again"))
                .related(first.clone(), msg!("check-first-used"))
                .help(msg!("check-duplicate-item-help")),
            );
        } else if !id.is_empty() {
            self.ids.insert(id.clone(), value_span(table, "id"));
        }
        let text = self.text(table, "text", file.text.clone(), "item", "\"Is …?\"");
        let weight = self.weight(table, file.weight);
        if let Some(pass) = file.pass.filter(|p| !(0.0..=1.0).contains(p)) {
            self.error(
                value_span(table, "pass"),
                msg!("check-range", key = "pass", value = pass, range = "0..=1"),
            );
        }
        let kind = match file.kind {
            None => {
                self.problems.push(
                    Problem::error(head(table), msg!("check-no-kind"))
                        .help(msg!("check-no-kind-help")),
                );
                None
            }
            Some(name) => self.kind(table, name, &file),
        };
        let critical = file.critical.unwrap_or(false);
        let na = file.na.unwrap_or(true);
        let when = file.when.and_then(|when| self.when(table, when));
        if file.guidance.is_none() {
            self.problems.push(
                Problem::warning(value_span(table, "id"), msg!("check-no-guidance", id = &id))
                    .help(msg!("check-no-guidance-help")),
            );
        }
        if critical && na {
            self.problems.push(
                Problem::warning(
                    value_span(table, "critical"),
                    msg!("check-critical-na", id = &id),
                )
                .help(msg!("check-critical-na-help")),
            );
        }
        self.items.push((id.clone(), kind.clone(), na));
        let id_for_default = id.clone();
        Some(Item {
            id,
            text,
            guidance: file.guidance,
            kind: kind?,
            weight,
            critical,
            required: file.required.unwrap_or(true),
            na,
            pass: file.pass.unwrap_or(f64::NAN),
            // Without its own, the template's default, filled in once it is known.
            on_fail: file.on_fail.unwrap_or_else(|| {
                self.default_on_fail.insert(id_for_default.clone());
                Vec::new()
            }),
            when,
        })
    }

    fn kind(&mut self, table: &Table<'_>, name: KindName, file: &ItemFile) -> Option<Kind> {
        let used: [(&str, bool); 6] = [
            ("min", file.min.is_some()),
            ("max", file.max.is_some()),
            ("labels", file.labels.is_some()),
            ("options", file.options.is_some()),
            ("unit", file.unit.is_some()),
            ("target", file.target.is_some()),
        ];
        let applies: &[&str] = match name {
            KindName::Scale => &["min", "max", "labels"],
            KindName::Choice => &["options"],
            KindName::Number => &["unit", "target"],
            KindName::YesNo | KindName::Text | KindName::Date => &[],
        };
        let kind_text = value_of(table, "kind");
        for (key, present) in used {
            if present && !applies.contains(&key) {
                self.problems.push(
                    Problem::error(
                        key_span(table, key),
                        msg!("check-not-for-kind", key = key, kind = &kind_text),
                    )
                    .help(msg!("check-not-for-kind-help")),
                );
            }
        }
        let errors = self.problems.len();
        let kind = match name {
            KindName::YesNo => Kind::YesNo,
            KindName::Text => Kind::Text,
            KindName::Date => Kind::Date,
            KindName::Scale => self.scale(table, file)?,
            KindName::Choice => self.choice(table, file.options.as_deref())?,
            KindName::Number => self.number(table, file.unit.clone(), file.target.as_ref())?,
        };
        (self.problems.len() == errors).then_some(kind)
    }

    fn scale(&mut self, table: &Table<'_>, file: &ItemFile) -> Option<Kind> {
        let (Some(min), Some(max)) = (file.min, file.max) else {
            self.problems.push(
                Problem::error(head(table), msg!("check-scale-bounds"))
                    .help(msg!("check-scale-bounds-help")),
            );
            return None;
        };
        if min >= max {
            self.problems.push(
                Problem::error(
                    value_span(table, "min"),
                    msg!("check-scale-order", min = min, max = max),
                )
                .related(value_span(table, "max"), msg!("check-max")),
            );
            return None;
        }
        if max.abs_diff(min) > MAX_SCALE_STEPS {
            self.problems.push(
                Problem::error(
                    value_span(table, "max"),
                    msg!("check-scale-wide", min = min, max = max),
                )
                .help(msg!("check-scale-wide-help", count = MAX_SCALE_STEPS + 1)),
            );
            return None;
        }
        let labels = file.labels.clone().unwrap_or_default();
        let expected = max.abs_diff(min) + 1;
        if file.labels.is_some() && labels.len() as u64 != expected {
            self.problems.push(
                Problem::error(
                    value_span(table, "labels"),
                    msg!(
                        "check-scale-labels",
                        min = min,
                        max = max,
                        expected = expected,
                        found = labels.len()
                    ),
                )
                .help(msg!("check-scale-labels-help")),
            );
        }
        Some(Kind::Scale { min, max, labels })
    }

    fn choice(&mut self, table: &Table<'_>, options: Option<&[OptionFile]>) -> Option<Kind> {
        let Some(options) = options else {
            self.problems.push(
                Problem::error(head(table), msg!("check-no-options"))
                    .help(msg!("check-no-options-help")),
            );
            return None;
        };
        if options.len() < 2 {
            self.error(
                value_span(table, "options"),
                msg!("check-few-options", found = options.len()),
            );
        }
        let mut out: Vec<Choice> = Vec::with_capacity(options.len());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, option) in options.iter().enumerate() {
            let at = |key: &str| path_span(table, &["options", &i.to_string(), key]);
            let (Some(label), Some(score)) = (option.label.as_deref(), option.score) else {
                self.problems.push(
                    Problem::error(
                        path_span(table, &["options", &i.to_string()]),
                        msg!("check-option-fields"),
                    )
                    .help(msg!(
                        "check-write-as",
                        example = "{ label = \"Weekly\", score = 1.0 }"
                    )),
                );
                continue;
            };
            if let Some(first) = seen.insert(label, i) {
                self.problems.push(
                    Problem::error(at("label"), msg!("check-duplicate-option", label = label))
                        .related(
                            path_span(table, &["options", &first.to_string(), "label"]),
                            msg!("check-first-used"),
                        ),
                );
            }
            if !(0.0..=1.0).contains(&score) {
                self.error(
                    at("score"),
                    msg!("check-range", key = "score", value = score, range = "0..=1"),
                );
            }
            out.push(Choice {
                label: label.to_owned(),
                score,
            });
        }
        Some(Kind::Choice { options: out })
    }

    fn number(
        &mut self,
        table: &Table<'_>,
        unit: Option<String>,
        target: Option<&TargetFile>,
    ) -> Option<Kind> {
        let Some(target) = target else {
            self.problems.push(
                Problem::error(head(table), msg!("check-no-target"))
                    .help(msg!("check-no-target-help")),
            );
            return None;
        };
        for (key, bound) in [("min", target.min), ("max", target.max)] {
            if bound.is_some_and(|b| !b.is_finite()) {
                self.error(
                    path_span(table, &["target", key]),
                    msg!("check-target-finite", key = key),
                );
                return None;
            }
        }
        match (target.min, target.max) {
            (None, None) => {
                self.problems.push(
                    Problem::error(value_span(table, "target"), msg!("check-target-bounds"))
                        .help(msg!("check-write-as", example = "target = { max = 24 }")),
                );
                return None;
            }
            (Some(min), Some(max)) if min > max => {
                self.error(
                    path_span(table, &["target", "min"]),
                    msg!("check-target-order", min = min, max = max),
                );
            }
            _ => {}
        }
        Some(Kind::Number {
            unit,
            target: Target {
                min: target.min,
                max: target.max,
            },
        })
    }

    fn when(&mut self, table: &Table<'_>, when: super::file::WhenFile) -> Option<When> {
        let (Some(item), Some(is)) = (when.item, when.is) else {
            self.problems.push(
                Problem::error(value_span(table, "when"), msg!("check-when-fields")).help(msg!(
                    "check-write-as",
                    example = "when = { item = \"other-id\", is = \"no\" }"
                )),
            );
            return None;
        };
        let item_at = path_span(table, &["when", "item"]);
        let is_at = path_span(table, &["when", "is"]);
        let Some((_, kind, na)) = self.items.iter().find(|(id, _, _)| *id == item) else {
            if self.all_ids.contains(&item) {
                self.error(item_at, msg!("check-when-later", item = &item));
            } else {
                self.problems.push(
                    Problem::error(item_at, msg!("check-when-unknown", item = &item))
                        .help(msg!("check-when-unknown-help")),
                );
            }
            return None;
        };
        let allowed: Vec<String> = match kind {
            None => return Some(When { item, is }),
            Some(Kind::YesNo) => {
                let mut v = vec!["yes".to_owned(), "no".to_owned()];
                if *na {
                    v.push("na".to_owned());
                }
                v
            }
            Some(Kind::Choice { options }) => {
                let mut v: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
                if *na {
                    v.push("na".to_owned());
                }
                v
            }
            Some(other) => {
                self.error(
                    item_at,
                    msg!("check-when-kind", item = &item, kind = other.name()),
                );
                return None;
            }
        };
        if !allowed.contains(&is) {
            self.problems.push(
                Problem::error(is_at, msg!("check-when-value", item = &item, value = &is)).help(
                    msg!(
                        "check-when-value-help",
                        values = allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            );
            return None;
        }
        Some(When { item, is })
    }
}

/// The ids of all items, read straight from the tree.
fn all_item_ids(root: &Table<'_>) -> Vec<String> {
    let mut ignored = Vec::new();
    document::tables(root, "sections", &mut ignored)
        .iter()
        .flat_map(|section| document::tables(section, "items", &mut ignored))
        .filter_map(|item| raw_str(&item, "id").map(str::to_owned))
        .collect()
}

/// The scoring of a template that states none.
pub fn default_scoring() -> Scoring {
    Scoring {
        pass_mark: DEFAULT_PASS_MARK,
        item_pass: DEFAULT_ITEM_PASS,
        bands: default_bands(),
        on_fail: Vec::new(),
    }
}

fn default_bands() -> Vec<Band> {
    [
        (90.0, "Excellent"),
        (75.0, "Good"),
        (60.0, "Needs improvement"),
        (0.0, "Unsatisfactory"),
    ]
    .into_iter()
    .map(|(min, label)| Band {
        min,
        label: label.to_owned(),
    })
    .collect()
}

/// The first line of a table, for problems about the table as a whole.
fn head(table: &Table<'_>) -> Range<usize> {
    let span = table.span();
    span.start..span.start
}

fn key_span(table: &Table<'_>, key: &str) -> Range<usize> {
    table
        .get_ref()
        .get_key_value(key)
        .map_or_else(|| head(table), |(k, _)| k.span())
}

fn value_of(table: &Table<'_>, key: &str) -> String {
    raw_str(table, key).unwrap_or("?").to_owned()
}

pub fn is_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
