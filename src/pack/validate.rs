//! Semantic checks of one pack file: turns a `RawPack` into a `Pack` plus every located finding.
//!
//! Pure: takes the source text and the parsed raw pack, returns values. No I/O. Every check runs
//! on every item, so one run reports all errors of a file (after it parsed as TOML).

mod exams;

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use unicode_width::UnicodeWidthStr;

use super::diag::{Diagnostic, Severity, SourceMap};
use super::model::{Choice, Diagram, Domain, Pack, PackSource, Question, Region, Tip, Topic};
use super::raw::{RawChoice, RawDiagram, RawPack, RawQuestion, RawTip, RawTopic, S};
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
        let bad = v.char_indices().find(|&(i, c)| {
            c.is_control()
                && !(kind != Kind::Line
                    && (c == '\n' || (c == '\r' && v[i + 1..].starts_with('\n'))))
                && !(kind == Kind::Art && c == '\t')
        });
        let Some((i, c)) = bad else { return true };
        let src = self.map.text;
        let at = inner_offset(src, &s.span(), i);
        let end = inner_offset(src, &s.span(), i + c.len_utf8()).max(at + 1);
        let help = match c {
            '\t' => "tabs show at different widths in different terminals; use spaces",
            '\n' | '\r' => "this field is a single line; remove the line break",
            _ => {
                "packs may not contain control characters or escape sequences: they could rewrite the learner's terminal"
            }
        };
        self.error(
            at..end,
            format!("{what} contains the control character {}", describe(c)),
            help,
        );
        false
    }
}

/// Checks one parsed pack file.
pub fn check(path: &str, text: &str, raw: RawPack, source: PackSource) -> Checked {
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
    let diagrams: Vec<Diagram> = check_diagrams(&mut cx, &raw.diagram);
    let tip_ids: Vec<&str> = tips.iter().map(|t| t.id.as_str()).collect();
    let questions = check_questions(&mut cx, &raw.question, &topic_ids, &tip_ids, &raw.diagram);

    warn_unused(&mut cx, &raw.topic, &raw.diagram, &questions);
    let (exams, origins) = exams::check_exams(&mut cx, &raw.exam, &header.id, &topic_ids);
    let id_at = cx.mark(header.id.span());

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
            id: t.id.get_ref().clone(),
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
                id: t.id.get_ref().clone(),
                topic: t.topic.get_ref().clone(),
                text: normalize(t.text.get_ref()).trim().to_string(),
            }
        })
        .collect()
}

fn check_diagrams(cx: &mut Ctx, raw: &[RawDiagram]) -> Vec<Diagram> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|d| {
            cx.id("diagram", &d.id);
            duplicate(cx, &mut seen, "diagram", &d.id);
            cx.text("diagram title", &d.title, Kind::Line);
            cx.text("diagram alt", &d.alt, Kind::Lines);
            cx.text("diagram art", &d.art, Kind::Art);
            check_art(cx, &d.art);
            let art = normalize(d.art.get_ref())
                .trim_end()
                .trim_start_matches('\n')
                .to_string();
            let regions = check_regions(cx, d, &art);
            Diagram {
                id: d.id.get_ref().clone(),
                title: d.title.get_ref().clone(),
                alt: normalize(d.alt.get_ref()).trim().to_string(),
                art,
                regions,
            }
        })
        .collect()
}

/// Tabs and over-wide lines in diagram art, pointed at where they are written.
fn check_art(cx: &mut Ctx, s: &S) {
    let raw = s.get_ref();
    let src = cx.map.text;
    if let Some(i) = raw.find('\t') {
        let at = inner_offset(src, &s.span(), i);
        let end = inner_offset(src, &s.span(), i + 1).max(at + 1);
        cx.error(
            at..end,
            "diagram art contains a tab",
            "tabs show at different widths in different terminals; use spaces",
        );
    }
    let mut start = 0;
    for line in raw.split('\n') {
        let text = line.trim_end_matches('\r');
        let w = text.width();
        if w > MAX_ART_WIDTH {
            let at = inner_offset(src, &s.span(), start);
            let end = inner_offset(src, &s.span(), start + text.len()).max(at + 1);
            cx.error(
                at..end,
                format!("diagram art line is {w} columns wide; the limit is {MAX_ART_WIDTH}"),
                "shorten the line so the diagram fits beside the question on an ordinary terminal",
            );
        }
        start += line.len() + 1;
    }
}

