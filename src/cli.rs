//! Command-line arguments: clap types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod db;
mod sign;

use crate::locale::Lang;
use crate::summary::{Summarize, view};
pub use db::{DB_HELP, DbArgs, DbCommand, PUSH_HELP, PushArgs};
pub use sign::{SIGN_HELP, SignArgs, SignRole, SummarySignatureArgs, VerifySignatureArgs};

const EXIT_CODES: &str = "\
Examples:
  opscheck run --subject \"Store 12\" --inspector \"Li Wei\"   inspect, then write a dated report
  opscheck summary --by area                             every report under reports/, by area
  opscheck validate                                      check every template under checklists/
  opscheck --lang zh-CN report REPORT.json               any command in Chinese

Exit codes:
  0    success
  1    problems found: an invalid template, or a failed inspection when a gate is asked for
  2    usage or I/O error
  3    inspection incomplete; progress saved
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP); progress saved";

const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ntemplate format: 1\nreport format: opscheck-report/1\njournal format: opscheck-journal/1"
);

/// Operations-role inspections: run a checklist, get a dated findings report.
#[derive(Debug, Parser)]
#[command(
    name = "opscheck",
    version,
    long_version = VERSION,
    about,
    long_about = None,
    after_long_help = EXIT_CODES
)]
pub struct Cli {
    /// Print only what was asked for: no notes, verdicts or totals on stderr
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more: every file checked, every file read
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// Interface language [default: from LC_ALL, LC_MESSAGES or LANG]
    #[arg(long, global = true, value_name = "LANG", value_parser = LangParser)]
    pub lang: Option<Lang>,

    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured in `auto`)
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run an inspection item by item and write a dated findings report
    Run(RunArgs),
    /// List unfinished inspections saved under the reports directory
    #[command(after_long_help = DRAFTS_HELP)]
    Drafts(DraftsArgs),
    /// Tables over many reports: by area, subject, inspector, month; findings; actions
    #[command(after_long_help = SUMMARY_HELP)]
    Summary(SummaryArgs),
    /// One tidy row per answer of many reports, for DuckDB, pandas or a spreadsheet
    #[command(after_long_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Render a saved report as Markdown, HTML, a CSV action plan or JSON
    #[command(after_long_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Compare two reports, or every report of one subject over time
    #[command(after_long_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// Explain a report's score: what each item contributes, and what fixing it would give
    #[command(after_long_help = EXPLAIN_HELP)]
    Explain(ExplainArgs),
    /// Check that reports are untampered and their scores follow from their answers
    #[command(after_long_help = VERIFY_HELP)]
    Verify(VerifyArgs),
    /// Sign reports with an SSH key: REPORT.json.sig, as `ssh-keygen -Y sign -n opscheck`
    #[command(after_long_help = SIGN_HELP)]
    Sign(SignArgs),
    /// Check template files and report every problem as PATH:LINE:COL
    #[command(after_long_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// Show a template as a tree, as JSON with every default filled in, or as an XLSForm
    #[command(after_long_help = SHOW_HELP)]
    Show(ShowArgs),
    /// Read an XLSForm (.xlsx, .xls, .ods, or a survey sheet as .csv) into templates
    #[command(after_long_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Print the JSON Schema of the template format
    #[command(after_long_help = SCHEMA_HELP)]
    Schema,
    /// Write a commented starter template that passes `validate`
    #[command(after_long_help = NEW_HELP)]
    New(NewArgs),
    /// List the built-in templates and those in checklists/
    #[command(after_long_help = LIST_HELP)]
    List,
    /// Corrective actions tracked to closure: list, mark done, reopen, show a history
    #[command(after_long_help = ACTIONS_HELP)]
    Actions(ActionsArgs),
    /// Waivers: which are active, which expire soon, which have expired
    #[command(after_long_help = WAIVERS_HELP)]
    Waivers(WaiversArgs),
    /// Which sites are due, or overdue, for an inspection by their schedules
    #[command(after_long_help = DUE_HELP)]
    Due(DueArgs),
    /// Upload reports, action events, waivers and sites to the team store (PostgreSQL)
    #[command(after_long_help = PUSH_HELP)]
    Push(PushArgs),
    /// The team store's schema and roles
    #[command(after_long_help = DB_HELP)]
    Db(DbArgs),
    /// Print a shell completion script
    #[command(after_long_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page of opscheck or of one command (roff), or write them all
    #[command(after_long_help = MAN_HELP)]
    Man(ManArgs),
}

/// `--lang`: `en` or `zh-CN` (listed in `--help` and completed by the shells); `zh`,
/// `zh_CN`, `zh-Hans`, `en-US` and other spellings are accepted too.
#[derive(Debug, Clone, Copy)]
pub struct LangParser;

