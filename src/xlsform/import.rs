//! An XLSForm read into one template per language. What has no opscheck equivalent is
//! dropped and reported with its cell; the rest is imported.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::grid::{Grid, cell_ref};
use super::language;
use crate::i18n::Message;
use crate::msg;
use crate::template::{
    Band, Choice, Item, Kind, Scoring, Section, Target, Template, When, default_scoring,
};

/// Something the import left out, at `SHEET!CELL`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub sheet: String,
    pub cell: String,
    pub what: Message,
}

/// Why a workbook cannot be imported at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// `SHEET!CELL`, or empty when it concerns the whole file.
    pub place: String,
    pub why: Message,
    /// What was dropped before the import gave up.
    pub dropped: Vec<Dropped>,
}

/// The templates of a form, the default language first, and what was dropped.
#[derive(Debug, Clone)]
pub struct Imported {
    pub templates: Vec<Template>,
    pub dropped: Vec<Dropped>,
}

/// Texts of one column family (`label`, `hint`) by language tag; `None` is the
/// column without a language.
type Texts = BTreeMap<Option<String>, String>;

/// A sheet's header: base name (lowercase) and language tag of each column.
struct Header {
    columns: Vec<(String, Option<String>)>,
}

impl Header {
    fn col(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|(base, lang)| base == name && lang.is_none())
            .or_else(|| self.columns.iter().position(|(base, _)| base == name))
    }

    /// Every column of a family, with its language.
    fn family(&self, name: &str) -> Vec<(usize, Option<String>)> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, (base, _))| base == name)
            .map(|(i, (_, lang))| (i, lang.clone()))
            .collect()
    }
}

/// The canonical name of a column: `list name` and `list_name` are one.
fn base_name(base: &str) -> String {
    let base = base.trim().to_lowercase().replace(' ', "_");
    match base.as_str() {
        "requiredmsg" => "required_message".to_owned(),
        _ => base,
    }
}

struct Context<'a> {
    dropped: Vec<Dropped>,
    /// Language names without a code already reported.
    reported_languages: BTreeSet<String>,
    grids: &'a [Grid],
}

impl Context<'_> {
    fn drop(&mut self, sheet: &str, row: usize, col: usize, what: Message) {
        self.dropped.push(Dropped {
            sheet: sheet.to_owned(),
            cell: cell_ref(row, col),
            what,
        });
    }

    fn header(&mut self, grid: &Grid) -> Header {
        let row = grid.rows.first().cloned().unwrap_or_default();
        let columns = row
            .iter()
            .enumerate()
            .map(|(col, text)| {
                let (base, spec) = split_header(text);
                let translated = matches!(base_name(&base).as_str(), "label" | "hint");
                let lang = spec.filter(|_| translated).map(|spec| {
                    let (tag, known) = language::tag(&spec);
                    if !known && self.reported_languages.insert(spec.clone()) {
                        self.drop(
                            &grid.name,
                            0,
                            col,
                            msg!("xlsform-language", name = &spec, tag = &tag),
                        );
                    }
                    tag
                });
                // `media::audio::chinese` and other such columns are not read.
                let base = if translated || !text.contains(':') {
                    base_name(&base)
                } else {
                    base_name(text)
                };
                (base, lang)
            })
            .collect();
        Header { columns }
    }

    fn sheet(&self, name: &str) -> Option<&Grid> {
        self.grids
            .iter()
            .find(|g| g.name.trim().eq_ignore_ascii_case(name))
    }
}

/// `label::English (en)` → (`label`, `English (en)`); `label:English` likewise.
fn split_header(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    match text.split_once(':') {
        Some((base, rest)) => {
            let spec = rest.trim_start_matches(':').trim();
            (base.to_owned(), (!spec.is_empty()).then(|| spec.to_owned()))
        }
        None => (text.to_owned(), None),
    }
}

fn texts(grid: &Grid, header: &Header, row: usize, family: &str) -> Texts {
    header
        .family(family)
        .into_iter()
        .filter_map(|(col, lang)| {
            let text = grid.cell(row, col);
            (!text.is_empty()).then(|| (lang, text.to_owned()))
        })
        .collect()
}

/// The text in `lang`, else the column without a language, else any.
fn pick(texts: &Texts, lang: &str, default: &str) -> Option<String> {
    texts
        .get(&Some(lang.to_owned()))
        .or_else(|| (lang == default).then(|| texts.get(&None)).flatten())
        .or_else(|| texts.get(&None))
        .or_else(|| texts.values().next())
        .cloned()
}

