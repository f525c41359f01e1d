//! Checks of `[[question]]` tables and their choices, and the warnings about unused topics and
//! diagrams.

use std::collections::HashMap;

use toml::Spanned;

use super::{Ctx, Kind, MAX_CHOICES, MIN_CHOICES, duplicate, normalize, reference};
use crate::pack::model::{Body, Choice, Lazy, Question};
use crate::pack::raw::{RawChoice, RawDiagram, RawQuestion, RawTopic};
use crate::pack::strings::{closest, list, printable};

pub(super) fn check_questions(
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
        let reveal = q.reveal_diagram.as_ref().and_then(|d| {
            reference(cx, "diagram", d, &diagram_ids)
                .then(|| diagrams.iter().find(|x| x.id.get_ref() == d.get_ref()))?
        });
        if let (Some(d), Some(r)) = (&q.diagram, &q.reveal_diagram)
            && d.get_ref() == r.get_ref()
        {
            cx.error(
                r.span(),
                "`reveal_diagram` is the same diagram as `diagram`",
                "draw the problem in `diagram` and the fixed architecture in `reveal_diagram`",
            );
        }
        check_highlight(cx, q, [diagram, reveal]);
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
            id: q.id.get_ref().into(),
            topic: q.topic.get_ref().into(),
            diagram: q.diagram.as_ref().map(|d| d.get_ref().into()),
            reveal_diagram: q.reveal_diagram.as_ref().map(|d| d.get_ref().into()),
            tips: q.tips.iter().map(|t| t.get_ref().into()).collect(),
            line,
            body: Lazy::packed(Body {
                stem: normalize(q.stem.get_ref()).trim().into(),
                highlight: q.highlight.iter().map(|h| h.get_ref().into()).collect(),
                explanation: normalize(q.explanation.get_ref()).trim().into(),
                sources: q.sources.iter().map(|s| s.get_ref().into()).collect(),
                choices,
            }),
        });
    }
    out
}

/// `highlight` names regions declared in the question's diagram or its reveal diagram. Regions
/// whose text could not be located were reported already and still count as declared, so one
/// mistake gives one error.
fn check_highlight(cx: &mut Ctx, q: &RawQuestion, drawn: [Option<&RawDiagram>; 2]) {
    let Some(first) = q.highlight.first() else {
        return;
    };
    let drawn: Vec<&RawDiagram> = drawn.into_iter().flatten().collect();
    let Some(diagram) = drawn.first() else {
        if q.diagram.is_none() && q.reveal_diagram.is_none() {
            cx.error(
                first.span(),
                "`highlight` names regions, but the question has no `diagram`",
                "add `diagram = \"…\"` to the question, or remove `highlight`",
            );
        }
        return;
    };
    let regions: Vec<&str> = drawn
        .iter()
        .flat_map(|d| d.region.iter().map(|r| r.id.get_ref().as_str()))
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
            text: normalize(c.text.get_ref()).trim().into(),
            correct: c.correct,
            why: c
                .why
                .as_ref()
                .map(|w| normalize(w.get_ref()).trim().into())
                .unwrap_or_default(),
        });
    }
    out
}

pub(super) fn warn_unused(
    cx: &mut Ctx,
    topics: &[RawTopic],
    diagrams: &[RawDiagram],
    questions: &[Question],
) {
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
        if !questions.iter().any(|q| {
            [&q.diagram, &q.reveal_diagram]
                .iter()
                .any(|x| x.as_deref() == Some(d.id.get_ref()))
        }) {
            let id = printable(d.id.get_ref());
            cx.warn(
                d.id.span(),
                format!("diagram `{id}` is not used by any question"),
                format!(
                    "show it with `diagram = \"{id}\"` or `reveal_diagram = \"{id}\"` in a question, or remove it"
                ),
            );
        }
    }
}