impl clap::builder::TypedValueParser for LangParser {
    type Value = Lang;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lang, clap::Error> {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let text = value.to_string_lossy();
        text.parse().map_err(|_| {
            let mut error = clap::Error::new(ErrorKind::InvalidValue).with_cmd(command);
            let name = arg.map_or_else(|| "--lang".to_owned(), ToString::to_string);
            error.insert(ContextKind::InvalidArg, ContextValue::String(name));
            error.insert(
                ContextKind::InvalidValue,
                ContextValue::String(text.into_owned()),
            );
            error.insert(
                ContextKind::ValidValue,
                ContextValue::Strings(vec!["en".to_owned(), "zh-CN".to_owned()]),
            );
            error
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        use clap::builder::PossibleValue;
        Some(Box::new(
            [
                PossibleValue::new("en").help("English"),
                PossibleValue::new("zh-CN").help("简体中文").alias("zh"),
            ]
            .into_iter(),
        ))
    }
}

const DRAFTS_HELP: &str = "\
Examples:
  opscheck drafts                  unfinished inspections under reports/.drafts/
  opscheck drafts --out audits     under audits/.drafts/

Exit codes:
  0    listed (also when there is none)
  2    the directory cannot be read";

const SCHEMA_HELP: &str = "\
Examples:
  opscheck schema > checklists/schema.json
  taplo lint --schema file://$PWD/checklists/schema.json checklists/*.toml

Exit codes:
  0    printed";

const LIST_HELP: &str = "\
Examples:
  opscheck list
  opscheck --lang zh-CN list

Exit codes:
  0    listed
  2    checklists/ cannot be read";

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `run` [default: the main page]
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    pub command: Vec<String>,

    /// Write every page (opscheck.1, opscheck-run.1, …) into DIR; never overwrites
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

const VALIDATE_HELP: &str = "\
Examples:
  opscheck validate                       check every template under checklists/
  opscheck validate my.toml --format json
  opscheck validate checklists --format github

Exit codes:
  0    every template is valid (warnings allowed)
  1    at least one template has an error
  2    usage error or unreadable path";

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Template files or directories (searched for *.toml) [default: checklists/]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: ValidateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// rustc-style messages on stderr
    Human,
    /// one JSON array on stdout
    Json,
    /// GitHub Actions workflow commands on stdout
    Github,
    /// JUnit XML on stdout: a test case per file, a failure per error
    Junit,
    /// SARIF 2.1.0 on stdout, for code scanning
    Sarif,
}

const NEW_HELP: &str = "\
Examples:
  opscheck new store-audit                        checklists/store-audit.toml, all ten areas
  opscheck new 门店巡检 --lang zh-CN               (ids are ASCII: use e.g. store-audit)
  opscheck new warehouse --areas process,risk,feedback --out warehouse.toml

Exit codes:
  0    written
  2    the id is not valid, the file exists, or it cannot be written";

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The template id: lowercase letters, digits and `-`
    pub id: String,

    /// Only these areas (comma-separated ids) [default: all ten]
    #[arg(long, value_delimiter = ',', value_name = "AREAS")]
    pub areas: Vec<NewArea>,

    /// Where to write [default: checklists/ID.toml]; never overwrites
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewArea {
    Process,
    Data,
    Teamwork,
    Goals,
    Risk,
    Feedback,
    Resources,
    Improvement,
    Training,
    Review,
}

const COMPLETIONS_HELP: &str = "\
In bash, --template also completes the built-in template ids and those in checklists/.

Examples:
  opscheck completions bash > ~/.local/share/bash-completion/completions/opscheck
  opscheck completions zsh > \"${fpath[1]}/_opscheck\"
  opscheck completions fish > ~/.config/fish/completions/opscheck.fish

Exit codes:
  0    printed
  2    unknown shell";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}

const MAN_HELP: &str = "\
Examples:
  opscheck man --out ~/.local/share/man/man1     every page; then `man opscheck-run`
  opscheck man run | man -l -                    one page, without installing

Exit codes:
  0    printed or written
  2    unknown command, a page exists in DIR, or DIR cannot be written";

const SHOW_HELP: &str = "\
Examples:
  opscheck show                                  the built-in template as a tree
  opscheck show ops-inspection.zh-CN --format json
  opscheck show ops-inspection --format xlsform > ops-inspection.xlsx
  opscheck show ops-inspection --format xlsform -o form.xlsx   edit in Excel, then `opscheck import form.xlsx`

Exit codes:
  0    shown
  1    the template is invalid (its problems on stderr)
  2    no such template, it cannot be read, or an xlsx to a terminal";

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A template path, or the id of a built-in or of a file in checklists/ [default: the built-in for the language]
    pub template: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value = "tree")]
    pub format: ShowFormat,

    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Tree,
    Json,
    /// an XLSForm workbook (survey, choices, settings) that `import` reads back
    Xlsform,
}