/// An opscheck id from an XLSForm name: lowercase, `_` and other signs as `-`.
fn to_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// Ids made unique: `x`, `x-2`, `x-3`.
#[derive(Default)]
struct Ids(BTreeSet<String>);

impl Ids {
    fn take(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.is_empty() {
            fallback.to_owned()
        } else {
            wanted.to_owned()
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

#[derive(Debug, Clone)]
struct ChoiceRow {
    name: String,
    label: Texts,
    score: Option<f64>,
}

#[derive(Debug, Clone)]
enum QKind {
    YesNo,
    Scale {
        min: i64,
        max: i64,
        labels: Option<String>,
    },
    Choice(String),
    Number {
        unit: Option<String>,
        target: Target,
    },
    Text,
    Date,
}

#[derive(Debug, Clone)]
struct Question {
    id: String,
    label: Texts,
    hint: Texts,
    kind: QKind,
    weight: f64,
    critical: bool,
    required: bool,
    na: bool,
    pass: Option<f64>,
    /// The item id and the choice name.
    when: Option<(String, String)>,
}

#[derive(Debug, Clone)]
struct Group {
    id: String,
    label: Texts,
    hint: Texts,
    weight: f64,
    questions: Vec<Question>,
    /// The `type` cell of its `begin group` row, for messages.
    row: usize,
}

/// The words of an XLSForm `type`, lowercased, with the old spellings
/// (`select one from LIST`, `begin_group`) made the new ones.
fn type_words(text: &str) -> Vec<String> {
    let lower = text.trim().to_lowercase();
    // `select_one LIST`, `begin_group`: the keyword's underscore, not the list's.
    let lower = match lower.split_once(char::is_whitespace) {
        Some((keyword, rest)) => format!("{} {rest}", keyword.replace('_', " ")),
        None => lower.replace('_', " "),
    };
    let lower = lower
        .replace("select one from ", "select one ")
        .replace("select all that apply from ", "select multiple ")
        .replace(" or specify other", " or other");
    lower.split_whitespace().map(str::to_owned).collect()
}

/// `. >= 0 and . <= 4` → the range; `None` when the constraint is not that simple.
fn parse_constraint(text: &str, integer: bool) -> Option<(Target, bool)> {
    let mut target = Target {
        min: None,
        max: None,
    };
    let mut strict = false;
    let lower = text.to_lowercase();
    for part in lower.split(" and ") {
        let part = part.trim().trim_start_matches('(').trim_end_matches(')');
        let rest = part.strip_prefix('.')?.trim_start();
        let (op, value) = [">=", "<=", ">", "<"]
            .iter()
            .find_map(|op| rest.strip_prefix(op).map(|v| (*op, v.trim())))?;
        let value: f64 = value.parse().ok().filter(|v: &f64| v.is_finite())?;
        let (bound, v) = match op {
            ">=" => (&mut target.min, value),
            "<=" => (&mut target.max, value),
            ">" if integer && value.fract() == 0.0 => (&mut target.min, value + 1.0),
            "<" if integer && value.fract() == 0.0 => (&mut target.max, value - 1.0),
            ">" => {
                strict = true;
                (&mut target.min, value)
            }
            _ => {
                strict = true;
                (&mut target.max, value)
            }
        };
        if bound.is_some() {
            return None;
        }
        *bound = Some(v);
    }
    match (target.min, target.max) {
        (None, None) => None,
        (Some(a), Some(b)) if a > b => None,
        _ => Some((target, strict)),
    }
}

/// `${q} = 'x'` or `selected(${q}, 'x')` → (`q`, `x`).
fn parse_relevant(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let quoted = |s: &str| -> Option<String> {
        let s = s.trim();
        let inner = s
            .strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .or_else(|| s.strip_prefix('"').and_then(|s| s.strip_suffix('"')))?;
        (!inner.contains(['\'', '"'])).then(|| inner.to_owned())
    };
    let reference = |s: &str| -> Option<String> {
        let name = s.trim().strip_prefix("${")?.strip_suffix('}')?;
        (!name.is_empty() && !name.contains(['$', '{', '}', ' '])).then(|| name.to_owned())
    };
    if let Some(args) = text
        .strip_prefix("selected(")
        .and_then(|s| s.strip_suffix(')'))
    {
        let (q, v) = args.split_once(',')?;
        return Some((reference(q)?, quoted(v)?));
    }
    let (q, v) = text.split_once('=')?;
    if q.ends_with(['!', '<', '>']) || v.starts_with('=') {
        return None;
    }
    Some((reference(q)?, quoted(v)?))
}

/// `start=1 end=5 step=1` (spaces, `;` or `,` between).
fn parse_range(text: &str) -> Option<(i64, i64)> {
    let mut start = None;
    let mut end = None;
    let mut step = 1.0;
    for part in text.split([' ', ';', ',']).filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=')?;
        let value: f64 = value.trim().parse().ok()?;
        match key.trim().to_lowercase().as_str() {
            "start" => start = Some(value),
            "end" => end = Some(value),
            "step" => step = value,
            _ => return None,
        }
    }
    let (start, end) = (start?, end?);
    let whole = |v: f64| (v.fract() == 0.0 && v.abs() < 1e9).then_some(v as i64);
    (step == 1.0 && start < end).then_some(())?;
    Some((whole(start)?, whole(end)?))
}

fn yes(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" | "true()" | "1" | "y" => Some(true),
        "no" | "false" | "false()" | "0" | "n" | "" => Some(false),
        _ => None,
    }
}

fn number(text: &str) -> Option<f64> {
    text.trim().parse().ok().filter(|v: &f64| v.is_finite())
}

/// The columns of the survey sheet that the import reads.
const SURVEY_COLUMNS: &[&str] = &[
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "constraint_message",
    "required_message",
    "parameters",
    "weight",
    "critical",
    "na",
    "pass",
    "unit",
    "labels",
];
const CHOICES_COLUMNS: &[&str] = &["list_name", "name", "label", "score"];
pub(super) const SETTINGS_COLUMNS: [&str; 7] = [
    "form_id",
    "form_title",
    "version",
    "default_language",
    "description",
    "pass_mark",
    "item_pass",
];

/// Reports every non-empty column of a sheet that is not read.
fn report_columns(cx: &mut Context<'_>, grid: &Grid, header: &Header, known: &[&str]) {
    for (col, (base, _)) in header.columns.iter().enumerate() {
        if base.is_empty() || known.contains(&base.as_str()) {
            continue;
        }
        let used = (1..grid.rows.len()).any(|r| !grid.cell(r, col).is_empty());
        if used {
            let name = grid.cell(0, col).to_owned();
            let what = if base == "choice_filter" {
                msg!("xlsform-drop-choice-filter")
            } else {
                msg!("xlsform-drop-column", column = name)
            };
            cx.drop(&grid.name, 0, col, what);
        }
    }
}

/// Reads an XLSForm's sheets. `stem` names the form when its settings do not.
pub fn import(grids: &[Grid], stem: &str) -> Result<Imported, Refused> {
    let mut cx = Context {
        dropped: Vec::new(),
        reported_languages: BTreeSet::new(),
        grids,
    };
    let survey = cx.sheet("survey").cloned().ok_or_else(|| Refused {
        place: String::new(),
        why: msg!("xlsform-no-survey"),
        dropped: Vec::new(),
    })?;
    let header = cx.header(&survey);
    let Some(type_col) = header.col("type") else {
        return Err(Refused {
            place: format!("{}!A1", survey.name),
            why: msg!("xlsform-no-type"),
            dropped: cx.dropped,
        });
    };
    report_columns(&mut cx, &survey, &header, SURVEY_COLUMNS);

    // Settings.
    let settings = cx.sheet("settings").cloned();
    let setting = |key: &str| -> Option<(String, String)> {
        let grid = settings.as_ref()?;
        let col = grid
            .rows
            .first()?
            .iter()
            .position(|h| base_name(&split_header(h).0) == key)?;
        let value = grid.cell(1, col);
        (!value.is_empty()).then(|| (value.to_owned(), cell_ref(1, col)))
    };
    if let Some(grid) = &settings {
        let header = cx.header(grid);
        report_columns(&mut cx, grid, &header, &SETTINGS_COLUMNS);
    }

    // Choices.
    let mut lists: HashMap<String, Vec<ChoiceRow>> = HashMap::new();
    if let Some(grid) = cx.sheet("choices").cloned() {
        let header = cx.header(&grid);
        report_columns(&mut cx, &grid, &header, CHOICES_COLUMNS);
        let list_col = header.col("list_name");
        let name_col = header.col("name");
        let score_col = header.col("score");
        if let (Some(list_col), Some(name_col)) = (list_col, name_col) {
            for row in 1..grid.rows.len() {
                let list = grid.cell(row, list_col);
                let name = grid.cell(row, name_col);
                if list.is_empty() || name.is_empty() {
                    continue;
                }
                let score = match score_col.map(|c| (c, grid.cell(row, c))) {
                    Some((_, "")) | None => None,
                    Some((col, text)) => match number(text).filter(|s| (0.0..=1.0).contains(s)) {
                        Some(s) => Some(s),
                        None => {
                            cx.drop(
                                &grid.name,
                                row,
                                col,
                                msg!("xlsform-bad-score", value = text),
                            );
                            None
                        }
                    },
                };
                lists.entry(list.to_owned()).or_default().push(ChoiceRow {
                    name: name.to_owned(),
                    label: texts(&grid, &header, row, "label"),
                    score,
                });
            }
        }
    }

    // Languages: every language of a label or hint column; the column without one is
    // the default language.
    let mut languages: Vec<String> = Vec::new();
    for (_, lang) in header
        .family("label")
        .into_iter()
        .chain(header.family("hint"))
    {
        if let Some(lang) = lang
            && !languages.contains(&lang)
        {
            languages.push(lang);
        }
    }
    let has_plain = header.family("label").iter().any(|(_, l)| l.is_none());
    let default = match setting("default_language") {
        Some((spec, _)) => language::tag(&spec).0,
        None if !has_plain && !languages.is_empty() => languages[0].clone(),
        None => {
            let cjk = survey
                .rows
                .iter()
                .flatten()
                .any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            if cjk { "zh-CN" } else { "en" }.to_owned()
        }
    };
    languages.retain(|l| *l != default);
    languages.insert(0, default.clone());

    // Survey rows into groups of questions.
    let col = |name: &str| header.col(name);
    let name_col = col("name");
    let sheet = survey.name.clone();
    let mut groups: Vec<Group> = Vec::new();
    let mut section_ids = Ids::default();
    let mut item_ids = Ids::default();
    // XLSForm name → (item id, kind) of the questions read so far.
    let mut names: HashMap<String, (String, QKind, bool)> = HashMap::new();
    let mut depth = 0usize;
    // Inside a repeat or loop: (depth at which it began, name, begin row, count).
    let mut skipping: Option<(usize, String, usize, usize)> = None;
    let mut open_top: Option<usize> = None;
    let text_at = |row: usize, name: &str| col(name).map_or("", |c| survey.cell(row, c));
    for row in 1..survey.rows.len() {
        let type_text = survey.cell(row, type_col);
        if type_text.is_empty() {
            continue;
        }
        let words = type_words(type_text);
        let name = name_col.map_or("", |c| survey.cell(row, c)).to_owned();
        let head = words.first().map_or("", String::as_str);
        let second = words.get(1).map_or("", String::as_str);
        if let Some((at, _, _, count)) = &mut skipping {
            match (head, second) {
                ("begin", _) => depth += 1,
                ("end", _) => {
                    depth = depth.saturating_sub(1);
                    if depth == *at {
                        let (_, rname, rrow, count) = skipping.take().unwrap_or_default();
                        cx.drop(
                            &sheet,
                            rrow,
                            type_col,
                            msg!("xlsform-drop-repeat", name = rname, count = count),
                        );
                    }
                }
                _ => *count += 1,
            }
            continue;
        }
        match (head, second) {
            ("begin", "repeat" | "loop") => {
                skipping = Some((depth, name, row, 0));
                depth += 1;
                continue;
            }
            ("begin", "group") => {
                if let Some(rel) = col("relevant")
                    && !survey.cell(row, rel).is_empty()
                {
                    cx.drop(
                        &sheet,
                        row,
                        rel,
                        msg!(
                            "xlsform-drop-group-relevant",
                            expression = survey.cell(row, rel)
                        ),
                    );
                }
                if depth > 0 {
                    let outer = groups.last().map(|g| g.id.clone()).unwrap_or_default();
                    cx.drop(
                        &sheet,
                        row,
                        type_col,
                        msg!("xlsform-nested-group", name = &name, outer = outer),
                    );
                } else {
                    open_top = None;
                    let weight = weight_of(&mut cx, &survey, row, col("weight"));
                    groups.push(Group {
                        id: section_ids.take(&to_id(&name), "section"),
                        label: texts(&survey, &header, row, "label"),
                        hint: texts(&survey, &header, row, "hint"),
                        weight,
                        questions: Vec::new(),
                        row,
                    });
                }
                depth += 1;
                continue;
            }
            ("end", _) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ => {}
        }
        // A question.
        let kind = match head {
            "text" | "phone" | "string" => Some(QKind::Text),
            "date" => Some(QKind::Date),
            "integer" | "int" | "decimal" => {
                let integer = head != "decimal";
                let constraint = text_at(row, "constraint");
                match parse_constraint(constraint, integer) {
                    Some((target, strict)) => {
                        if strict {
                            cx.drop(
                                &sheet,
                                row,
                                col("constraint").unwrap_or(type_col),
                                msg!("xlsform-strict-bound", expression = constraint),
                            );
                        }
                        let unit = text_at(row, "unit");
                        Some(QKind::Number {
                            unit: (!unit.is_empty()).then(|| unit.to_owned()),
                            target,
                        })
                    }
                    None => {
                        cx.drop(
                            &sheet,
                            row,
                            col("constraint")
                                .filter(|_| !constraint.is_empty())
                                .unwrap_or(type_col),
                            msg!("xlsform-number-no-target", name = &name),
                        );
                        Some(QKind::Text)
                    }
                }
            }
            "range" => match parse_range(text_at(row, "parameters")) {
                Some((min, max)) => {
                    let labels = text_at(row, "labels");
                    Some(QKind::Scale {
                        min,
                        max,
                        labels: (!labels.is_empty()).then(|| labels.to_owned()),
                    })
                }
                None => {
                    cx.drop(
                        &sheet,
                        row,
                        col("parameters").unwrap_or(type_col),
                        msg!("xlsform-bad-range", name = &name),
                    );
                    None
                }
            },
            "select" if second == "one" => {
                let list = words.get(2).cloned().unwrap_or_default();
                if words.get(3).is_some_and(|w| w == "or" || w == "or_other") {
                    cx.drop(
                        &sheet,
                        row,
                        type_col,
                        msg!("xlsform-drop-or-other", name = &name),
                    );
                }
                match lists.get(&list) {
                    None => {
                        cx.drop(
                            &sheet,
                            row,
                            type_col,
                            msg!("xlsform-unknown-list", list = &list, name = &name),
                        );
                        None
                    }
                    Some(options) if is_yes_no(options) => Some(QKind::YesNo),
                    Some(options) if options.iter().all(|o| o.score.is_none()) => {
                        cx.drop(
                            &sheet,
                            row,
                            type_col,
                            msg!("xlsform-no-score", list = &list, name = &name),
                        );
                        Some(QKind::Text)
                    }
                    Some(options) if options.len() < 2 => {
                        cx.drop(
                            &sheet,
                            row,
                            type_col,
                            msg!("xlsform-few-options", list = &list, name = &name),
                        );
                        None
                    }
                    Some(_) => Some(QKind::Choice(list)),
                }
            }
            "calculate" => {
                cx.drop(
                    &sheet,
                    row,
                    type_col,
                    msg!("xlsform-drop-calculate", name = &name),
                );
                None
            }
            _ => {
                cx.drop(
                    &sheet,
                    row,
                    type_col,
                    msg!("xlsform-drop-type", kind = type_text, name = &name),
                );
                None
            }
        };
        let Some(kind) = kind else { continue };
        let label = texts(&survey, &header, row, "label");
        if label.is_empty() {
            cx.drop(
                &sheet,
                row,
                name_col.unwrap_or(type_col),
                msg!("xlsform-no-label", name = &name),
            );
        }
        let required = match col("required") {
            Some(c) => match yes(survey.cell(row, c)) {
                Some(r) => r,
                None => {
                    cx.drop(
                        &sheet,
                        row,
                        c,
                        msg!("xlsform-required", value = survey.cell(row, c)),
                    );
                    false
                }
            },
            None => false,
        };
        let flag = |cx: &mut Context<'_>, key: &str, default: bool| match col(key) {
            Some(c) => yes(survey.cell(row, c)).map_or_else(
                || {
                    cx.drop(
                        &sheet,
                        row,
                        c,
                        msg!(
                            "xlsform-bad-flag",
                            column = key,
                            value = survey.cell(row, c)
                        ),
                    );
                    default
                },
                |v| {
                    if survey.cell(row, c).is_empty() {
                        default
                    } else {
                        v
                    }
                },
            ),
            None => default,
        };
        let critical = flag(&mut cx, "critical", false);
        let na = flag(&mut cx, "na", true);
        let pass = match col("pass").map(|c| (c, survey.cell(row, c))) {
            Some((_, "")) | None => None,
            Some((c, text)) => {
                let p = number(text).filter(|p| (0.0..=1.0).contains(p));
                if p.is_none() {
                    cx.drop(
                        &sheet,
                        row,
                        c,
                        msg!("xlsform-bad-number", column = "pass", value = text),
                    );
                }
                p
            }
        };
        let weight = weight_of(&mut cx, &survey, row, col("weight"));
        let mut when = None;
        if let Some(rel) = col("relevant") {
            let expression = survey.cell(row, rel);
            if !expression.is_empty() {
                match parse_relevant(expression).and_then(|(q, v)| {
                    names
                        .get(&q)
                        .map(|(id, k, na)| (id.clone(), k.clone(), *na, v))
                }) {
                    Some((id, QKind::YesNo, na, v))
                        if v == "yes" || v == "no" || (na && v == "na") =>
                    {
                        when = Some((id, v));
                    }
                    Some((id, QKind::Choice(list), na, v))
                        if lists[&list].iter().any(|o| o.name == v) || (na && v == "na") =>
                    {
                        when = Some((id, v));
                    }
                    _ => cx.drop(
                        &sheet,
                        row,
                        rel,
                        msg!("xlsform-drop-relevant", expression = expression),
                    ),
                }
            }
        }
        let id = item_ids.take(&to_id(&name), &format!("item-{row}"));
        names.insert(name.clone(), (id.clone(), kind.clone(), na));
        let question = Question {
            id,
            label: if label.is_empty() {
                Texts::from([(None, name.clone())])
            } else {
                label
            },
            hint: texts(&survey, &header, row, "hint"),
            kind,
            weight,
            critical,
            required,
            na,
            pass,
            when,
        };
        let index = match (depth, open_top) {
            (0, Some(i)) => i,
            (0, None) => {
                groups.push(Group {
                    id: section_ids.take("general", "general"),
                    label: Texts::new(),
                    hint: Texts::new(),
                    weight: 1.0,
                    questions: Vec::new(),
                    row,
                });
                open_top = Some(groups.len() - 1);
                groups.len() - 1
            }
            _ => groups.len().saturating_sub(1),
        };
        if let Some(group) = groups.get_mut(index) {
            group.questions.push(question);
        }
    }
    if let Some((_, rname, rrow, count)) = skipping {
        cx.drop(
            &sheet,
            rrow,
            type_col,
            msg!("xlsform-drop-repeat", name = rname, count = count),
        );
    }
    // Groups left without a question.
    let mut kept = Vec::new();
    for group in groups {
        if group.questions.is_empty() {
            cx.drop(
                &sheet,
                group.row,
                type_col,
                msg!("xlsform-empty-group", name = &group.id),
            );
        } else {
            kept.push(group);
        }
    }
    if kept.is_empty() {
        return Err(Refused {
            place: format!("{sheet}!A1"),
            why: msg!("xlsform-nothing"),
            dropped: cx.dropped,
        });
    }

