//! Checks of `[[exam]]` tables within one pack; cross-pack checks live in `library`.

use std::collections::HashMap;

use toml::Spanned;

use super::{Ctx, ExamOrigin, Kind, duplicate};
use crate::pack::model::{Domain, Exam};
use crate::pack::raw::{RawExam, S, Weights};
use crate::pack::strings::{closest, list, printable};

/// The pass mark when an exam does not set one (the Solutions Architect Associate's).
pub const DEFAULT_PASS: u32 = 720;

fn positive(cx: &mut Ctx, what: &str, v: &Spanned<i64>) -> bool {
    if *v.get_ref() > 0 {
        return true;
    }
    cx.error(
        v.span(),
        format!(
            "exam `{what}` must be a positive number, not {}",
            v.get_ref()
        ),
        "e.g. `questions = 65` and `minutes = 130`",
    );
    false
}

/// The positive weights of a weights table as (key, weight); bad values are reported.
fn weights<'a>(cx: &mut Ctx, table: &'a Spanned<Weights>, section: &str) -> Vec<(&'a S, f64)> {
    let mut out = Vec::new();
    for (k, v) in table.get_ref() {
        let w = match v.get_ref() {
            toml::Value::Integer(i) => *i as f64,
            toml::Value::Float(f) => *f,
            _ => f64::NAN,
        };
        if w > 0.0 && w.is_finite() {
            out.push((k, w));
        } else {
            cx.error(
                v.span(),
                format!(
                    "weight of `{}` in [exam.{section}] must be a positive number, not {}",
                    printable(k.get_ref()),
                    printable(&v.get_ref().to_string())
                ),
                "weights are relative numbers, e.g. `resilient = 30` and `performant = 24`",
            );
        }
    }
    out
}

pub(super) fn check_exams(
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
        cx.text("exam title", &e.title, Kind::Line);
        let ok = positive(cx, "questions", &e.questions) & positive(cx, "minutes", &e.minutes);
        if let Some(p) = &e.pass
            && !(100..=1000).contains(p.get_ref())
        {
            cx.error(
                p.span(),
                format!("exam pass mark {} is outside the 100–1000 scale", p.get_ref()),
                format!("scores run from 100 to 1000; the Solutions Architect Associate pass mark is {DEFAULT_PASS}"),
            );
        }
        let domains = e
            .domains
            .as_ref()
            .map(|t| domain_weights(cx, t))
            .unwrap_or_default();
        let (topic_weights, topic_refs) = match &e.topics {
            Some(t) => topic_weights(cx, t, pack_id.get_ref(), topics),
            None => (Vec::new(), Vec::new()),
        };
        if let (Some(d), Some(_)) = (&e.domains, &e.topics) {
            cx.warn(
                d.span(),
                format!("exam `{}` has both [exam.domains] and [exam.topics]; only the topic weights are used", printable(e.id.get_ref())),
                "remove one of the two tables",
            );
        }
        for p in &e.packs {
            cx.id("pack", p);
        }
        let packs: Vec<String> = if e.packs.is_empty() {
            vec![pack_id.get_ref().clone()]
        } else {
            e.packs.iter().map(|p| p.get_ref().clone()).collect()
        };
        origins.push(ExamOrigin {
            exam: e.id.get_ref().clone(),
            at: cx.mark(e.id.span()),
            packs: e
                .packs
                .iter()
                .map(|p| (p.get_ref().clone(), cx.mark(p.span())))
                .collect(),
            topics: topic_refs,
        });
        if ok {
            exams.push(Exam {
                id: e.id.get_ref().clone(),
                title: e.title.get_ref().clone(),
                questions: usize::try_from(*e.questions.get_ref()).unwrap_or(usize::MAX),
                minutes: u32::try_from(*e.minutes.get_ref()).unwrap_or(u32::MAX),
                pass: e
                    .pass
                    .as_ref()
                    .and_then(|p| u32::try_from(*p.get_ref()).ok())
                    .unwrap_or(DEFAULT_PASS),
                packs,
                domains,
                topics: topic_weights,
            });
        }
    }
    (exams, origins)
}

fn domain_weights(cx: &mut Ctx, table: &Spanned<Weights>) -> Vec<(Domain, f64)> {
    let mut out = Vec::new();
    for (k, w) in weights(cx, table, "domains") {
        match Domain::parse(k.get_ref()) {
            Some(d) => out.push((d, w)),
            None => {
                let ids = Domain::ALL.map(Domain::id);
                let help = match closest(k.get_ref(), &ids) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => "use one of: secure, resilient, performant, cost".to_string(),
                };
                cx.error(
                    k.span(),
                    format!(
                        "unknown exam domain `{}` in [exam.domains]",
                        printable(k.get_ref())
                    ),
                    help,
                );
            }
        }
    }
    out
}

/// Topic weights keyed `pack/topic`, plus where each is written for the library-wide check of
/// other packs' topics. Topics of this pack are checked here.
#[allow(clippy::type_complexity)]
fn topic_weights(
    cx: &mut Ctx,
    table: &Spanned<Weights>,
    pack_id: &str,
    topics: &[&str],
) -> (Vec<(String, f64)>, Vec<(String, crate::pack::Diagnostic)>) {
    let mut weights_out = Vec::new();
    let mut refs = Vec::new();
    for (k, w) in weights(cx, table, "topics") {
        let key = k.get_ref();
        let (pack, topic) = key.split_once('/').unwrap_or((pack_id, key));
        if pack == pack_id && !topics.contains(&topic) {
            let help = match closest(topic, topics) {
                Some(c) => format!("did you mean `{c}`?"),
                None if topics.is_empty() => {
                    "this pack defines no topics; name another pack's topic as `\"pack/topic\" = …`"
                        .to_string()
                }
                None => format!(
                    "this pack's topics are {}; name another pack's topic as `\"pack/topic\" = …`",
                    list(topics)
                ),
            };
            cx.error(
                k.span(),
                format!("unknown topic `{}` in [exam.topics]", printable(key)),
                help,
            );
        }
        let full = format!("{pack}/{topic}");
        refs.push((full.clone(), cx.mark(k.span())));
        weights_out.push((full, w));
    }
    (weights_out, refs)
}
