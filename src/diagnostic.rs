//! Problems found in a file, with their place, rendered like rustc's diagnostics.
//!
//! Columns count characters, not bytes, so `PATH:LINE:COL` points at the right
//! place when Chinese text precedes it; annotate-snippets draws the caret by
//! display width.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::i18n::Message;
use crate::locale::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place of a source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// Byte range in the source.
    pub span: Range<usize>,
    pub message: Message,
    /// Short text under the caret.
    pub label: Option<Message>,
    /// A second place that explains the first (the other duplicate, say).
    pub related: Option<(Range<usize>, Message)>,
    /// What to do about it.
    pub help: Option<Message>,
}

impl Problem {
    pub fn error(span: Range<usize>, message: Message) -> Self {
        Self {
            severity: Severity::Error,
            span,
            message,
            label: None,
            related: None,
            help: None,
        }
    }

    pub fn warning(span: Range<usize>, message: Message) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(span, message)
        }
    }

    pub fn label(mut self, label: Message) -> Self {
        self.label = Some(label);
        self
    }

    pub fn related(mut self, span: Range<usize>, label: Message) -> Self {
        self.related = Some((span, label));
        self
    }

    pub fn help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The line and column of a byte offset.
pub fn locate(source: &str, offset: usize) -> Position {
    let offset = source.floor_char_boundary(offset.min(source.len()));
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Renders one problem as `error: …`, `--> PATH:LINE:COL`, the source lines and a caret.
pub fn render(path: &str, source: &str, problem: &Problem, lang: Lang) -> String {
    let (error, warning, help) = (
        lang.text("diagnostic-error"),
        lang.text("diagnostic-warning"),
        lang.text("diagnostic-help"),
    );
    let level = match problem.severity {
        Severity::Error => Level::ERROR.with_name(Some(error.as_str())),
        Severity::Warning => Level::WARNING.with_name(Some(warning.as_str())),
    };
    let message = lang.format(&problem.message);
    let label = problem.label.as_ref().map(|l| lang.format(l));
    let related = problem
        .related
        .as_ref()
        .map(|(span, l)| (span, lang.format(l)));
    let help_text = problem.help.as_ref().map(|h| lang.format(h));
    let mut group = level.primary_title(message.as_str()).element(excerpt(
        path,
        source,
        &problem.span,
        AnnotationKind::Primary,
        label.as_deref(),
    ));
    if let Some((span, label)) = &related {
        group = group.element(excerpt(
            path,
            source,
            span,
            AnnotationKind::Context,
            Some(label),
        ));
    }
    let mut report: Vec<Group<'_>> = vec![group];
    if let Some(text) = &help_text {
        let level = Level::HELP.with_name(Some(help.as_str()));
        report.push(Group::with_title(level.secondary_title(text.as_str())));
    }
    Renderer::styled().render(&report)
}

/// Only the lines the span touches, so that rendering stays cheap on huge files.
fn excerpt<'a>(
    path: &'a str,
    source: &'a str,
    span: &Range<usize>,
    kind: AnnotationKind,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let start = source.floor_char_boundary(span.start.min(source.len()));
    let end = source.floor_char_boundary(span.end.clamp(start, source.len()));
    let first = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let line = locate(source, start).line;
    let mut annotation = kind.span(start - first..end - first);
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    // A CR of a CRLF file would be drawn as `␍`; a space has the same length.
    Snippet::source(source[first..last].replace('\r', " "))
        .line_start(line)
        .path(path)
        .annotation(annotation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let source = "a = 1\ntitle = \"检查\" x\n";
        let at = source.find('x').unwrap();
        assert_eq!(
            locate(source, at),
            Position {
                line: 2,
                column: 14
            }
        );
        assert_eq!(locate(source, 0), Position { line: 1, column: 1 });
        assert_eq!(locate(source, 10_000).line, 3);
    }

    #[test]
    fn renders_path_line_and_column_in_both_languages() {
        let source = "id = \"x\"\nweight = -1\n";
        let at = source.find("-1").unwrap();
        let problem = Problem::error(at..at + 2, crate::msg!("check-weight", value = "-1"))
            .label(crate::msg!("check-used-again"));
        let text =
            anstream::adapter::strip_str(&render("t.toml", source, &problem, Lang::En)).to_string();
        assert!(
            text.contains("error: weight -1 must be a finite number greater than 0"),
            "{text}"
        );
        assert!(text.contains("--> t.toml:2:10"), "{text}");
        assert!(text.contains("^^ used again here"), "{text}");
        let text = anstream::adapter::strip_str(&render("t.toml", source, &problem, Lang::ZhCn))
            .to_string();
        assert!(
            text.contains("错误: 权重 -1 必须是大于 0 的有限数"),
            "{text}"
        );
        assert!(text.contains("--> t.toml:2:10"), "{text}");
    }
}