    // Scoring and identity.
    let mut scoring = default_scoring();
    for (key, slot, range) in [
        ("pass_mark", &mut scoring.pass_mark, 0.0..=100.0),
        ("item_pass", &mut scoring.item_pass, 0.0..=1.0),
    ] {
        if let Some((text, at)) = setting(key) {
            match number(&text).filter(|v| range.contains(v)) {
                Some(v) => *slot = v,
                None => cx.dropped.push(Dropped {
                    sheet: settings
                        .as_ref()
                        .map(|g| g.name.clone())
                        .unwrap_or_default(),
                    cell: at,
                    what: msg!("xlsform-bad-number", column = key, value = &text),
                }),
            }
        }
    }
    let bands = cx.sheet("bands").cloned();
    let form_id = setting("form_id")
        .map(|(v, _)| v)
        .unwrap_or_else(|| stem.to_owned());
    let id = Some(to_id(&form_id))
        .filter(|id| crate::template::is_id(id))
        .unwrap_or_else(|| "imported-form".to_owned());
    let title = setting("form_title")
        .map(|(v, _)| v)
        .unwrap_or_else(|| form_id.clone());
    let version = setting("version").map_or_else(|| "1".to_owned(), |(v, _)| v);
    let description = setting("description").map(|(v, _)| v);