const IMPORT_HELP: &str = "\
Reads the survey, choices and settings sheets (names case-insensitive; labels and hints
in any language column spelling: label, label:English, label::English (en)) and writes
one template per language: ID.toml for the default language, ID.LANG.toml for the
others. Groups become areas, select_one a choice (a `score` column on choices gives the
option scores; a plain yes/no list becomes yes_no), integer and decimal with a simple
constraint a number with a target, range a scale, hint the guidance, a simple relevant
a `when`. Columns weight, critical, na, pass and unit on survey rows are opscheck's own.

Whatever cannot be mapped (repeats, calculations, geo and media types, complex
conditions, choice filters, or_other) is reported as FILE:SHEET!CELL and left out.

Examples:
  opscheck import store-audit.xlsx                   writes checklists/store-audit.toml
  opscheck import form.xlsx --out templates --strict
  opscheck import survey.csv

Exit codes:
  0    imported (anything dropped is listed as a warning)
  1    refused: not a form, nothing to import, or --strict and something was dropped
  2    unreadable file, or a template file that exists already (never written over)";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The XLSForm: .xlsx, .xls or .ods, or a survey sheet saved as .csv
    pub form: PathBuf,

    /// Directory to write the templates to
    #[arg(long, short, value_name = "DIR", default_value = "checklists")]
    pub out: PathBuf,

    /// Fail (exit 1, nothing written) when anything would be dropped
    #[arg(long)]
    pub strict: bool,
}

const RUN_HELP: &str = "\
In a terminal, answer with single keys: y, n, a (N/A), 1-9, s to skip an optional item.
c adds a corrective action to the item that just failed, m a note to it; e edits this
item's note, f attaches a file (Tab completes the path), ? shows the guidance, b goes
back, Enter keeps the current answer, > jumps to the first unanswered item, q or Ctrl-D
saves and quits, Ctrl-Z suspends.

With a pipe (line mode), give one answer per line: y/yes/是, n/no/否, na/n/a/不适用,
a number for scale and choice, a decimal (the unit or % may follow), YYYY-MM-DD, or text.
A line is ANSWER [# NOTE] [! ACTION | OWNER | DUE | PRIORITY]. An empty line keeps the
current answer or skips an optional item; `?` prints the guidance; `<` goes back, and
answering there continues in order up to where you were; `>` jumps to the first
unanswered item; `@ PATH` attaches a file (photo, PDF, …) to the item, which is then
asked again; `quit` saves and exits. An answers file attaches with
`evidence = [\"photo.jpg\"]`.

Attached files are copied into DIR/evidence/ under their SHA-256 (identical files are
stored once), at most 20 MiB each and 100 MiB per report.

Every answer is journaled under DIR/.drafts/ before the next item is shown; a run that
stops for any reason continues with --resume (or --resume ID, from `opscheck drafts`).

Examples:
  opscheck run --subject \"Store 12\" --inspector \"Li Wei\"
  opscheck run --template checklists/ops-inspection.toml --subject \"Store 12\" \\
      --inspector QA --date 2026-11-29 < answers.txt
  opscheck run --subject \"Store 12\" --inspector QA --resume
  opscheck run --resume 3f9a1c

Exit codes:
  0    inspection complete (whatever its result, unless a gate is set)
  1    inspection failed a gate (--fail-under, --strict, --fail-on-expired); invalid
       template, answers or waiver file
  2    usage or I/O error
  3    input ended before the last item; progress saved
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP); progress saved";

#[derive(Debug, Args)]
#[command(after_long_help = RUN_HELP)]
pub struct RunArgs {
    /// Template path or id [default: the built-in for the language]
    #[arg(long, short)]
    pub template: Option<String>,

    /// What is inspected: a site, a team, a store
    #[arg(long, short)]
    pub subject: Option<String>,

    /// Who inspects
    #[arg(long, short, env = "OPSCHECK_INSPECTOR")]
    pub inspector: Option<String>,

    /// Directory for reports (drafts go to DIR/.drafts/)
    #[arg(long, short, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,

    /// Date of the inspection, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,

    /// TOML file with answers given in advance; the rest is asked
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Continue a saved draft: the one with this id (`opscheck drafts` lists them), else
    /// the newest of this template and subject
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub resume: Option<String>,