/// Byte offsets of every occurrence of `needle` in `hay`, overlapping ones included.
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) {
        hits.push(from + i);
        from += i + needle.chars().next().map_or(1, char::len_utf8);
    }
    hits
}

fn check_regions(cx: &mut Ctx, d: &RawDiagram, art: &str) -> Vec<Region> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for r in &d.region {
        cx.id("region", &r.id);
        duplicate(cx, &mut seen, "region", &r.id);
        if !cx.text("region text", &r.text, Kind::Line) {
            continue;
        }
        let needle = r.text.get_ref();
        let diagram = printable(d.id.get_ref());
        match occurrences(art, needle).as_slice() {
            [i] => {
                let before = &art[..*i];
                let line_start = before.rfind('\n').map_or(0, |p| p + 1);
                out.push(Region {
                    id: r.id.get_ref().clone(),
                    text: needle.clone(),
                    row: before.matches('\n').count(),
                    col: art[line_start..*i].width(),
                    width: needle.width(),
                });
            }
            [] => cx.error(
                r.text.span(),
                format!("region text \"{}\" does not occur in the art of diagram `{diagram}`", printable(needle)),
                "a region's text must be copied exactly from the art (same spaces and case, on one line)",
            ),
            many => cx.error(
                r.text.span(),
                format!("region text \"{}\" occurs {} times in the art of diagram `{diagram}`", printable(needle), many.len()),
                "make the text longer so it occurs exactly once, e.g. include the neighbouring label",
            ),
        }
    }
    out
}

fn check_questions(
    cx: &mut Ctx,
    raw: &[Spanned<RawQuestion>],
    topics: &[&str],
    tips: &[&str],
    diagrams: &[RawDiagram],
) -> Vec<Question> {
    let mut seen = HashMap::new();
    let diagram_ids: Vec<&str> = diagrams.iter().map(|d| d.id.get_ref().as_str()).collect();
    let mut out = Vec::new();
    for q in raw {
        let q = q.get_ref();
        cx.id("question", &q.id);
        duplicate(cx, &mut seen, "question", &q.id);
        reference(cx, "topic", &q.topic, topics);
        cx.text("question stem", &q.stem, Kind::Lines);
        cx.text("question explanation", &q.explanation, Kind::Lines);
        for t in &q.tips {
            reference(cx, "tip", t, tips);
        }
        for s in &q.sources {
            cx.text("source", s, Kind::Line);
        }
        let diagram = q.diagram.as_ref().and_then(|d| {
            reference(cx, "diagram", d, &diagram_ids)
                .then(|| diagrams.iter().find(|x| x.id.get_ref() == d.get_ref()))?
        });
        check_highlight(cx, q, diagram);
        let choices = check_choices(cx, q);
        if q.diagram.is_none() && q.tips.is_empty() {
            cx.warn(
                q.id.span(),
                format!(
                    "question `{}` has neither a diagram nor a tip",
                    printable(q.id.get_ref())
                ),
                "add `tips = [\"…\"]` or `diagram = \"…\"` so the learner sees why after answering",
            );
        }
        let (line, _) = cx.map.line_col(q.id.span().start);
        out.push(Question {
            id: q.id.get_ref().clone(),
            topic: q.topic.get_ref().clone(),
            diagram: q.diagram.as_ref().map(|d| d.get_ref().clone()),
            highlight: q.highlight.iter().map(|h| h.get_ref().clone()).collect(),
            tips: q.tips.iter().map(|t| t.get_ref().clone()).collect(),
            stem: normalize(q.stem.get_ref()).trim().to_string(),
            explanation: normalize(q.explanation.get_ref()).trim().to_string(),
            sources: q.sources.iter().map(|s| s.get_ref().clone()).collect(),
            choices,
            line,
        });
    }
    out
}