    let mut templates = Vec::new();
    for lang in &languages {
        let mut band_list = scoring.bands.clone();
        if let Some(grid) = &bands
            && let Some(read) = read_bands(&mut cx, grid, lang, &default)
        {
            band_list = read;
        }
        let sections = kept
            .iter()
            .map(|g| build_section(g, lang, &default, &title, &lists, &kept, scoring.item_pass))
            .collect();
        templates.push(Template {
            format: crate::template::FORMAT,
            id: id.clone(),
            title: title.clone(),
            version: version.clone(),
            language: lang.clone(),
            description: description.clone(),
            scoring: Scoring {
                pass_mark: scoring.pass_mark,
                item_pass: scoring.item_pass,
                bands: band_list,
                on_fail: Vec::new(),
            },
            sections,
        });
    }
    Ok(Imported {
        templates,
        dropped: cx.dropped,
    })
}

fn weight_of(cx: &mut Context<'_>, grid: &Grid, row: usize, col: Option<usize>) -> f64 {
    let Some(c) = col else { return 1.0 };
    let text = grid.cell(row, c);
    if text.is_empty() {
        return 1.0;
    }
    match number(text).filter(|w| *w > 0.0) {
        Some(w) => w,
        None => {
            cx.drop(
                &grid.name,
                row,
                c,
                msg!("xlsform-bad-number", column = "weight", value = text),
            );
            1.0
        }
    }
}