    /// Report files to write besides JSON (comma-separated)
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "md",
        value_name = "FORMATS"
    )]
    pub format: Vec<ReportFormat>,

    /// Sign the report at sign-off with this SSH key (see `opscheck sign`)
    #[arg(long, value_name = "KEY")]
    pub sign: Option<PathBuf>,

    /// Start the CSV file with a UTF-8 byte order mark, so that Excel shows Chinese correctly
    #[arg(long)]
    pub excel: bool,

    /// Exit 1 when the overall percent is below PCT
    #[arg(long, value_name = "PCT", help_heading = "Gates")]
    pub fail_under: Option<f64>,

    /// Exit 1 when any item fails
    #[arg(long, help_heading = "Gates")]
    pub strict: bool,

    /// Exit 1 when a waiver for this subject and template has expired
    #[arg(long, help_heading = "Gates")]
    pub fail_on_expired: bool,

    /// Waiver file [default: checklists/waivers.toml, when it exists]
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown: header, area percents, findings, every answer
    Md,
    /// one self-contained HTML page with charts, printable to PDF
    Html,
    /// the action plan: one row per finding
    Csv,
    /// the report itself (opscheck-report/1)
    Json,
    /// an Excel workbook: overview, areas, action plan and answers, typed cells
    Xlsx,
}

impl From<ReportFormat> for crate::render::Format {
    fn from(format: ReportFormat) -> Self {
        use crate::render::Format;
        match format {
            ReportFormat::Md => Format::Md,
            ReportFormat::Html => Format::Html,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Json => Format::Json,
            ReportFormat::Xlsx => Format::Xlsx,
        }
    }
}

const REPORT_HELP: &str = "\
Examples:
  opscheck report reports/2026-11-29-ops-inspection-store-12.json --format html > store-12.html
  opscheck report REPORT.json --format csv --excel > actions.csv
  opscheck report REPORT.json --format xlsx -o store-12.xlsx
  opscheck report 'Store 12@2026-11-29' --db      the one in the team store (OPSCHECK_DATABASE_URL)
  opscheck report 3f2a9c1b --format html --db postgresql://max@db.example/opscheck

With --db, REPORT names a report in the team store: its digest (sha256:HEX), the first 8
or more hex digits of it when no other report shares them, or SUBJECT@YYYY-MM-DD (of
several inspections of that subject that day, the latest by finish time; a note names
the others). The output is the one the pushed file gives. Put --db after REPORT, or
write --db=URL: `--db REPORT` would read REPORT as the URL.

Exit codes:
  0    rendered
  2    unreadable, foreign or damaged report; no such report in the team store";

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A report written by `opscheck run`
    pub report: PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,

    /// Start CSV with a UTF-8 byte order mark, so that Excel shows Chinese correctly
    #[arg(long)]
    pub excel: bool,

    /// Name the signers of REPORT.json.sig / .reviewer.sig from this allowed_signers file
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,

    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Read the report from the team store: REPORT is then a digest, a prefix of 8+ hex
    /// digits or SUBJECT@YYYY-MM-DD [default URL: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
}

const DIFF_HELP: &str = "\
Examples:
  opscheck diff reports/2026-10-29-ops-inspection-store-12.json reports/2026-11-29-ops-inspection-store-12.json
  opscheck diff --history reports --subject \"Store 12\"
  opscheck diff 'Store 12@2026-10-29' 'Store 12@2026-11-29' --db    two reports in the team store
  opscheck diff --history --subject \"Store 12\" --db                 its history in the team store

With --db, each REPORT is a digest, a prefix of 8+ hex digits or SUBJECT@YYYY-MM-DD in
the team store (see `opscheck report --help`), and --history takes no DIR.

Exit codes:
  0    compared
  2    unreadable reports, or reports of different templates; no such report in the
       team store";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier and the later report
    #[arg(num_args = 0..=2, value_name = "REPORT")]
    pub reports: Vec<PathBuf>,

    /// Walk every report of --subject under DIR in date order [default: reports/; with
    /// --db, the team store]
    #[arg(
        long,
        value_name = "DIR",
        requires = "subject",
        conflicts_with = "reports",
        num_args = 0..=1
    )]
    pub history: Option<Option<PathBuf>>,

    /// The subject whose history to walk
    #[arg(long)]
    pub subject: Option<String>,

    /// Read the reports from the team store: each REPORT is then a digest, a prefix of 8+
    /// hex digits or SUBJECT@YYYY-MM-DD [default URL: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
}

const EXPLAIN_HELP: &str = "\
Each item's contribution is its share of the overall percent: the section's weight
share times the item's weighted score within its section. The what-if list gives the
overall percent if that one item were answered at its best, so the fixes that matter
most come first.

