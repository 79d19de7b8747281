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

/// The line and column of a byte offset (for one lookup; [`Lines`] for many).
pub fn locate(source: &str, offset: usize) -> Position {
    Lines::new(source).locate(offset)
}

/// Renders one problem (for one; [`Lines::render`] for many).
pub fn render(path: &str, source: &str, problem: &Problem, lang: Lang) -> String {
    Lines::new(source).render(path, problem, lang)
}

/// A source text with the offset of each line, so that locating and rendering many
/// problems in a large file stays linear.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr_newlines(text).map(|i| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// 0-based index of the line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The line and column of a byte offset.
    pub fn locate(&self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        Position {
            line: line + 1,
            column: self.text[self.starts[line]..offset].chars().count() + 1,
        }
    }

    /// Renders one problem as `error: …`, `--> PATH:LINE:COL`, the source lines and a
    /// caret. User text from the file is shown without control characters.
    pub fn render(&self, path: &str, problem: &Problem, lang: Lang) -> String {
        let (error, warning, help) = (
            lang.text("diagnostic-error"),
            lang.text("diagnostic-warning"),
            lang.text("diagnostic-help"),
        );
        let level = match problem.severity {
            Severity::Error => Level::ERROR.with_name(Some(error.as_str())),
            Severity::Warning => Level::WARNING.with_name(Some(warning.as_str())),
        };
        let message = printable(&lang.format(&problem.message));
        let label = problem.label.as_ref().map(|l| printable(&lang.format(l)));
        let related = problem
            .related
            .as_ref()
            .map(|(span, l)| (span, printable(&lang.format(l))));
        let help_text = problem.help.as_ref().map(|h| printable(&lang.format(h)));
        let mut group = level.primary_title(message.as_str()).element(self.excerpt(
            path,
            &problem.span,
            AnnotationKind::Primary,
            label.as_deref(),
        ));
        if let Some((span, label)) = &related {
            group = group.element(self.excerpt(path, span, AnnotationKind::Context, Some(label)));
        }
        let mut report: Vec<Group<'_>> = vec![group];
        if let Some(text) = &help_text {
            let level = Level::HELP.with_name(Some(help.as_str()));
            report.push(Group::with_title(level.secondary_title(text.as_str())));
        }
        Renderer::styled().render(&report)
    }

    /// Only the lines the span touches, so that rendering stays cheap on huge files.
    fn excerpt<'s>(
        &self,
        path: &'s str,
        span: &Range<usize>,
        kind: AnnotationKind,
        label: Option<&'s str>,
    ) -> Snippet<'s, annotate_snippets::Annotation<'s>> {
        let text = self.text;
        let start = text.floor_char_boundary(span.start.min(text.len()));
        let end = text.floor_char_boundary(span.end.clamp(start, text.len()));
        let line = self.line_of(start);
        let first = self.starts[line];
        let last = self
            .starts
            .get(self.line_of(end) + 1)
            .map_or(text.len(), |next| next - 1);
        let mut annotation = kind.span(start - first..end - first);
        if let Some(label) = label {
            annotation = annotation.label(label);
        }
        Snippet::source(excerpt_text(&text[first..last]))
            .line_start(line + 1)
            .path(path)
            .annotation(annotation)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
}

/// Source lines as shown: a control character (an ANSI escape, a CR of a CRLF file)
/// becomes spaces of the same byte length, so every span still points right.
fn excerpt_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\t' && c != '\n' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Message text as shown: no control characters.
fn printable(text: &str) -> String {
    crate::text::line(text).into_owned()
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
