//! Corpus generator for the benchmarks in `bench/`: N realistic inspection reports made
//! by the real scoring code (`Report::new`), written as `opscheck run` writes them.
//!
//! ```sh
//! cargo run --release -p opscheck-generate -- --out bench/corpus/10000 --count 10000
//! cargo run --release -p opscheck-generate -- --out DIR --count N [--seed S] [--asvs PATH] [--threads T]
//! ```
//!
//! Layout: `DIR/<template-id>/<YYYY-MM>/<date>-<template>-<subject-slug>-<n>.json`, the
//! generated ASVS checklist in `DIR/templates/asvs-5.toml`, and `DIR/.complete` (count and
//! seed; written last, so a half-written corpus is never taken for a finished one).
//!
//! What is in it:
//! - three templates: the two built-in checklists (`ops-inspection`, en and zh-CN; en
//!   reports from 2026-07-01 on use a version 1.1.0 copy, so that a group spans two
//!   versions) and OWASP ASVS 5.0.0 turned into a 345-item yes/no checklist (`asvs-5`), from
//!   `../shared/external/asvs/asvs-5.0.0-en.json` (skipped with a note when it is absent);
//! - 200 subjects: 90 English sites, 70 Chinese sites ("上海 徐汇店 12"), 40 applications
//!   for ASVS, so about 45 % / 35 % / 20 % of the reports; 30 inspectors;
//! - dates from 2025-01-01 to 2026-12-31 (fewer at weekends); several inspections of one
//!   subject on one day finish in order, so (date, finished_at) orders them strictly;
//! - each subject has a latent quality in 0.5..0.98 that drifts over time, per-area
//!   strengths and weaknesses, items that are hard everywhere; ~5 % N/A where allowed
//!   (whole ASVS chapters N/A for applications without OAuth or WebRTC); notes and
//!   corrective actions (owner, due date, priority) on failed items.
//!
//! Deterministic: the same `--seed` and `--count` give the same files, whatever the number
//! of threads (every report draws from its own splitmix64 stream).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use opscheck::answer::{Action, Answer, Answers, Entry, Priority};
use opscheck::report::name::stem;
use opscheck::report::{Meta, Report};
use opscheck::scoring::applies;
use opscheck::template::{self, BUILTIN, Item, Kind, Template};
use sha2::{Digest, Sha256};

const USAGE: &str = "\
usage: generate --out DIR --count N [--seed S] [--asvs PATH] [--threads T]
       generate --fingerprint [--seed S] [--asvs PATH]

  --out DIR      where to write the corpus (must not exist, or be empty)
  --count N      number of reports
  --seed S       PRNG seed [default: 1]
  --asvs PATH    ASVS 5.0.0 JSON [default: ../shared/external/asvs/asvs-5.0.0-en.json]
  --threads T    worker threads [default: available cores]
  --fingerprint  print a hash of sample reports (changes when the report format or the
                 generator does; bench/summary.sh keys its cached corpora on it) and exit";

/// First day of the corpus; it spans `DAYS` days (2025-01-01..=2026-12-31).
const FIRST_DAY: (i32, u32, u32) = (2025, 1, 1);
const DAYS: u32 = 730;

fn main() {
    let args = match Args::parse() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("generate: {message}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let result = if args.fingerprint {
        build_world(&args, None).map(|world| println!("{}", fingerprint(&world)))
    } else {
        generate(&args)
    };
    if let Err(message) = result {
        eprintln!("generate: {message}");
        std::process::exit(1);
    }
}

struct Args {
    out: PathBuf,
    count: u64,
    seed: u64,
    asvs: PathBuf,
    threads: usize,
    fingerprint: bool,
}