Examples:
  opscheck explain reports/2026-11-29-ops-inspection-store-12.json
  opscheck explain REPORT.json --top 3
  opscheck explain 'Store 12@2026-11-29' --db     from the team store (see `opscheck report --help`)

Exit codes:
  0    explained
  2    unreadable report; no such report in the team store";

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A report written by `opscheck run`
    pub report: PathBuf,

    /// Show at most N what-if rows
    #[arg(long, value_name = "N", default_value = "10")]
    pub top: usize,

    /// Read the report from the team store: REPORT is then a digest, a prefix of 8+ hex
    /// digits or SUBJECT@YYYY-MM-DD [default URL: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
}

const VERIFY_HELP: &str = "\
verify recomputes each report's digest, which shows whether the file was edited after it
was written. When the template is found (by path, in checklists/, or built in) with the
same sha256, every score, section percent and the result are recomputed from the
answers too. The digest is not a signature: someone who edits a report and recomputes
the digest is not caught by it, only by the recomputed scores.

With --allowed-signers FILE (git's format), each report's SSH signatures are checked
too (REPORT.json.sig, the inspector's; REPORT.json.reviewer.sig, a reviewer's): SIGNED
by a principal, UNSIGNED, or BAD SIGNATURE with the reason (report changed after
signing, signature of another report, key not allowed). See `opscheck sign --help`.

Examples:
  opscheck verify reports/*.json
  opscheck verify REPORT.json --template checklists/store-audit.toml
  opscheck verify reports/*.json --allowed-signers allowed_signers --require-signature
  opscheck verify 3f2a9c1b 'Store 12@2026-11-29' --db   the stored bytes, as pushed

With --db, each REPORT is a report in the team store (a digest, a prefix of 8+ hex digits
or SUBJECT@YYYY-MM-DD; see `opscheck report --help`), named by the path it was pushed
from. Its stored bytes are verified as a file's would be. The store keeps no signatures
and no evidence files: --allowed-signers is refused, and attached evidence is reported as
not checked.

Exit codes:
  0    every report verified
  1    a report was tampered with or is inconsistent, has a bad signature, or is
       unsigned with --require-signature
  2    unreadable report, or unreadable allowed signers file; no such report in the
       team store";

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Reports to check
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,

    /// The template the reports were made with [default: found by sha256]
    #[arg(long, short)]
    pub template: Option<PathBuf>,

    /// Read the reports from the team store: each REPORT is then a digest, a prefix of 8+ hex
    /// digits or SUBJECT@YYYY-MM-DD [default URL: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,

    #[command(flatten)]
    pub signatures: VerifySignatureArgs,
}

const SUMMARY_HELP: &str = "\
Percents are averaged as the mean of the inspections' percents (every inspection
counts the same); --pooled divides the summed points by the summed maximum points
instead (inspections with more scored items count more).

--by region and --by tag roll sites up (regions and tags from --sites): each site's
latest inspection on or before --until counts, carried forward from earlier months
(not older than --since), so that a region's figure does not change with which sites
happened to be inspected in the period. A site with several tags counts in each.

Corrupt, truncated, foreign or newer-format files are skipped with a warning on
stderr (--strict makes them an error). Reports of several versions of a template are
grouped by template id, with a note.

--format html writes the manager's dashboard: one self-contained page (no script, nothing
fetched) with inspections per month, the mean percent per template over time, each
area's mean and spread, subjects ranked, the items failed most often and the overdue
actions, every filter stated at the top. It prints to PDF from any browser.

Examples:
  opscheck summary                              every inspection under reports/
  opscheck summary --format html --since 2026-01-01 > dashboard.html
  opscheck summary --by area --since 2026-01-01
  opscheck summary --by subject --subject 'Store *'
  opscheck summary --findings 5 --format markdown
  opscheck summary --actions --format csv --excel > actions.csv
  opscheck summary --by region --until 2026-11-30
  opscheck summary --by area --format xlsx -o areas.xlsx

Exit codes:
  0    summarised (also when nothing matched)
  1    --strict and a file could not be read as a report
  2    usage error or unreadable path";

#[derive(Debug, Clone, Args)]
pub struct SummaryArgs {
    /// Report files or directories (searched recursively; .drafts/ ignored) [default: reports/]
    pub paths: Vec<PathBuf>,

    /// Group by area, subject, inspector, month or template
    #[arg(long, value_enum, conflicts_with_all = ["findings", "actions"])]
    pub by: Option<GroupBy>,

    /// The N items failed most often, with the latest note
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10", conflicts_with = "actions")]
    pub findings: Option<usize>,

    /// Corrective actions with owner and due date, overdue first
    #[arg(long)]
    pub actions: bool,

    /// The day overdue is counted from [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<chrono::NaiveDate>,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub walk: WalkArgs,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: SummaryFormat,

    /// Start CSV with a UTF-8 byte order mark, so that Excel shows Chinese correctly
    #[arg(long)]
    pub excel: bool,

    /// Average pooled points instead of inspection percents
    #[arg(long)]
    pub pooled: bool,

    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Fail (exit 1) when a file cannot be read as a report, instead of skipping it
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub signatures: SummarySignatureArgs,
    /// Sites file, for --by region and --by tag
    #[arg(long, value_name = "FILE", default_value = "checklists/sites.toml")]
    pub sites: PathBuf,

    /// Read the team store instead of files: a postgresql:// URL [default: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "", conflicts_with = "paths")]
    pub db: Option<String>,

    /// Where the reports come from, as the dashboard states it, when not `paths` (the
    /// team store they were laid out from).
    #[arg(skip)]
    pub source: Option<String>,
}

impl SummaryArgs {
    /// The view these arguments ask for, as a fold over report heads; `None` for the
    /// views that are not one (`--by region`/`--by tag` roll sites up from a file,
    /// `--actions` derives action state from events): `summary` runs those itself.
    pub fn view(&self) -> Option<Box<dyn Summarize>> {
        Some(match (self.by, self.findings, self.actions) {
            (Some(GroupBy::Area), ..) => Box::new(view::Area::default()),
            (Some(GroupBy::Subject), ..) => Box::new(view::Subject::default()),
            (Some(GroupBy::Inspector), ..) => Box::new(view::inspector()),
            (Some(GroupBy::Month), ..) => Box::new(view::month()),
            (Some(GroupBy::Template), ..) => Box::new(view::Template::default()),
            (Some(GroupBy::Region | GroupBy::Tag), ..) | (None, None, true) => return None,
            (None, Some(n), _) => Box::new(view::Findings::new(n)),
            (None, None, false) => Box::new(view::Inspections::default()),
        })
    }
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only inspections on or after this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<chrono::NaiveDate>,

    /// Only inspections on or before this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<chrono::NaiveDate>,

    /// Only subjects matching this glob (`Store *`, `上海*`)
    #[arg(long, value_name = "GLOB")]
    pub subject: Option<String>,

    /// Only this template id
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,

    /// Only this inspector
    #[arg(long, value_name = "NAME")]
    pub inspector: Option<String>,

    /// Only passed or failed inspections
    #[arg(long, value_enum)]
    pub result: Option<ResultFilter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Area,
    Subject,
    Inspector,
    Month,
    Template,
    /// Sites' regions (from --sites), each site's latest inspection carried forward
    Region,
    /// Sites' tags (from --sites), each site's latest inspection carried forward
    Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFilter {
    Pass,
    Fail,
}

/// `--format` of the lists (`actions`, `due`, `waivers`): every summary format but the
/// dashboard, which only `summary` draws.
fn list_format() -> impl clap::builder::TypedValueParser<Value = SummaryFormat> {
    let values = SummaryFormat::value_variants()
        .iter()
        .filter(|f| **f != SummaryFormat::Html)
        .filter_map(ValueEnum::to_possible_value);
    clap::builder::TypedValueParser::try_map(
        clap::builder::PossibleValuesParser::new(values),
        |name: String| SummaryFormat::from_str(&name, false),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Table,
    Markdown,
    Csv,
    Json,
    /// an Excel workbook with typed cells (use -o FILE or redirect stdout)
    Xlsx,
    /// The manager's dashboard: one self-contained page of every view, printable to PDF
    Html,
}

const EXPORT_HELP: &str = "\
Each row carries the report's date, file name, subject, inspector, template id and
version, then the section and its weight, the item, the answer and its stable key (the
same in every language), score, weight, critical, best score, points (weight × score),
N/A flag, note and action fields. Rows are written as they are read, so any number of
reports can be exported. Percents are weighted: an area's percent in one report is
100 · Σ points / Σ weight over its rows with a score (the README has the DuckDB queries
that give the figures of `summary --by area`).

Examples:
  opscheck export reports --format csv --excel > answers.csv
  opscheck export reports --format jsonl > answers.jsonl
  opscheck export reports --format xlsx -o answers.xlsx
  duckdb -c \"SELECT report, section, 100 * sum(points) / sum(weight) AS percent \\
      FROM read_json('answers.jsonl') WHERE score IS NOT NULL GROUP BY ALL\"

Exit codes:
  0    exported
  1    --strict and a file could not be read as a report
  2    usage error or unreadable path";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Report files or directories [default: reports/]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub walk: WalkArgs,

    /// Output format
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,

    /// Start CSV with a UTF-8 byte order mark, so that Excel shows Chinese correctly
    #[arg(long)]
    pub excel: bool,

    /// Fail (exit 1) when a file cannot be read as a report, instead of skipping it
    #[arg(long)]
    pub strict: bool,

    /// Read the team store instead of files: a postgresql:// URL [default: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "", conflicts_with = "paths")]
    pub db: Option<String>,
    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    /// an Excel workbook, streamed (use -o FILE or redirect stdout)
    Xlsx,
}

const ACTIONS_HELP: &str = "\
An action is raised by a failing item with a corrective action in a report. Its state
is derived from the reports and from the event files under DIR/actions/ (one small
file per `done` or `reopen`), replayed by date: inspections first on any one day, then
events. So folders of several inspectors merge by copying, rsync or git.

  open      raised, not done yet; a later failure of the same item links to it
  done      marked done (`actions done ID --note ...`)
  verified  done, and the next inspection of the subject passed the item
  reopened  done, then the item failed again (or `actions reopen ID --note ...`)
  overdue   open or reopened, and past its due date

Examples:
  opscheck actions --overdue
  opscheck actions --subject 'Store *' --status open --format csv > open.csv
  opscheck actions done 3f9c2e1b --note \"plan written\" --by \"Wang Fang\" --evidence plan.pdf
  opscheck actions show 3f9c2e1b

Exit codes:
  0    listed, recorded or shown
  2    usage error, an unknown action id (the nearest is suggested), unreadable DIR";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ActionsArgs {
    #[command(subcommand)]
    pub command: Option<ActionsCommand>,

    #[command(flatten)]
    pub list: ActionsListArgs,
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// Mark an action done, with a note and optionally evidence files
    #[command(after_long_help = ACTIONS_DONE_HELP)]
    Done(ActionEventArgs),
    /// Reopen a done or verified action, with a note
    #[command(after_long_help = ACTIONS_REOPEN_HELP)]
    Reopen(ActionEventArgs),
    /// The whole history of one action, with the reports it came from
    #[command(after_long_help = ACTIONS_SHOW_HELP)]
    Show(ActionShowArgs),
}

const ACTIONS_DONE_HELP: &str = "\
Examples:
  opscheck actions done 3f9c2e1b --note \"plan written\" --by \"Wang Fang\" --evidence plan.pdf
  opscheck actions done 3f9c --note \"fixed\"            a unique prefix of the id is enough

Exit codes:
  0    recorded (one event file under DIR/actions/)
  2    usage error, an unknown action id (the nearest is suggested), unwritable DIR";

const ACTIONS_REOPEN_HELP: &str = "\
Examples:
  opscheck actions reopen 3f9c2e1b --note \"the lock is broken again\"

Exit codes:
  0    recorded (one event file under DIR/actions/)
  2    usage error, an unknown action id (the nearest is suggested), unwritable DIR";

const ACTIONS_SHOW_HELP: &str = "\
Examples:
  opscheck actions show 3f9c2e1b
  opscheck actions show 3f9c2e1b --format json

Exit codes:
  0    shown
  2    usage error, an unknown action id (the nearest is suggested), unreadable DIR";

/// Where the reports and action events are, and the day.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Reports directory (events under DIR/actions/)
    #[arg(long, short, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,

    /// The day to count from (overdue, the date of an event) [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ActionsListArgs {
    /// Only actions of subjects matching this glob
    #[arg(long, value_name = "GLOB", help_heading = "Filters")]
    pub subject: Option<String>,

    /// Only actions of this owner
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub owner: Option<String>,

    /// Only actions with this status
    #[arg(long, value_enum, help_heading = "Filters")]
    pub status: Option<ActionStatusFilter>,

    /// Only overdue actions (same as --status overdue)
    #[arg(long, help_heading = "Filters", conflicts_with = "status")]
    pub overdue: bool,

    /// Only actions due before this date
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Filters")]
    pub due_before: Option<chrono::NaiveDate>,

    /// Only actions of this template id
    #[arg(long, value_name = "ID", help_heading = "Filters")]
    pub template: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Output format
    #[arg(long, default_value = "table", value_parser = list_format())]
    pub format: SummaryFormat,

    /// Start CSV with a UTF-8 byte order mark, so that Excel shows Chinese correctly
    #[arg(long)]
    pub excel: bool,

    /// Read the team store instead of files: a postgresql:// URL [default: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionStatusFilter {
    Open,
    Done,
    Verified,
    Reopened,
    Overdue,
}

#[derive(Debug, Args)]
pub struct ActionEventArgs {
    /// The action id (a unique prefix of four characters or more is enough)
    pub id: String,

    /// What was done, or why it is reopened
    #[arg(long, short)]
    pub note: String,

    /// Who did it
    #[arg(long, value_name = "NAME", env = "OPSCHECK_INSPECTOR")]
    pub by: Option<String>,

    /// A file that shows it was done (repeatable)
    #[arg(long, value_name = "PATH")]
    pub evidence: Vec<PathBuf>,

    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ActionShowArgs {
    /// The action id (a unique prefix of four characters or more is enough)
    pub id: String,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Output format
    #[arg(long, default_value = "table", value_parser = list_format())]
    pub format: SummaryFormat,
}

const WAIVERS_HELP: &str = "\
A waiver file holds [[waivers]] tables: subject (a glob), template, item or section,
reason, approved_by, from and expires (TOML dates). While in force (from <= day <=
expires) the item counts in neither the numerator nor the denominator of the score,
and the report lists the waiver.

Examples:
  opscheck waivers
  opscheck waivers --within 30d --format json
  opscheck waivers --file site-waivers.toml --today 2026-12-01

Exit codes:
  0    listed
  1    the waiver file has errors (shown as PATH:LINE:COL)
  2    usage error or unreadable file";

#[derive(Debug, Args)]
pub struct WaiversArgs {
    /// Waiver file
    #[arg(long, value_name = "FILE", default_value = "checklists/waivers.toml")]
    pub file: PathBuf,

    /// Active waivers expiring within this span are listed as expiring (`30d`, `2w`)
    #[arg(long, value_name = "SPAN", default_value = "30d")]
    pub within: String,

    /// The day to count from [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<chrono::NaiveDate>,

    /// Output format
    #[arg(long, default_value = "table", value_parser = list_format())]
    pub format: SummaryFormat,

    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

const DUE_HELP: &str = "\
A sites file holds [[sites]] tables: subject (as given to `run --subject`), name,
region, manager, tags, and [[sites.schedules]] with a template and a cadence: every
= \"14d\" / \"2w\" / \"1m\", or weekdays = [\"mon\", \"thu\"]. The next due day
follows the latest report of that subject and template under DIR; a site never
inspected is listed as such, first.

Examples:
  opscheck due
  opscheck due --within 14d --region East
  opscheck due --fail-if-overdue --quiet      in a cron job: exit 1 when one is overdue

Exit codes:
  0    listed
  1    --fail-if-overdue and a site is overdue or was never inspected; or the
       sites file has errors (shown as PATH:LINE:COL)
  2    usage error or unreadable path";

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Sites file
    #[arg(long, value_name = "FILE", default_value = "checklists/sites.toml")]
    pub sites: PathBuf,

    /// Only what is due within this span, overdue included (`14d`, `2w`)
    #[arg(long, value_name = "SPAN")]
    pub within: Option<String>,

    /// Only sites of this region
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Only sites with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Exit 1 when a site is overdue or was never inspected
    #[arg(long)]
    pub fail_if_overdue: bool,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Output format
    #[arg(long, default_value = "table", value_parser = list_format())]
    pub format: SummaryFormat,

    /// Read the reports and the latest sites file from the team store: a postgresql:// URL
    /// [default: OPSCHECK_DATABASE_URL]
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
    /// Write to FILE instead of stdout (atomically; never over an existing file)
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DraftsArgs {
    /// Reports directory whose drafts to list
    #[arg(long, short, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_validate_paths_and_format() {
        let cli =
            Cli::try_parse_from(["opscheck", "validate", "a.toml", "dir", "--format", "json"])
                .unwrap();
        let Command::Validate(args) = cli.command else {
            panic!("not validate")
        };
        assert_eq!(args.paths, [PathBuf::from("a.toml"), PathBuf::from("dir")]);
        assert_eq!(args.format, ValidateFormat::Json);
    }

    #[test]
    fn rejects_a_bad_date() {
        let err = Cli::try_parse_from(["opscheck", "run", "--date", "2026-13-01"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    }

    #[test]
    fn lang_accepts_both_spellings() {
        for (arg, lang) in [("en", Lang::En), ("zh-CN", Lang::ZhCn), ("zh", Lang::ZhCn)] {
            let cli = Cli::try_parse_from(["opscheck", "--lang", arg, "schema"]).unwrap();
            assert_eq!(cli.lang, Some(lang));
        }
    }
}

/// How directories of reports are walked, and how CSV cells are written.
#[derive(Debug, Clone, Args)]
pub struct WalkArgs {
    /// Follow symlinks inside directories (each file is still read once)
    #[arg(long)]
    pub follow: bool,

    /// Write CSV cells as they are, without the formula guard (for data pipelines, not
    /// spreadsheets)
    #[arg(long)]
    pub raw_csv: bool,
}
