//! Semantic checks of one pack file: turns a `RawPack` into a `Pack` plus every located finding.
//!
//! Pure: takes the source text and the parsed raw pack, returns values. No I/O.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use unicode_width::UnicodeWidthStr;

use super::diag::{Diagnostic, Severity, SourceMap};
use super::model::{Choice, Diagram, Domain, Exam, Pack, PackSource, Question, Region, Tip, Topic};
use super::raw::{RawDiagram, RawExam, RawPack, RawQuestion, S};

/// Widest diagram art a pack may carry, in terminal columns.
pub const MAX_ART_WIDTH: usize = 100;
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
}

struct Ctx<'a> {
    map: SourceMap<'a>,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(&mut self, span: Range<usize>, msg: impl Into<String>) -> &mut Diagnostic {
        let d = self.map.at(Severity::Error, span, msg);
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    fn warn(&mut self, span: Range<usize>, msg: impl Into<String>) -> &mut Diagnostic {
        let d = self.map.at(Severity::Warning, span, msg);
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    fn help(d: &mut Diagnostic, help: impl Into<String>) {
        d.help = Some(help.into());
    }

    /// Checks an id: non-empty, lowercase letters, digits and dashes.
    fn id(&mut self, what: &str, s: &S) {
        let v = s.get_ref();
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            let d = self.error(s.span(), format!("{what} id `{}` is not valid", printable(v)));
            Self::help(d, "ids use only lowercase letters a-z, digits 0-9 and `-`, e.g. `sqs-visibility`");
        }
    }

    /// Checks a text: non-empty and free of control characters (newlines allowed when `multiline`).
    fn text(&mut self, what: &str, s: &S, multiline: bool) {
        let v = s.get_ref();
        if v.trim().is_empty() {
            let d = self.error(s.span(), format!("{what} is empty"));
            Self::help(d, format!("write the {what}, or remove the field if it is optional"));
            return;
        }
        let bad = v.char_indices().find(|&(i, c)| {
            c.is_control()
                && !(multiline && c == '\n')
                && !(multiline && c == '\r' && v[i + 1..].starts_with('\n'))
                && !(what == "diagram art" && c == '\t')
        });
        if let Some((i, c)) = bad {
            let at = inner_offset(self.map.text, &s.span(), i);
            let d = self.error(at..at + 1, format!("{what} contains the control character {}", describe(c)));
            Self::help(
                d,
                "packs may not contain control characters or escape sequences: they could rewrite the learner's terminal",
            );
        }
        if v.contains('\u{1b}') || v.contains('\u{9b}') {
            // Already reported above as a control character; nothing more to add.
        }
    }
}

/// Checks one parsed pack file.
pub fn check(path: &str, text: &str, raw: RawPack, source: PackSource) -> Checked {
    let mut cx = Ctx { map: SourceMap::new(path, text), out: Vec::new() };
    let header = raw.pack.into_inner();
    cx.id("pack", &header.id);
    cx.text("pack title", &header.title, false);
    cx.text("pack version", &header.version, false);
    if let Some(d) = &header.description {
        cx.text("pack description", d, true);
    }

    let topics = check_topics(&mut cx, &raw.topic);
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let tips = check_tips(&mut cx, &raw.tip, &topic_ids);
    let diagrams: Vec<Diagram> = check_diagrams(&mut cx, &raw.diagram);
    let tip_ids: Vec<&str> = tips.iter().map(|t| t.id.as_str()).collect();
    let questions = check_questions(&mut cx, &raw.question, &topic_ids, &tip_ids, &diagrams);

    warn_unused(&mut cx, &raw.topic, &raw.diagram, &questions);
    let (exams, origins) = check_exams(&mut cx, &raw.exam, &header.id, &topic_ids);

    let pack = Pack {
        id: header.id.into_inner(),
        title: header.title.into_inner(),
        version: header.version.into_inner(),
        description: header.description.map(Spanned::into_inner).unwrap_or_default(),
        source,
        topics,
        tips,
        diagrams,
        questions,
        exams,
    };
    Checked { pack, diagnostics: cx.out, exams: origins }
}