impl Args {
    fn parse() -> Result<Args, String> {
        let mut out = None;
        let mut count = None;
        let mut seed = 1;
        // `../shared` beside the repository (bench/generate is two levels down), or
        // beside the directory of a worktree under `wt/`.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let beside = |up: &str| manifest.join(up).join("external/asvs/asvs-5.0.0-en.json");
        let mut asvs = ["../../../shared", "../../../../shared"]
            .into_iter()
            .map(beside)
            .find(|p| p.exists())
            .unwrap_or_else(|| beside("../../../shared"));
        let mut threads = std::thread::available_parallelism().map_or(2, usize::from);
        let mut fingerprint = false;
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            if flag == "-h" || flag == "--help" {
                println!("{USAGE}");
                std::process::exit(0);
            }
            if flag == "--fingerprint" {
                fingerprint = true;
                continue;
            }
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number = |v: &str| {
                v.parse::<u64>()
                    .map_err(|_| format!("{flag}: `{v}` is not a whole number"))
            };
            match flag.as_str() {
                "--out" => out = Some(PathBuf::from(value)),
                "--count" => count = Some(number(&value)?),
                "--seed" => seed = number(&value)?,
                "--asvs" => asvs = PathBuf::from(value),
                "--threads" => threads = number(&value)?.max(1) as usize,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        if fingerprint {
            return Ok(Args {
                out: out.unwrap_or_default(),
                count: count.unwrap_or(0),
                seed,
                asvs,
                threads,
                fingerprint,
            });
        }
        Ok(Args {
            out: out.ok_or("--out is required")?,
            count: count.ok_or("--count is required")?,
            seed,
            asvs,
            threads,
            fingerprint,
        })
    }
}

// ---------------------------------------------------------------------------------------
// PRNG: splitmix64, one stream per report.

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable hash of a few words, for per-subject and per-item traits.
fn hash(parts: &[&[u8]]) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325_u64;
    for part in parts {
        for &b in *part {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        h = mix(h);
    }
    h
}

/// A number in [0, 1) from a hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64, n: u64) -> Rng {
        Rng(mix(seed ^ mix(stream ^ mix(n))))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        unit(self.next())
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Roughly normal, mean 0, sd 1 (sum of four uniforms).
    fn normal(&mut self) -> f64 {
        let sum: f64 = (0..4).map(|_| self.f64()).sum();
        (sum - 2.0) * 3f64.sqrt()
    }
}

// ---------------------------------------------------------------------------------------
// Templates.

/// One template reports are made from.
struct Source {
    template: Template,
    sha256: String,
    /// How hard each item is everywhere (added to the probability of a good answer).
    difficulty: HashMap<String, f64>,
    /// ASVS: the OAuth and WebRTC chapters' section ids, wholly N/A for a subject
    /// without that feature.
    optional_chapters: [Option<String>; 2],
    chinese: bool,
}

impl Source {
    fn new(text: &str, chinese: bool, level: &HashMap<String, u8>) -> Result<Source, String> {
        let checked = template::check(text);
        let template = checked.template.ok_or_else(|| {
            format!(
                "template does not check: {} problem(s), first: {:?}",
                checked.problems.len(),
                checked.problems.first()
            )
        })?;
        let difficulty = template
            .items()
            .map(|(_, item)| {
                let base = -0.08 + 0.14 * unit(hash(&[b"difficulty", item.id.as_bytes()]));
                let by_level = match level.get(&item.id) {
                    Some(1) => 0.06,
                    Some(3) => -0.12,
                    _ => 0.0,
                };
                // Teams look after the items that fail a whole inspection first.
                let critical = if item.critical { 0.15 } else { 0.0 };
                (item.id.clone(), base + by_level + critical)
            })
            .collect();
        Ok(Source {
            sha256: opscheck::digest::sha256_hex(text.as_bytes()),
            template,
            difficulty,
            optional_chapters: [None, None],
            chinese,
        })
    }
}

