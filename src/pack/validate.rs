//! Semantic checks of one pack file: turns a `RawPack` into a `Pack` plus every located finding.
//!
//! Pure: takes the source text and the parsed raw pack, returns values. No I/O. Every check runs
//! on every item, so one run reports all errors of a file (after it parsed as TOML).

mod diagrams;
mod exams;
mod lints;
mod questions;

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::diag::{Diagnostic, Severity, SourceMap};
use super::model::{Diagram, Domain, Pack, PackSource, Tip, Topic};
use super::raw::{RawPack, RawTip, RawTopic, S};
pub use super::strings::{closest, inner_offset, printable};
use super::strings::{describe, list};

/// Widest diagram art a pack may carry, in terminal columns.
pub const MAX_ART_WIDTH: usize = 100;
/// Fewest choices a question may have.
pub const MIN_CHOICES: usize = 2;
/// Most choices a question may have (labelled A–F).
pub const MAX_CHOICES: usize = 6;

/// Where an exam was defined, so library-wide checks can point at it.
#[derive(Debug, Clone)]
pub struct ExamOrigin {
    pub exam: String,
    pub at: Diagnostic,
    pub packs: Vec<(String, Diagnostic)>,
    pub topics: Vec<(String, Diagnostic)>,
}

pub struct Checked {
    pub pack: Pack,
    pub diagnostics: Vec<Diagnostic>,
    pub exams: Vec<ExamOrigin>,
    /// Where the pack id is written, so library-wide checks (duplicate pack ids) can point at it.
    pub id_at: Diagnostic,
    /// Where each question's id is written, in question order (near-duplicate stems).
    pub questions_at: Vec<Diagnostic>,
}

/// The longest a text field may be, in characters (documented in docs/pack-format.md): a
/// terminal shows a few thousand characters at most without scrolling forever, and a single
/// huge field (a megabyte-long word) would make every frame slow.
pub fn max_chars(what: &str) -> usize {
    match what {
        "question stem" | "question explanation" => 4_000,
        "choice text" => 1_000,
        "choice why" | "tip text" | "pack description" | "diagram alt" => 2_000,
        "diagram art" => 20_000,
        "source" => 1_000,
        _ => 200,
    }
}

/// What a text field may contain besides ordinary characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One line: no control characters at all.
    Line,
    /// Several lines: newlines allowed.
    Lines,
    /// Diagram art: newlines allowed; tabs are reported separately by `check_art`.
    Art,
}

struct Ctx<'a> {
    map: SourceMap<'a>,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn push(&mut self, severity: Severity, span: Range<usize>, msg: String, help: Option<String>) {
        let mut d = self.map.at(severity, span, msg);
        d.help = help;
        self.out.push(d);
    }

    fn error(&mut self, span: Range<usize>, msg: impl Into<String>, help: impl Into<String>) {
        self.push(Severity::Error, span, msg.into(), Some(help.into()));
    }

    fn warn(&mut self, span: Range<usize>, msg: impl Into<String>, help: impl Into<String>) {
        self.push(Severity::Warning, span, msg.into(), Some(help.into()));
    }

    /// A located marker (no message) for checks that run later, across packs.
    fn mark(&self, span: Range<usize>) -> Diagnostic {
        self.map.at(Severity::Error, span, "")
    }

    /// Checks an id: non-empty, lowercase letters, digits and dashes.
    fn id(&mut self, what: &str, s: &S) {
        const HELP: &str =
            "ids use only lowercase letters a-z, digits 0-9 and `-`, e.g. `sqs-visibility`";
        let v = s.get_ref();
        if v.is_empty() {
            self.error(s.span(), format!("{what} id is empty"), HELP);
        } else if !v
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.error(
                s.span(),
                format!("{what} id `{}` is not valid", printable(v)),
                HELP,
            );
        }
    }

    /// Checks a text: not blank and free of control characters. Returns whether it is fine.
    fn text(&mut self, what: &str, s: &S, kind: Kind) -> bool {
        let v = s.get_ref();
        if v.trim().is_empty() {
            self.error(
                s.span(),
                format!("{what} is empty"),
                format!("write the {what}; blank text is not allowed"),
            );
            return false;
        }
        let limit = max_chars(what);
        // Printable ASCII (plus line breaks where allowed) is the common case: nothing to find.
        // A fold without an early exit, which the compiler turns into wide compares.
        let lines = kind != Kind::Line;
        let plain = !v.bytes().fold(false, |bad, b| {
            bad | (b < 0x20 && !(lines && b == b'\n')) | (b >= 0x7f)
        });
        let chars = if plain { v.len() } else { v.chars().count() };
        if chars > limit {
            self.error(
                s.span(),
                format!("{what} is {chars} characters long; the limit is {limit}"),
                "shorten it, or split it (a long stem into a shorter stem and an explanation); see the limits in docs/pack-format.md",
            );
            return false;
        }
        if plain {
            return true;
        }
        let bad = v.char_indices().find(|&(i, c)| {
            crate::text::is_bidi(c)
                || crate::text::is_invisible(c)
                || c.is_control()
                    && !(kind != Kind::Line
                        && (c == '\n' || (c == '\r' && v[i + 1..].starts_with('\n'))))
                    && !(kind == Kind::Art && c == '\t')
        });
        let Some((i, c)) = bad else { return true };
        let src = self.map.text;
        let at = inner_offset(src, &s.span(), i);
        let end = inner_offset(src, &s.span(), i + c.len_utf8()).max(at + 1);
        let help = match c {
            _ if crate::text::is_bidi(c) => {
                "bidirectional controls reorder the text after them on screen, so a learner would not see what the file says; remove it"
            }
            _ if crate::text::is_invisible(c) => {
                "invisible characters take no room on screen and make text look like what it is not; remove it"
            }
            '\t' => "tabs show at different widths in different terminals; use spaces",
            '\n' | '\r' => "this field is a single line; remove the line break",
            _ => {
                "packs may not contain control characters or escape sequences: they could rewrite the learner's terminal"
            }
        };
        self.error(
            at..end,
            format!(
                "{what} contains the {} character {}",
                if crate::text::is_bidi(c) {
                    "bidirectional control"
                } else if crate::text::is_invisible(c) {
                    "invisible"
                } else {
                    "control"
                },
                describe(c)
            ),
            help,
        );
        false
    }
}