fn duplicate<'a>(cx: &mut Ctx, seen: &mut HashMap<&'a str, Range<usize>>, what: &str, s: &'a S) {
    if let Some(first) = seen.get(s.get_ref().as_str()) {
        let (line, _) = cx.map.line_col(first.start);
        let d = cx.error(s.span(), format!("duplicate {what} id `{}`", printable(s.get_ref())));
        Ctx::help(d, format!("the first {what} with this id is on line {line}; ids must be unique"));
    } else {
        seen.insert(s.get_ref(), s.span());
    }
}

fn check_topics(cx: &mut Ctx, raw: &[super::raw::RawTopic]) -> Vec<Topic> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in raw {
        cx.id("topic", &t.id);
        duplicate(cx, &mut seen, "topic", &t.id);
        cx.text("topic title", &t.title, false);
        let domain = Domain::parse(t.domain.get_ref());
        if domain.is_none() {
            let d = cx.error(t.domain.span(), format!("unknown exam domain `{}`", printable(t.domain.get_ref())));
            Ctx::help(d, "use one of: secure, resilient, performant, cost");
        }
        out.push(Topic {
            id: t.id.get_ref().clone(),
            title: t.title.get_ref().clone(),
            domain: domain.unwrap_or(Domain::Resilient),
        });
    }
    out
}

fn reference(cx: &mut Ctx, what: &str, s: &S, known: &[&str]) -> bool {
    if known.contains(&s.get_ref().as_str()) {
        return true;
    }
    let d = cx.error(s.span(), format!("unknown {what} `{}`", printable(s.get_ref())));
    match closest(s.get_ref(), known) {
        Some(c) => Ctx::help(d, format!("did you mean `{c}`?")),
        None if known.is_empty() => Ctx::help(d, format!("this pack defines no {what}; add a [[{what}]] table")),
        None => Ctx::help(d, format!("known {what} ids: {}", list(known))),
    }
    false
}

fn check_tips(cx: &mut Ctx, raw: &[super::raw::RawTip], topics: &[&str]) -> Vec<Tip> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|t| {
            cx.id("tip", &t.id);
            duplicate(cx, &mut seen, "tip", &t.id);
            reference(cx, "topic", &t.topic, topics);
            cx.text("tip text", &t.text, true);
            Tip { id: t.id.get_ref().clone(), topic: t.topic.get_ref().clone(), text: normalize(t.text.get_ref()) }
        })
        .collect()
}

fn check_diagrams(cx: &mut Ctx, raw: &[RawDiagram]) -> Vec<Diagram> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|d| {
            cx.id("diagram", &d.id);
            duplicate(cx, &mut seen, "diagram", &d.id);
            cx.text("diagram title", &d.title, false);
            cx.text("diagram alt", &d.alt, false);
            cx.text("diagram art", &d.art, true);
            let art = normalize(d.art.get_ref()).trim_end().to_string();
            let art = art.trim_start_matches('\n').to_string();
            check_art(cx, &d.art, &art);
            let regions = check_regions(cx, d, &art);
            Diagram {
                id: d.id.get_ref().clone(),
                title: d.title.get_ref().clone(),
                alt: d.alt.get_ref().clone(),
                art,
                regions,
            }
        })
        .collect()
}

fn check_art(cx: &mut Ctx, s: &S, art: &str) {
    let raw = s.get_ref();
    if let Some(i) = raw.find('\t') {
        let at = inner_offset(cx.map.text, &s.span(), i);
        let d = cx.error(at..at + 1, "diagram art contains a tab");
        Ctx::help(d, "tabs render at different widths in different terminals; use spaces");
    }
    for (n, line) in raw.lines().enumerate() {
        let w = line.width();
        if w > MAX_ART_WIDTH {
            let i = raw.lines().take(n).map(|l| l.len() + 1).sum::<usize>();
            let at = inner_offset(cx.map.text, &s.span(), i);
            let d = cx.error(at..at + line.len(), format!("diagram line is {w} columns wide"));
            Ctx::help(d, format!("keep diagram art at most {MAX_ART_WIDTH} columns wide so it fits beside the question"));
        }
    }
    let _ = art;
}