/// The generated ASVS checklist: its TOML text and each item's level (1, 2 or 3).
fn asvs_template(json: &str) -> Result<(String, HashMap<String, u8>), String> {
    let doc: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("ASVS JSON: {e}"))?;
    let text = |v: &serde_json::Value, key: &str| -> Result<String, String> {
        v[key].as_str().map(str::to_owned).ok_or_else(|| {
            format!(
                "ASVS JSON: `{key}` missing in {}",
                short(&v.to_string(), 80)
            )
        })
    };
    let version = text(&doc, "Version")?;
    let mut out = String::new();
    let mut levels = HashMap::new();
    out.push_str(&format!(
        "# OWASP Application Security Verification Standard {version}, as an opscheck checklist.\n\
         # Generated by bench/generate from asvs-{version}-en.json (CC BY-SA 4.0, OWASP).\n\
         # One section per chapter, one yes/no item per requirement; L1 requirements weigh 2.\n\n\
         format = 1\n\
         id = \"asvs-5\"\n\
         title = {}\n\
         version = {}\n\
         language = \"en\"\n\
         description = {}\n\n\
         [scoring]\n\
         pass_mark = 70\n\
         item_pass = 0.5\n\
         bands = [\n  {{ min = 90, label = \"Strong\" }},\n  {{ min = 70, label = \"Adequate\" }},\n  \
         {{ min = 50, label = \"Weak\" }},\n  {{ min = 0, label = \"Insufficient\" }},\n]\n",
        toml_str(&format!("OWASP ASVS {version} application security verification")),
        toml_str(&version),
        toml_str(&short(&text(&doc, "Description")?, 300)),
    ));
    let chapters = doc["Requirements"]
        .as_array()
        .ok_or("ASVS JSON: no `Requirements` array")?;
    for chapter in chapters {
        let code = text(chapter, "Shortcode")?;
        let number = code.trim_start_matches('V');
        let short_name = chapter["ShortName"].as_str().unwrap_or("chapter");
        let section_id = sanitize(&format!("v{number}-{short_name}"));
        // OAuth and WebRTC chapters are wholly N/A for many applications: no critical items.
        let optional = matches!(number, "10" | "17");
        out.push_str(&format!(
            "\n# {code} {}\n[[sections]]\nid = {}\ntitle = {}\nweight = 1.0\n",
            text(chapter, "Name")?,
            toml_str(&section_id),
            toml_str(&text(chapter, "Name")?),
        ));
        let mut l1 = 0;
        for part in chapter["Items"].as_array().into_iter().flatten() {
            let part_name = text(part, "Name")?;
            for req in part["Items"].as_array().into_iter().flatten() {
                let code = text(req, "Shortcode")?;
                let description = text(req, "Description")?;
                let level: u8 = req["L"].as_str().and_then(|l| l.parse().ok()).unwrap_or(2);
                let id = sanitize(&format!("v5-{}", code.trim_start_matches('V')));
                levels.insert(id.clone(), level);
                out.push_str(&format!(
                    "\n[[sections.items]]\nid = {}\ntext = {}\nguidance = {}\nkind = \"yes_no\"\n",
                    toml_str(&id),
                    toml_str(&short(&description, 140)),
                    toml_str(&format!(
                        "ASVS {code}, level {level}, {part_name}: {}",
                        short(&description, 260)
                    )),
                ));
                if level == 1 {
                    out.push_str("weight = 2.0\n");
                    l1 += 1;
                    if !optional && l1 % 5 == 1 {
                        out.push_str("critical = true\nna = false\n");
                    }
                }
            }
        }
    }
    Ok((out, levels))
}