/// A list of exactly `yes` and `no`, without scores.
fn is_yes_no(options: &[ChoiceRow]) -> bool {
    let mut names: Vec<String> = options.iter().map(|o| o.name.to_lowercase()).collect();
    names.sort();
    names == ["no", "yes"] && options.iter().all(|o| o.score.is_none())
}

/// The `bands` sheet (an opscheck extension): `min` and `label` columns.
fn read_bands(cx: &mut Context<'_>, grid: &Grid, lang: &str, default: &str) -> Option<Vec<Band>> {
    let header = cx.header(grid);
    let min_col = header.col("min")?;
    let mut bands = Vec::new();
    for row in 1..grid.rows.len() {
        let min = grid.cell(row, min_col);
        if min.is_empty() {
            continue;
        }
        let label = pick(&texts(grid, &header, row, "label"), lang, default).unwrap_or_default();
        bands.push(Band {
            min: number(min)?,
            label,
        });
    }
    (!bands.is_empty()).then_some(bands)
}

fn build_section(
    group: &Group,
    lang: &str,
    default: &str,
    form_title: &str,
    lists: &HashMap<String, Vec<ChoiceRow>>,
    all: &[Group],
    item_pass: f64,
) -> Section {
    let title = pick(&group.label, lang, default).unwrap_or_else(|| form_title.to_owned());
    let items = group
        .questions
        .iter()
        .map(|q| build_item(q, lang, default, lists, all, item_pass))
        .collect();
    Section {
        id: group.id.clone(),
        title,
        description: pick(&group.hint, lang, default),
        weight: group.weight,
        items,
    }
}