fn check_regions(cx: &mut Ctx, d: &RawDiagram, art: &str) -> Vec<Region> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for r in &d.region {
        cx.id("region", &r.id);
        duplicate(cx, &mut seen, "region", &r.id);
        cx.text("region text", &r.text, false);
        let needle = r.text.get_ref();
        if needle.is_empty() {
            continue;
        }
        let hits: Vec<usize> = art.match_indices(needle.as_str()).map(|(i, _)| i).collect();
        match hits.as_slice() {
            [i] => {
                let before = &art[..*i];
                let row = before.matches('\n').count();
                let line_start = before.rfind('\n').map_or(0, |p| p + 1);
                out.push(Region {
                    id: r.id.get_ref().clone(),
                    text: needle.clone(),
                    row,
                    col: art[line_start..*i].width(),
                    width: needle.width(),
                });
            }
            [] => {
                let e = cx.error(r.text.span(), format!("region text \"{}\" does not occur in the art of diagram `{}`", printable(needle), d.id.get_ref()));
                Ctx::help(e, "a region's text must be copied exactly from the art (same spaces and case)");
            }
            many => {
                let e = cx.error(r.text.span(), format!("region text \"{}\" occurs {} times in the art of diagram `{}`", printable(needle), many.len(), d.id.get_ref()));
                Ctx::help(e, "make the text longer so it occurs exactly once, e.g. include the neighbouring label");
            }
        }
    }
    out
}