/// At most `max` characters, cut at a word with an ellipsis.
fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// Lowercase ASCII letters, digits and single dashes.
fn sanitize(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// A TOML basic string.
fn toml_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------
// Subjects and inspectors.

const EN_KINDS: &[&str] = &[
    "Store",
    "Warehouse",
    "Support desk",
    "Fulfilment centre",
    "Marketplace team",
    "Growth team",
];
const EN_PLACES: &[&str] = &[
    "Leeds",
    "Bristol",
    "Manchester",
    "Glasgow",
    "Cardiff",
    "Dublin",
    "Rotterdam",
    "Lyon",
    "Austin",
    "Denver",
    "Toronto",
    "Melbourne",
    "Auckland",
    "Singapore",
    "Nairobi",
];
const ZH_PLACES: &[(&str, &[&str])] = &[
    ("上海", &["徐汇", "静安", "浦东", "黄浦", "长宁"]),
    ("北京", &["朝阳", "海淀", "东城", "丰台"]),
    ("广州", &["天河", "越秀", "番禺"]),
    ("深圳", &["南山", "福田", "宝安"]),
    ("杭州", &["西湖", "滨江", "余杭"]),
    ("成都", &["锦江", "武侯", "高新"]),
    ("武汉", &["江汉", "洪山"]),
    ("南京", &["鼓楼", "玄武"]),
];
const ZH_KINDS: &[&str] = &["店", "店", "店", "仓", "客服中心"];
const APPS: &[&str] = &[
    "Payments API",
    "Customer portal",
    "Mobile banking app",
    "Partner gateway",
    "Admin console",
    "Identity service",
    "Order service",
    "Data export service",
];
const EN_INSPECTORS: &[&str] = &[
    "Alice Morgan",
    "Ben Carter",
    "Chloe Evans",
    "Daniel Hughes",
    "Emma Walsh",
    "Farid Khan",
    "Grace O'Neill",
    "Hannah Becker",
    "Ian Moreau",
    "Julia Novak",
    "Kwame Mensah",
    "Laura Silva",
];
const ZH_INSPECTORS: &[&str] = &[
    "王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄婷", "周杰", "吴倩", "徐明", "孙悦",
];
const SEC_INSPECTORS: &[&str] = &[
    "Priya Nair",
    "Marco Rossi",
    "Sofia Lindqvist",
    "Tomás Herrera",
    "Yuki Tanaka",
    "Olusegun Adeyemi",
];
const EN_OWNERS: &[&str] = &[
    "Ops lead",
    "Store manager",
    "Shift supervisor",
    "Data analyst",
    "Training coordinator",
    "Customer service lead",
    "Regional manager",
];
const ZH_OWNERS: &[&str] = &[
    "运营主管",
    "店长",
    "值班主管",
    "数据分析师",
    "培训专员",
    "客服组长",
    "区域经理",
];
const SEC_OWNERS: &[&str] = &[
    "AppSec team",
    "Platform team",
    "Backend lead",
    "Frontend lead",
    "SRE on call",
    "Product owner",
];
const EN_NOTES: &[&str] = &[
    "No evidence on file; the team says it is done but could not show it.",
    "Document exists but is out of date (last revised over a year ago).",
    "Only partly in place: covers two of the four flows.",
    "Owner left in the spring and nobody has picked this up since.",
    "Seen in the records for last month only; earlier months are missing.",
    "Agreed at the last review, not started yet.",
    "Figures on the dashboard were three days old during the visit.",
    "Staff were not aware of it when asked.",
];
const ZH_NOTES: &[&str] = &[
    "现场未能提供相关记录，仅有口头说明。",
    "文件存在，但已超过一年未更新。",
    "只覆盖了部分流程，售后和推广环节缺失。",
    "原负责人离职后无人接手。",
    "只找到上个月的记录，之前几个月缺失。",
    "上次复盘已提出，但至今尚未落实。",
    "看板数据滞后三天，未按约定刷新。",
    "抽问的员工表示不了解此项要求。",
];
const SEC_NOTES: &[&str] = &[
    "Not implemented; confirmed with the developers.",
    "Implemented for the public API only, not for internal endpoints.",
    "Library in use is two major versions behind.",
    "Covered by a ticket in the backlog, not scheduled.",
    "Configuration differs between staging and production.",
    "Pen test of last quarter flagged the same gap.",
];
const EN_ACTIONS: &[&str] = &[
    "Write the missing procedure and get it signed off",
    "Review and update the document, then brief the team",
    "Name an owner and agree a date at the next team meeting",
    "Set up a weekly check and record it",
    "Fix the data feed and add an alert on stale figures",
    "Run a short training session for all shifts",
];
const ZH_ACTIONS: &[&str] = &[
    "补写缺失的流程文件并完成审批",
    "修订文件后组织团队学习",
    "在下次例会上明确负责人和完成时间",
    "建立每周检查机制并留存记录",
    "修复数据源并增加数据滞后告警",
    "为各班次安排一次专项培训",
];
const SEC_ACTIONS: &[&str] = &[
    "Implement the control and add a regression test",
    "Upgrade the library and re-run the dependency scan",
    "Align the production configuration with the hardened baseline",
    "Add the requirement to the definition of done",
    "Schedule a fix in the next sprint and verify with a re-test",
];
const TEXT_ANSWERS: &[&str] = &["Checked on site", "See attached notes", "现场已核对"];

/// Which template a subject is inspected with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    En,
    Zh,
    Asvs,
}

struct Subject {
    name: String,
    family: Family,
    /// Latent quality at the start, its trend per year and a seasonal swing.
    base: f64,
    trend: f64,
    amplitude: f64,
    period: f64,
    phase: f64,
    /// UTC offset of the site, in seconds.
    offset: i32,
    /// Its regular inspectors (indices into the family's pool).
    inspectors: [usize; 3],
    /// ASVS: chapters that apply (OAuth, WebRTC).
    features: [bool; 2],
}