/// `highlight` names regions declared in the question's diagram. Regions whose text could not
/// be located were reported already and still count as declared, so one mistake gives one error.
fn check_highlight(cx: &mut Ctx, q: &RawQuestion, diagram: Option<&RawDiagram>) {
    let Some(first) = q.highlight.first() else {
        return;
    };
    let Some(diagram) = diagram else {
        if q.diagram.is_none() {
            cx.error(
                first.span(),
                "`highlight` names regions, but the question has no `diagram`",
                "add `diagram = \"…\"` to the question, or remove `highlight`",
            );
        }
        return;
    };
    let regions: Vec<&str> = diagram
        .region
        .iter()
        .map(|r| r.id.get_ref().as_str())
        .collect();
    for h in &q.highlight {
        if !regions.contains(&h.get_ref().as_str()) {
            let help = match closest(h.get_ref(), &regions) {
                Some(c) => format!("did you mean `{c}`?"),
                None if regions.is_empty() => {
                    "the diagram declares no regions; add [[diagram.region]] tables to it"
                        .to_string()
                }
                None => format!("its regions are: {}", list(&regions)),
            };
            let msg = format!(
                "diagram `{}` has no region `{}`",
                printable(diagram.id.get_ref()),
                printable(h.get_ref())
            );
            cx.error(h.span(), msg, help);
        }
    }
}

fn check_choices(cx: &mut Ctx, q: &RawQuestion) -> Vec<Choice> {
    let id = printable(q.id.get_ref());
    let n = q.choice.len();
    if n < MIN_CHOICES {
        let what = if n == 0 {
            "no choices".to_string()
        } else {
            format!("{n} choice")
        };
        cx.error(
            q.id.span(),
            format!("question `{id}` has {what}; it needs at least {MIN_CHOICES}"),
            "add [[question.choice]] tables with `text`, `why` and `correct = true` on the right ones",
        );
    } else if n > MAX_CHOICES {
        cx.error(
            q.id.span(),
            format!("question `{id}` has {n} choices; at most {MAX_CHOICES} fit on screen (A–F)"),
            "exam questions have four or five choices; remove the weakest distractors",
        );
    }
    let correct = q.choice.iter().filter(|c| c.get_ref().correct).count();
    if correct == 0 && n > 0 {
        cx.error(
            q.id.span(),
            format!("question `{id}` has no correct choice"),
            "mark the right choice(s) with `correct = true`",
        );
    } else if correct == n && n >= MIN_CHOICES {
        cx.error(
            q.id.span(),
            format!("every choice of question `{id}` is correct"),
            "a question needs at least one wrong choice; set `correct = true` only on the right ones",
        );
    }
    let mut texts: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for c in &q.choice {
        let c: &RawChoice = c.get_ref();
        cx.text("choice text", &c.text, Kind::Lines);
        let key = normalize(c.text.get_ref()).trim().to_lowercase();
        if let Some(first) = texts.get(&key) {
            let (line, _) = cx.map.line_col(*first);
            cx.error(
                c.text.span(),
                format!("question `{id}` has the same choice text twice"),
                format!("the first is on line {line}; each choice must say something different"),
            );
        } else {
            texts.insert(key, c.text.span().start);
        }
        match &c.why {
            Some(w) => {
                cx.text("choice why", w, Kind::Lines);
            }
            None => cx.warn(
                c.text.span(),
                "choice has no `why`",
                "add `why = \"…\"`: learners read why each choice is right or wrong after answering",
            ),
        }
        out.push(Choice {
            text: normalize(c.text.get_ref()).trim().to_string(),
            correct: c.correct,
            why: c
                .why
                .as_ref()
                .map(|w| normalize(w.get_ref()).trim().to_string())
                .unwrap_or_default(),
        });
    }
    out
}

fn warn_unused(cx: &mut Ctx, topics: &[RawTopic], diagrams: &[RawDiagram], questions: &[Question]) {
    for t in topics {
        if !questions.iter().any(|q| &q.topic == t.id.get_ref()) {
            let id = printable(t.id.get_ref());
            cx.warn(
                t.id.span(),
                format!("topic `{id}` has no questions"),
                format!("add a question with `topic = \"{id}\"`, or remove the topic"),
            );
        }
    }
    for d in diagrams {
        if !questions
            .iter()
            .any(|q| q.diagram.as_ref() == Some(d.id.get_ref()))
        {
            let id = printable(d.id.get_ref());
            cx.warn(
                d.id.span(),
                format!("diagram `{id}` is not used by any question"),
                format!("show it with `diagram = \"{id}\"` in a question, or remove it"),
            );
        }
    }
}

/// Newlines as `\n` only.
fn normalize(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_include_overlaps() {
        assert_eq!(occurrences("a===b", "=="), vec![1, 2]);
        assert_eq!(occurrences("éé", "é"), vec![0, 2]);
        assert!(occurrences("abc", "x").is_empty());
    }
}
