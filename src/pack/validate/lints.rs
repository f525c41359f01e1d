//! Warnings about form give-aways in one pack: a diagram that names what only the correct
//! choices name (honouring `# giveaway-ok:` comments), and keys that stand out by their length.

use std::ops::Range;

use toml::Spanned;

use super::Ctx;
use crate::pack::diag::{Lint, Severity};
use crate::pack::form::{self, Form, LONGEST_LIMIT, TOP_TWO_LIMIT};
use crate::pack::giveaway;
use crate::pack::model::{Diagram, Question, choose_label};
use crate::pack::raw::{RawQuestion, S};
use crate::pack::strings::printable;

/// The comment that allows one give-away term for the question below it.
pub const ALLOW: &str = "giveaway-ok:";

/// Give-away warnings for every question with a `diagram`, at its `diagram =` value, and
/// warnings about `# giveaway-ok:` comments that allow nothing (no reason, or a term the diagram
/// does not give away), at the comment.
pub(super) fn give_aways(
    cx: &mut Ctx,
    raw: &[Spanned<RawQuestion>],
    questions: &[Question],
    diagrams: &[Diagram],
) {
    for (rq, q) in raw.iter().map(Spanned::get_ref).zip(questions) {
        let Some(at) = &rq.diagram else { continue };
        let Some(d) = diagrams.iter().find(|d| &d.id == at.get_ref()) else {
            continue;
        };
        let found = giveaway::give_aways(q, d);
        let allows = allows_above(cx.map.text, at);
        for a in &allows {
            let problem = if !a.reason {
                Some(format!(
                    "`# {ALLOW} {}` has no reason, so it allows nothing",
                    a.term
                ))
            } else if !found.iter().any(|t| t.eq_ignore_ascii_case(&a.term)) {
                Some(format!(
                    "`# {ALLOW} {}` allows a term that diagram `{}` does not give away for `{}`",
                    a.term,
                    printable(&d.id),
                    printable(&q.id)
                ))
            } else {
                None
            };
            if let Some(msg) = problem {
                let diag = cx.map.at(Severity::Warning, a.span.clone(), msg);
                cx.out.push(
                    diag.with_help(format!(
                        "write `# {ALLOW} <term>: <reason>` with a term `check` reported for this question, or remove the comment"
                    ))
                    .with_lint(Lint::GiveAway),
                );
            }
        }
        let terms: Vec<&str> = found
            .into_iter()
            .filter(|t| {
                !allows
                    .iter()
                    .any(|a| a.reason && a.term.eq_ignore_ascii_case(t))
            })
            .collect();
        let Some(first) = terms.first() else { continue };
        let quoted: Vec<String> = terms.iter().map(|t| format!("`{t}`")).collect();
        let named = match quoted.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => quoted.join(""),
        };
        let msg = format!(
            "diagram `{}` gives away the answer to `{}`: it names {named}, as a correct choice does, but the stem and the wrong choices do not",
            printable(&d.id),
            printable(&q.id)
        );
        let help = format!(
            "draw the situation the stem describes and show the fix with `reveal_diagram`; if naming it is honest, put `# {ALLOW} {first}: <reason>` on the line above `diagram =`"
        );
        let mut diag = cx.map.at(Severity::Warning, at.span(), msg);
        diag.help = Some(help);
        cx.out.push(diag.with_lint(Lint::GiveAway));
    }
}

/// One `# giveaway-ok: <term>: <reason>` comment.
struct Allow {
    term: String,
    reason: bool,
    /// Byte range of the comment's text, from its `#`.
    span: Range<usize>,
}

/// The `# giveaway-ok:` comments in the block of comment lines directly above the line of `at`.
fn allows_above(text: &str, at: &S) -> Vec<Allow> {
    let start = at.span().start.min(text.len());
    let mut end = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut out = Vec::new();
    while end > 0 {
        let line_start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..end - 1];
        let trimmed = line.trim();
        if !trimmed.starts_with('#') {
            break;
        }
        let hash = line_start + (line.len() - line.trim_start().len());
        if let Some(rest) = trimmed
            .trim_start_matches('#')
            .trim_start()
            .strip_prefix(ALLOW)
        {
            let (term, reason) = rest.split_once(':').unwrap_or((rest, ""));
            out.push(Allow {
                term: term.trim().to_string(),
                reason: !reason.trim().is_empty(),
                span: hash..hash + trimmed.len(),
            });
        }
        end = line_start;
    }
    out
}

/// Length warnings: per pack at its id (the key too often the longest or among the two longest
/// of the single-answer questions), and per "Choose N" question whose keys are the N longest.
pub(super) fn lengths(
    cx: &mut Ctx,
    pack_id: &S,
    raw: &[Spanned<RawQuestion>],
    questions: &[Question],
) {
    let f = Form::of_questions(questions);
    let rate = |n: usize, limit: f64| {
        format!(
            "{n} of {} single-answer questions ({}%; the limit is {}%)",
            f.single,
            form::percent(n, f.single),
            (limit * 100.0).round()
        )
    };
    let help = "learners score by picking the longest choice: lengthen distractors or tighten keys; `decouple-quiz check --stats` shows each pack's length ranks";
    if f.too_often_longest() {
        let msg = format!(
            "the key is the longest choice in {}",
            rate(f.key_longest(), LONGEST_LIMIT)
        );
        let d = cx.map.at(Severity::Warning, pack_id.span(), msg);
        cx.out.push(d.with_help(help).with_lint(Lint::Length));
    }
    if f.too_often_top_two() {
        let msg = format!(
            "the key is among the two longest choices in {}",
            rate(f.key_top_two(), TOP_TWO_LIMIT)
        );
        let d = cx.map.at(Severity::Warning, pack_id.span(), msg);
        cx.out.push(d.with_help(help).with_lint(Lint::Length));
    }
    for &qi in &f.multi_longest {
        let (Some(rq), Some(q)) = (raw.get(qi), questions.get(qi)) else {
            continue;
        };
        let n = q.answer_count();
        let msg = format!(
            "the keys of {} question `{}` are its {n} longest choices",
            choose_label(n),
            printable(&q.id)
        );
        let d = cx.map.at(Severity::Warning, rq.get_ref().id.span(), msg);
        cx.out.push(
            d.with_help("make at least one wrong choice as long as the shortest key")
                .with_lint(Lint::Length),
        );
    }
}