fn subjects(seed: u64, with_asvs: bool) -> Vec<Subject> {
    let mut rng = Rng::new(seed, 0x5b, 0);
    let mut out = Vec::with_capacity(200);
    for i in 0..200usize {
        let family = match i {
            0..90 => Family::En,
            90..160 => Family::Zh,
            _ if with_asvs => Family::Asvs,
            _ if i % 2 == 0 => Family::En,
            _ => Family::Zh,
        };
        let number = i + 1;
        let name = match family {
            Family::En => format!(
                "{} {} {number}",
                EN_KINDS[i % EN_KINDS.len()],
                EN_PLACES[(i / EN_KINDS.len() + i) % EN_PLACES.len()]
            ),
            Family::Zh => {
                let (city, districts) = ZH_PLACES[i % ZH_PLACES.len()];
                let district = districts[(i / ZH_PLACES.len()) % districts.len()];
                let kind = ZH_KINDS[(i / 3) % ZH_KINDS.len()];
                format!("{city} {district}{kind} {number}")
            }
            Family::Asvs => format!("{} {number}", APPS[i % APPS.len()]),
        };
        let pool = match family {
            Family::En => EN_INSPECTORS.len(),
            Family::Zh => ZH_INSPECTORS.len(),
            Family::Asvs => SEC_INSPECTORS.len(),
        };
        let first = rng.below(pool as u64) as usize;
        let offset = match family {
            Family::Zh => 8 * 3600,
            Family::Asvs => 0,
            Family::En => [0, 3600, -6 * 3600, -5 * 3600, 10 * 3600][i % 5],
        };
        out.push(Subject {
            name,
            family,
            base: 0.55 + 0.40 * rng.f64(),
            trend: -0.06 + 0.14 * rng.f64(),
            amplitude: 0.06 * rng.f64(),
            period: 0.5 + rng.f64(),
            phase: std::f64::consts::TAU * rng.f64(),
            offset,
            inspectors: [first, (first + 1) % pool, (first + 5) % pool],
            features: [rng.chance(0.6), rng.chance(0.15)],
        });
    }
    out
}

impl Subject {
    /// Latent quality on day `day` (days since 2025-01-01), within 0.5..0.98.
    fn quality(&self, day: u32) -> f64 {
        let years = f64::from(day) / 365.0;
        let swing =
            self.amplitude * (std::f64::consts::TAU * years / self.period + self.phase).sin();
        (self.base + self.trend * years + swing).clamp(0.5, 0.98)
    }
}

// ---------------------------------------------------------------------------------------
// The plan: who is inspected when, fixed before the reports are written.

#[derive(Clone, Copy)]
struct Planned {
    subject: u16,
    day: u16,
    /// This inspection's place among that subject's inspections that day, and how many.
    slot: u8,
    of: u8,
}

fn plan(seed: u64, count: u64) -> Vec<Planned> {
    let mut out: Vec<Planned> = (0..count)
        .map(|n| {
            let mut rng = Rng::new(seed, 0x91a, n);
            let subject = rng.below(200) as u16;
            let day = loop {
                let day = rng.below(u64::from(DAYS)) as u16;
                let weekday = first_day()
                    .checked_add_days(chrono::Days::new(u64::from(day)))
                    .expect("in range")
                    .weekday()
                    .number_from_monday();
                if weekday < 6 || rng.chance(0.25) {
                    break day;
                }
            };
            Planned {
                subject,
                day,
                slot: 0,
                of: 1,
            }
        })
        .collect();
    let mut groups: HashMap<(u16, u16), Vec<usize>> = HashMap::new();
    for (n, p) in out.iter().enumerate() {
        groups.entry((p.subject, p.day)).or_default().push(n);
    }
    for members in groups.values() {
        let of = members.len().min(200) as u8;
        for (k, &n) in members.iter().enumerate() {
            out[n].slot = k.min(199) as u8;
            out[n].of = of;
        }
    }
    out
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("a date")
}

// ---------------------------------------------------------------------------------------
// One report.

struct World {
    seed: u64,
    subjects: Vec<Subject>,
    en: Source,
    en_next: Source,
    zh: Source,
    asvs: Option<Source>,
}

/// The switch date of the en checklist from 1.0.0 to 1.1.0.
fn en_next_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).expect("a date")
}