fn check_questions(
    cx: &mut Ctx,
    raw: &[Spanned<RawQuestion>],
    topics: &[&str],
    tips: &[&str],
    diagrams: &[Diagram],
) -> Vec<Question> {
    let mut seen = HashMap::new();
    let diagram_ids: Vec<&str> = diagrams.iter().map(|d| d.id.as_str()).collect();
    let mut out = Vec::new();
    for q in raw {
        let q = q.get_ref();
        cx.id("question", &q.id);
        duplicate(cx, &mut seen, "question", &q.id);
        reference(cx, "topic", &q.topic, topics);
        cx.text("question stem", &q.stem, true);
        cx.text("question explanation", &q.explanation, true);
        for t in &q.tips {
            reference(cx, "tip", t, tips);
        }
        for s in &q.sources {
            cx.text("source", s, false);
        }
        let diagram = q.diagram.as_ref().and_then(|d| {
            reference(cx, "diagram", d, &diagram_ids).then(|| diagrams.iter().find(|x| &x.id == d.get_ref()))?
        });
        check_highlight(cx, q, diagram);
        let choices = check_choices(cx, q);
        if q.diagram.is_none() && q.tips.is_empty() {
            let d = cx.warn(q.id.span(), format!("question `{}` has neither a diagram nor a tip", q.id.get_ref()));
            Ctx::help(d, "add `tips = [\"…\"]` or `diagram = \"…\"` so the learner sees why after answering");
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

fn check_highlight(cx: &mut Ctx, q: &RawQuestion, diagram: Option<&Diagram>) {
    if q.highlight.is_empty() {
        return;
    }
    let Some(diagram) = diagram else {
        if q.diagram.is_none() {
            let d = cx.error(q.highlight[0].span(), "`highlight` names regions, but the question has no `diagram`");
            Ctx::help(d, "add `diagram = \"…\"` to the question, or remove `highlight`");
        }
        return;
    };
    let regions: Vec<&str> = diagram.regions.iter().map(|r| r.id.as_str()).collect();
    for h in &q.highlight {
        if !regions.contains(&h.get_ref().as_str()) {
            let d = cx.error(h.span(), format!("diagram `{}` has no region `{}`", diagram.id, printable(h.get_ref())));
            match closest(h.get_ref(), &regions) {
                Some(c) => Ctx::help(d, format!("did you mean `{c}`?")),
                None => Ctx::help(d, format!("its regions are: {}", list(&regions))),
            }
        }
    }
}

fn check_choices(cx: &mut Ctx, q: &RawQuestion) -> Vec<Choice> {
    let id = q.id.get_ref();
    if q.choice.len() < 2 {
        let d = cx.error(q.id.span(), format!("question `{id}` has {} choice(s); it needs at least 2", q.choice.len()));
        Ctx::help(d, "add [[question.choice]] tables with `text`, `why` and `correct = true` on the right ones");
    } else if q.choice.len() > MAX_CHOICES {
        let d = cx.error(q.id.span(), format!("question `{id}` has {} choices; at most {MAX_CHOICES} fit on screen", q.choice.len()));
        Ctx::help(d, "exam questions have four or five choices");
    }
    let correct = q.choice.iter().filter(|c| c.get_ref().correct).count();
    if correct == 0 && !q.choice.is_empty() {
        let d = cx.error(q.id.span(), format!("question `{id}` has no correct choice"));
        Ctx::help(d, "mark the right choice(s) with `correct = true`");
    } else if correct == q.choice.len() && correct > 1 {
        let d = cx.error(q.id.span(), format!("every choice of question `{id}` is correct"));
        Ctx::help(d, "a question needs at least one wrong choice");
    }
    let mut texts: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for c in &q.choice {
        let c = c.get_ref();
        cx.text("choice text", &c.text, true);
        if !texts.insert(c.text.get_ref().trim().to_lowercase()) {
            let d = cx.error(c.text.span(), format!("question `{id}` has this choice text twice"));
            Ctx::help(d, "each choice must say something different");
        }
        match &c.why {
            Some(w) => cx.text("choice why", w, true),
            None => {
                let d = cx.warn(c.text.span(), "choice has no `why`");
                Ctx::help(d, "explain why this choice is right or wrong: learners read it after answering");
            }
        }
        out.push(Choice {
            text: normalize(c.text.get_ref()).trim().to_string(),
            correct: c.correct,
            why: c.why.as_ref().map(|w| normalize(w.get_ref()).trim().to_string()).unwrap_or_default(),
        });
    }
    out
}

fn warn_unused(cx: &mut Ctx, topics: &[super::raw::RawTopic], diagrams: &[RawDiagram], questions: &[Question]) {
    for t in topics {
        if !questions.iter().any(|q| &q.topic == t.id.get_ref()) {
            cx.warn(t.id.span(), format!("topic `{}` has no questions", t.id.get_ref()));
        }
    }
    for d in diagrams {
        if !questions.iter().any(|q| q.diagram.as_ref() == Some(d.id.get_ref())) {
            cx.warn(d.id.span(), format!("diagram `{}` is not used by any question", d.id.get_ref()));
        }
    }
}

fn positive(cx: &mut Ctx, what: &str, v: &Spanned<i64>) -> bool {
    if *v.get_ref() <= 0 {
        let d = cx.error(v.span(), format!("exam `{what}` must be a positive number, not {}", v.get_ref()));
        Ctx::help(d, "e.g. `questions = 65` and `minutes = 130`");
        return false;
    }
    true
}

fn weights(cx: &mut Ctx, table: &Spanned<toml::Table>) -> Vec<(String, f64, Range<usize>)> {
    let mut out = Vec::new();
    for (k, v) in table.get_ref() {
        let w = match v {
            toml::Value::Integer(i) => *i as f64,
            toml::Value::Float(f) => *f,
            _ => -1.0,
        };
        if w <= 0.0 || !w.is_finite() {
            let d = cx.error(table.span(), format!("weight of `{k}` must be a positive number"));
            Ctx::help(d, "weights are relative, e.g. `resilient = 30`, `performant = 24`");
        } else {
            out.push((k.clone(), w, table.span()));
        }
    }
    out
}

fn check_exams(
    cx: &mut Ctx,
    raw: &[Spanned<RawExam>],
    pack_id: &S,
    topics: &[&str],
) -> (Vec<Exam>, Vec<ExamOrigin>) {
    let mut seen = HashMap::new();
    let mut exams = Vec::new();
    let mut origins = Vec::new();
    for e in raw {
        let e = e.get_ref();
        cx.id("exam", &e.id);
        duplicate(cx, &mut seen, "exam", &e.id);
        cx.text("exam title", &e.title, false);
        let ok = positive(cx, "questions", &e.questions) & positive(cx, "minutes", &e.minutes);
        let pass = e.pass.as_ref().map_or(720, |p| *p.get_ref());
        if let Some(p) = &e.pass
            && !(100..=1000).contains(p.get_ref())
        {
            let d = cx.error(p.span(), format!("exam pass mark {} is outside the 100–1000 scale", p.get_ref()));
            Ctx::help(d, "the Solutions Architect Associate pass mark is 720");
        }
        let mut domains = Vec::new();
        if let Some(t) = &e.domains {
            for (k, w, span) in weights(cx, t) {
                match Domain::parse(&k) {
                    Some(d) => domains.push((d, w)),
                    None => {
                        let d = cx.error(span, format!("unknown exam domain `{}` in exam weights", printable(&k)));
                        Ctx::help(d, "use one of: secure, resilient, performant, cost");
                    }
                }
            }
        }
        let mut topic_weights = Vec::new();
        let mut topic_refs = Vec::new();
        if let Some(t) = &e.topics {
            for (k, w, span) in weights(cx, t) {
                let key = if k.contains('/') { k.clone() } else { format!("{}/{k}", pack_id.get_ref()) };
                if !k.contains('/') && !topics.contains(&k.as_str()) {
                    let d = cx.error(span.clone(), format!("unknown topic `{}` in exam weights", printable(&k)));
                    Ctx::help(d, "name a topic of this pack, or another pack's topic as `pack/topic`");
                }
                topic_refs.push((key.clone(), cx.map.at(Severity::Error, span, "")));
                topic_weights.push((key, w));
            }
        }
        let packs: Vec<String> = if e.packs.is_empty() {
            vec![pack_id.get_ref().clone()]
        } else {
            e.packs.iter().map(|p| p.get_ref().clone()).collect()
        };
        origins.push(ExamOrigin {
            exam: e.id.get_ref().clone(),
            at: cx.map.at(Severity::Error, e.id.span(), ""),
            packs: e.packs.iter().map(|p| (p.get_ref().clone(), cx.map.at(Severity::Error, p.span(), ""))).collect(),
            topics: topic_refs,
        });
        if ok {
            exams.push(Exam {
                id: e.id.get_ref().clone(),
                title: e.title.get_ref().clone(),
                questions: usize::try_from(*e.questions.get_ref()).unwrap_or(0),
                minutes: u32::try_from(*e.minutes.get_ref()).unwrap_or(u32::MAX),
                pass: u32::try_from(pass).unwrap_or(720),
                packs,
                domains,
                topics: topic_weights,
            });
        }
    }
    (exams, origins)
}

/// Byte offset in the source of character position `i` of a string value at `span`.
/// Exact for literal strings (`'…'`, `'''…'''`); the value's start for basic strings,
/// whose escapes make the mapping ambiguous.
pub fn inner_offset(src: &str, span: &Range<usize>, i: usize) -> usize {
    let raw = src.get(span.clone()).unwrap_or("");
    let body = if let Some(rest) = raw.strip_prefix("'''") {
        let skip = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
        span.start + 3 + skip
    } else if raw.starts_with('\'') {
        span.start + 1
    } else {
        return span.start;
    };
    (body + i).min(span.end.saturating_sub(1))
}

/// Newlines as `\n` only.
fn normalize(s: &str) -> String {
    if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() }
}

/// A value quoted in a message, with control characters made visible.
pub fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (escape)",
        '\t' => " (tab)",
        '\r' => " (carriage return)",
        '\n' => " (newline)",
        '\u{7}' => " (bell)",
        '\0' => " (NUL)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

fn list(items: &[&str]) -> String {
    let shown: Vec<String> = items.iter().take(12).map(|s| format!("`{s}`")).collect();
    let more = if items.len() > 12 { format!(" and {} more", items.len() - 12) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

/// The known name closest to a misspelt one, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= (k.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("sqss", &["sqs", "sns"]), Some("sqs"));
        assert_eq!(closest("kinesis", &["sqs", "sns"]), None);
        assert_eq!(closest("corect", &["text", "correct", "why"]), Some("correct"));
    }

    #[test]
    fn inner_offset_maps_literal_strings() {
        let src = "art = '''\nab\tc'''";
        let start = src.find("'''").unwrap();
        let span = start..src.len();
        assert_eq!(&src[inner_offset(src, &span, 3)..][..1], "\t");
    }
}