/// Whether to run the form lints (give-aways, key lengths): `check` does, a start-up does not
/// need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lints {
    On,
    Off,
}

/// Checks one parsed pack file.
pub fn check(path: &str, text: &str, raw: RawPack, source: PackSource, lints: Lints) -> Checked {
    let mut cx = Ctx {
        map: SourceMap::new(path, text),
        out: Vec::new(),
    };
    let header = raw.pack.into_inner();
    cx.id("pack", &header.id);
    cx.text("pack title", &header.title, Kind::Line);
    cx.text("pack version", &header.version, Kind::Line);
    if let Some(d) = &header.description {
        cx.text("pack description", d, Kind::Lines);
    }

    let topics = check_topics(&mut cx, &raw.topic);
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let tips = check_tips(&mut cx, &raw.tip, &topic_ids);
    let diagrams: Vec<Diagram> = diagrams::check_diagrams(&mut cx, &raw.diagram);
    let tip_ids: Vec<&str> = tips.iter().map(|t| t.id.as_str()).collect();
    let questions =
        questions::check_questions(&mut cx, &raw.question, &topic_ids, &tip_ids, &raw.diagram);

    questions::warn_unused(&mut cx, &raw.topic, &raw.diagram, &questions);
    if lints == Lints::On {
        lints::give_aways(&mut cx, &raw.question, &questions, &diagrams);
        lints::lengths(&mut cx, &header.id, &raw.question, &questions);
    }
    let (exams, origins) = exams::check_exams(&mut cx, &raw.exam, &header.id, &topic_ids);
    let id_at = cx.mark(header.id.span());
    let questions_at = raw
        .question
        .iter()
        .map(|q| cx.mark(q.get_ref().id.span()))
        .collect();

    let pack = Pack {
        id: header.id.into_inner(),
        title: header.title.into_inner(),
        version: header.version.into_inner(),
        description: header
            .description
            .map(Spanned::into_inner)
            .map(|d| normalize(&d).trim().to_string())
            .unwrap_or_default(),
        source,
        topics,
        tips,
        diagrams,
        questions,
        exams,
    };
    Checked {
        pack,
        diagnostics: cx.out,
        exams: origins,
        id_at,
        questions_at,
    }
}

fn duplicate<'a>(cx: &mut Ctx, seen: &mut HashMap<&'a str, Range<usize>>, what: &str, s: &'a S) {
    if let Some(first) = seen.get(s.get_ref().as_str()) {
        let (line, _) = cx.map.line_col(first.start);
        cx.error(
            s.span(),
            format!("duplicate {what} id `{}`", printable(s.get_ref())),
            format!("the first {what} with this id is on line {line}; ids must be unique"),
        );
    } else {
        seen.insert(s.get_ref(), s.span());
    }
}

/// Checks that `s` names one of `known`; `what` is the kind of thing named (`topic`, `tip`, …).
fn reference(cx: &mut Ctx, what: &str, s: &S, known: &[&str]) -> bool {
    if known.contains(&s.get_ref().as_str()) {
        return true;
    }
    let help = match closest(s.get_ref(), known) {
        Some(c) => format!("did you mean `{c}`?"),
        None if known.is_empty() => format!("this pack defines no {what}; add a [[{what}]] table"),
        None => format!("known {what} ids: {}", list(known)),
    };
    cx.error(
        s.span(),
        format!("unknown {what} `{}`", printable(s.get_ref())),
        help,
    );
    false
}

fn check_topics(cx: &mut Ctx, raw: &[RawTopic]) -> Vec<Topic> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in raw {
        cx.id("topic", &t.id);
        duplicate(cx, &mut seen, "topic", &t.id);
        cx.text("topic title", &t.title, Kind::Line);
        let domain = Domain::parse(t.domain.get_ref());
        if domain.is_none() {
            let ids = Domain::ALL.map(Domain::id);
            let help = match closest(t.domain.get_ref(), &ids) {
                Some(c) => format!(
                    "did you mean `{c}`? The domains are: secure, resilient, performant, cost"
                ),
                None => "use one of: secure, resilient, performant, cost".to_string(),
            };
            cx.error(
                t.domain.span(),
                format!("unknown exam domain `{}`", printable(t.domain.get_ref())),
                help,
            );
        }
        out.push(Topic {
            id: t.id.get_ref().into(),
            title: t.title.get_ref().clone(),
            domain: domain.unwrap_or(Domain::Resilient),
        });
    }
    out
}

fn check_tips(cx: &mut Ctx, raw: &[RawTip], topics: &[&str]) -> Vec<Tip> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|t| {
            cx.id("tip", &t.id);
            duplicate(cx, &mut seen, "tip", &t.id);
            reference(cx, "topic", &t.topic, topics);
            cx.text("tip text", &t.text, Kind::Lines);
            Tip {
                id: t.id.get_ref().into(),
                topic: t.topic.get_ref().into(),
                text: normalize(t.text.get_ref()).trim().into(),
            }
        })
        .collect()
}

/// Newlines as `\n` only.
fn normalize(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s.to_string()
    }
}