fn make_report(world: &World, n: u64, planned: Planned) -> Report {
    let mut rng = Rng::new(world.seed, 0xa11, n);
    let subject = &world.subjects[usize::from(planned.subject)];
    let date = first_day() + Duration::days(i64::from(planned.day));
    let source = match subject.family {
        Family::En if date >= en_next_from() => &world.en_next,
        Family::En => &world.en,
        Family::Zh => &world.zh,
        Family::Asvs => world.asvs.as_ref().expect("ASVS subjects only with ASVS"),
    };
    let template = &source.template;
    let (inspectors, owners, notes, actions) = match subject.family {
        Family::En => (EN_INSPECTORS, EN_OWNERS, EN_NOTES, EN_ACTIONS),
        Family::Zh => (ZH_INSPECTORS, ZH_OWNERS, ZH_NOTES, ZH_ACTIONS),
        Family::Asvs => (SEC_INSPECTORS, SEC_OWNERS, SEC_NOTES, SEC_ACTIONS),
    };
    let inspector = if rng.chance(0.9) {
        inspectors[*rng.pick(&subject.inspectors)]
    } else {
        *rng.pick(inspectors)
    };

    let quality = (subject.quality(u32::from(planned.day)) + 0.04 * rng.normal()).clamp(0.3, 0.995);
    let subject_key = subject.name.as_bytes();
    let mut answers = Answers::new();
    for section in &template.sections {
        let bias = -0.12 + 0.20 * unit(hash(&[b"bias", subject_key, section.id.as_bytes()]));
        let chapter_off = source
            .optional_chapters
            .iter()
            .zip(subject.features)
            .any(|(id, used)| !used && id.as_deref() == Some(section.id.as_str()));
        for item in &section.items {
            if !applies(item, &answers) {
                continue;
            }
            let p = (quality + bias + source.difficulty.get(&item.id).copied().unwrap_or(0.0))
                .clamp(0.02, 0.995);
            let entry = answer_item(
                &mut rng,
                item,
                p,
                chapter_off,
                date,
                source.chinese,
                owners,
                notes,
                actions,
            );
            answers.insert(item.id.clone(), entry);
        }
    }

    let offset = FixedOffset::east_opt(subject.offset).expect("a valid offset");
    // The day's window 08:00..20:00 is shared among that day's inspections of the subject,
    // so that they finish in order.
    let window = 12 * 3600 / i64::from(planned.of);
    let finish_secs = 8 * 3600 + window * (i64::from(planned.slot) + 1)
        - (rng.f64() * (window as f64 / 3.0).min(1800.0)) as i64;
    let micros = rng.below(1_000_000) as i64;
    let minutes = match subject.family {
        Family::Asvs => 60 + rng.below(150) as i64,
        _ => 25 + rng.below(55) as i64,
    };
    let midnight = offset
        .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("fixed offsets are never ambiguous");
    let finished_at = midnight + Duration::seconds(finish_secs) + Duration::microseconds(micros);
    let started_at =
        finished_at - Duration::minutes(minutes) - Duration::seconds(rng.below(60) as i64);

    Report::new(
        template,
        &answers,
        Meta {
            subject: subject.name.clone(),
            inspector: inspector.to_owned(),
            date,
            started_at,
            finished_at,
            template_sha256: source.sha256.clone(),
        },
    )
}