/// The option labels of a list in one language, unique (a repeated label gets its
/// name added).
fn option_labels(options: &[ChoiceRow], lang: &str, default: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    options
        .iter()
        .map(|o| {
            let label = pick(&o.label, lang, default).unwrap_or_else(|| o.name.clone());
            if seen.insert(label.clone()) {
                label
            } else {
                format!("{label} ({})", o.name)
            }
        })
        .collect()
}

fn build_item(
    q: &Question,
    lang: &str,
    default: &str,
    lists: &HashMap<String, Vec<ChoiceRow>>,
    all: &[Group],
    item_pass: f64,
) -> Item {
    let kind = match &q.kind {
        QKind::YesNo => Kind::YesNo,
        QKind::Text => Kind::Text,
        QKind::Date => Kind::Date,
        QKind::Number { unit, target } => Kind::Number {
            unit: unit.clone(),
            target: *target,
        },
        QKind::Scale { min, max, labels } => {
            let expected = usize::try_from(max - min + 1).unwrap_or(0);
            let labels = labels
                .as_ref()
                .and_then(|l| lists.get(l))
                .map(|options| option_labels(options, lang, default))
                .filter(|l| l.len() == expected)
                .unwrap_or_default();
            Kind::Scale {
                min: *min,
                max: *max,
                labels,
            }
        }
        QKind::Choice(list) => {
            let options = &lists[list];
            let labels = option_labels(options, lang, default);
            Kind::Choice {
                options: options
                    .iter()
                    .zip(labels)
                    .map(|(o, label)| Choice {
                        label,
                        score: o.score.unwrap_or(0.0),
                    })
                    .collect(),
            }
        }
    };
    let when = q.when.as_ref().map(|(item, value)| {
        // A choice's name becomes its label in this language.
        let target = all
            .iter()
            .flat_map(|g| &g.questions)
            .find(|other| other.id == *item);
        let is = match target.map(|t| &t.kind) {
            Some(QKind::Choice(list)) if value != "na" => {
                let options = &lists[list];
                let labels = option_labels(options, lang, default);
                options
                    .iter()
                    .zip(labels)
                    .find(|(o, _)| o.name == *value)
                    .map_or_else(|| value.clone(), |(_, l)| l)
            }
            _ => value.clone(),
        };
        When {
            item: item.clone(),
            is,
        }
    });
    Item {
        id: q.id.clone(),
        text: pick(&q.label, lang, default).unwrap_or_else(|| q.id.clone()),
        guidance: pick(&q.hint, lang, default),
        kind,
        weight: q.weight,
        critical: q.critical,
        required: q.required,
        na: q.na,
        pass: q.pass.unwrap_or(item_pass),
        when,
        on_fail: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_every_spelling() {
        assert_eq!(split_header("label"), ("label".into(), None));
        assert_eq!(
            split_header("label:English"),
            ("label".into(), Some("English".into()))
        );
        assert_eq!(
            split_header("label::English (en)"),
            ("label".into(), Some("English (en)".into()))
        );
        assert_eq!(
            split_header("Label::中文 (zh)"),
            ("Label".into(), Some("中文 (zh)".into()))
        );
    }

    #[test]
    fn simple_constraints_become_targets() {
        let t = |min, max| Target { min, max };
        assert_eq!(
            parse_constraint(". >= 0 and . <= 4", false),
            Some((t(Some(0.0), Some(4.0)), false))
        );
        assert_eq!(
            parse_constraint(".<=24", false),
            Some((t(None, Some(24.0)), false))
        );
        assert_eq!(
            parse_constraint(". > 0", true),
            Some((t(Some(1.0), None), false))
        );
        assert_eq!(
            parse_constraint(". > 0", false),
            Some((t(Some(0.0), None), true))
        );
        assert_eq!(parse_constraint(". <= ${a_integer}", false), None);
        assert_eq!(parse_constraint("regex(., '^[0-9]+$')", false), None);
        assert_eq!(parse_constraint(". >= 5 and . <= 1", false), None);
    }

    #[test]
    fn simple_relevants_become_when() {
        let r = |q: &str, v: &str| Some((q.to_owned(), v.to_owned()));
        assert_eq!(parse_relevant("${q} = 'yes'"), r("q", "yes"));
        assert_eq!(parse_relevant("${q}='x'"), r("q", "x"));
        assert_eq!(parse_relevant("selected(${q}, \"x\")"), r("q", "x"));
        assert_eq!(parse_relevant("${q} != 'x'"), None);
        assert_eq!(parse_relevant("${a} = 'x' and ${b} = 'y'"), None);
        assert_eq!(parse_relevant("not(selected(${skip_to_end}, 'yes'))"), None);
    }

    #[test]
    fn names_become_ids() {
        assert_eq!(to_id("family_name"), "family-name");
        assert_eq!(to_id("Spec test"), "spec-test");
        assert_eq!(to_id("__x__"), "x");
        assert_eq!(to_id("门店"), "");
    }

    #[test]
    fn ranges_become_scales() {
        assert_eq!(parse_range("start=1 end=5 step=1"), Some((1, 5)));
        assert_eq!(parse_range("start=0;end=10"), Some((0, 10)));
        assert_eq!(parse_range("start=0 end=1 step=0.5"), None);
    }
}