#[allow(clippy::too_many_arguments)]
fn answer_item(
    rng: &mut Rng,
    item: &Item,
    p: f64,
    chapter_off: bool,
    date: NaiveDate,
    chinese: bool,
    owners: &[&str],
    notes: &[&str],
    actions: &[&str],
) -> Entry {
    let mut entry = Entry::default();
    if item.na && (chapter_off || rng.chance(0.05)) {
        entry.answer = Some(Answer::Na);
        return entry;
    }
    if !item.required && rng.chance(0.08) {
        entry.skipped = true;
        return entry;
    }
    let jitter = |rng: &mut Rng, sd: f64| (p + sd * rng.normal()).clamp(0.0, 1.0);
    let (answer, score) = match &item.kind {
        Kind::YesNo => {
            let yes = rng.chance(p);
            (
                if yes { Answer::Yes } else { Answer::No },
                f64::from(u8::from(yes)),
            )
        }
        Kind::Scale { min, max, .. } => {
            let span = (*max - *min) as f64;
            let v = *min + (span * jitter(rng, 0.18)).round() as i64;
            (Answer::Scale(v), (v - *min) as f64 / span)
        }
        Kind::Choice { options } => {
            let wanted = jitter(rng, 0.2);
            let best = options
                .iter()
                .min_by(|a, b| {
                    (a.score - wanted)
                        .abs()
                        .total_cmp(&(b.score - wanted).abs())
                })
                .expect("a choice has options");
            (Answer::Choice(best.label.clone()), best.score)
        }
        Kind::Number { target, unit } => {
            let inside = rng.chance(p);
            let percent = unit.as_deref() == Some("%");
            let u = rng.f64();
            let v = match (target.min, target.max, inside) {
                (Some(lo), Some(hi), true) => lo + (hi - lo) * u,
                (Some(lo), Some(hi), false) if rng.chance(0.5) => {
                    lo - (hi - lo).max(1.0) * (0.05 + u)
                }
                (Some(_), Some(hi), false) => hi + hi.abs().max(1.0) * (0.05 + u),
                (Some(lo), None, true) if percent => lo + (100.0 - lo) * u,
                (Some(lo), None, true) => lo * (1.0 + 0.5 * u),
                (Some(lo), None, false) => lo * (0.4 + 0.55 * u),
                (None, Some(hi), true) => hi * (0.15 + 0.85 * u),
                (None, Some(hi), false) => hi * (1.1 + 1.5 * u),
                (None, None, _) => 100.0 * u,
            };
            let v = if percent || v.abs() >= 10.0 {
                v.round()
            } else {
                (v * 10.0).round() / 10.0
            };
            let score = if target.contains(v) { 1.0 } else { 0.0 };
            (Answer::Number(v), score)
        }
        Kind::Text => (Answer::Text((*rng.pick(TEXT_ANSWERS)).to_owned()), 1.0),
        Kind::Date => (
            Answer::Date(date - Duration::days(rng.below(90) as i64)),
            1.0,
        ),
    };
    entry.answer = Some(answer);
    let pass = if item.pass.is_nan() { 0.5 } else { item.pass };
    if score < pass {
        if rng.chance(0.6) {
            entry.note = Some((*rng.pick(notes)).to_owned());
        }
        if rng.chance(if item.critical { 0.9 } else { 0.45 }) {
            let priority = if item.critical {
                Priority::High
            } else {
                *rng.pick(&[
                    Priority::Low,
                    Priority::Medium,
                    Priority::Medium,
                    Priority::High,
                ])
            };
            let days = match priority {
                Priority::High => 7,
                Priority::Medium => 30,
                Priority::Low => 60,
            } + rng.below(14) as i64;
            entry.action = Some(Action {
                text: (*rng.pick(actions)).to_owned(),
                owner: rng.chance(0.9).then(|| (*rng.pick(owners)).to_owned()),
                due: Some(date + Duration::days(days)),
                priority: Some(priority),
            });
        }
    } else if score < 1.0 && rng.chance(0.15) {
        entry.note = Some(
            if chinese {
                "基本达标，细节仍有提升空间。"
            } else {
                "Mostly there; a few gaps in the details."
            }
            .to_owned(),
        );
    }
    entry
}

// ---------------------------------------------------------------------------------------
// The run.

fn generate(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map_err(|e| format!("{}: {e}", args.out.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} exists and is not empty: remove it first",
            args.out.display()
        ));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let world = build_world(args, Some(&args.out.join("templates")))?;
    write_corpus(args, &world, start)
}

/// A hash of one report per template family (first subject of each, first day): it
/// changes when the report format, the templates or the answer model change.
fn fingerprint(world: &World) -> String {
    let mut hasher = Sha256::new();
    for subject in [0u16, 90, 160] {
        let probe = Planned {
            subject,
            day: 0,
            slot: 0,
            of: 1,
        };
        hasher.update(make_report(world, 0, probe).to_json().as_bytes());
    }
    opscheck::digest::to_hex(&hasher.finalize())[..16].to_owned()
}

/// The templates and subjects; the ASVS checklist is written to `templates` when given.
fn build_world(args: &Args, templates: Option<&Path>) -> Result<World, String> {
    let no_levels = HashMap::new();
    let builtin = |language: &str| {
        BUILTIN
            .iter()
            .find(|b| b.id == "ops-inspection" && b.language == language)
            .map(|b| b.text)
            .ok_or_else(|| format!("no built-in ops-inspection in {language}"))
    };
    let en_text = builtin("en")?;
    let en_next_text = en_text.replacen("version = \"1.0.0\"", "version = \"1.1.0\"", 1);
    if en_next_text == en_text {
        return Err("the en built-in has no `version = \"1.0.0\"` line to bump".into());
    }
    let en = Source::new(en_text, false, &no_levels)?;
    let en_next = Source::new(&en_next_text, false, &no_levels)?;
    let zh = Source::new(builtin("zh-CN")?, true, &no_levels)?;

    let asvs = match std::fs::read_to_string(&args.asvs) {
        Ok(json) => {
            let (toml, levels) = asvs_template(&json)?;
            let path = match templates {
                Some(dir) => {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    let path = dir.join("asvs-5.toml");
                    std::fs::write(&path, &toml).map_err(|e| format!("{}: {e}", path.display()))?;
                    path
                }
                None => PathBuf::from("asvs-5.toml"),
            };
            let mut source = Source::new(&toml, false, &levels)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let chapter = |prefix: &str| {
                let found = source
                    .template
                    .sections
                    .iter()
                    .find(|s| s.id.starts_with(prefix));
                found.map(|s| s.id.clone())
            };
            source.optional_chapters = [chapter("v10-"), chapter("v17-")];
            if templates.is_some() {
                println!(
                    "ASVS checklist: {} ({} sections, {} items)",
                    path.display(),
                    source.template.sections.len(),
                    source.template.item_count()
                );
            }
            Some(source)
        }
        Err(e) => {
            eprintln!(
                "note: no ASVS checklist ({}: {e}); its 40 subjects use ops-inspection instead",
                args.asvs.display()
            );
            None
        }
    };
    Ok(World {
        seed: args.seed,
        subjects: subjects(args.seed, asvs.is_some()),
        en,
        en_next,
        zh,
        asvs,
    })
}

fn write_corpus(args: &Args, world: &World, start: Instant) -> Result<(), String> {
    let planned = plan(args.seed, args.count);
    let bytes = AtomicU64::new(0);
    let threads = args.threads.min(planned.len().max(1));
    let chunk = planned.len().div_ceil(threads).max(1);
    let out = &args.out;
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = planned
            .chunks(chunk)
            .enumerate()
            .map(|(t, part)| {
                let bytes = &bytes;
                scope.spawn(move || -> Result<(), String> {
                    let mut made_dirs = std::collections::HashSet::new();
                    for (k, p) in part.iter().enumerate() {
                        let n = (t * chunk + k) as u64;
                        let report = make_report(world, n, *p);
                        let dir = out.join(&report.template.id).join(format!(
                            "{:04}-{:02}",
                            report.date.year(),
                            report.date.month()
                        ));
                        if made_dirs.insert(dir.clone()) {
                            std::fs::create_dir_all(&dir)
                                .map_err(|e| format!("{}: {e}", dir.display()))?;
                        }
                        let name = format!(
                            "{}-{}.json",
                            stem(report.date, &report.template.id, &report.subject, 1),
                            n + 1
                        );
                        let text = report.to_json();
                        let path = dir.join(name);
                        std::fs::write(&path, &text)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("a worker panicked".into())))
            .collect()
    });
    for result in results {
        result?;
    }
    let total = bytes.load(Ordering::Relaxed);
    let marker = args.out.join(".complete");
    let mut file =
        std::fs::File::create(&marker).map_err(|e| format!("{}: {e}", marker.display()))?;
    writeln!(
        file,
        "count={}\nseed={}\nbytes={total}\nfingerprint={}",
        args.count,
        args.seed,
        fingerprint(world)
    )
    .map_err(|e| format!("{}: {e}", marker.display()))?;
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "wrote {} reports, {total} bytes ({:.1} MB, {:.1} KB on average) to {} in {elapsed:.1} s \
         with {threads} threads",
        args.count,
        total as f64 / 1e6,
        total as f64 / 1e3 / args.count.max(1) as f64,
        out.display(),
    );
    Ok(())
}
