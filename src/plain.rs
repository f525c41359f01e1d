//! Plain mode: the same sessions as numbered lines on stdout, answers read from stdin. For screen
//! readers, scripts and dumb terminals. No escape codes, no alternate screen, no colour.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;

use crate::engine::Engine;
use crate::env::Env;
use crate::library::Library;
use crate::pack::model::{Diagram, choose_label};
use crate::study::{Kind, Session, record, until};

/// What the user typed at the answer prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Answer(Vec<usize>),
    /// Answered but marked unsure (`1u`, `?1`): graded Hard when right.
    Unsure(Vec<usize>),
    DontKnow,
    /// Take back the previous answer and ask that question again.
    Undo,
    Quit,
    Invalid(String),
}

/// Parses `1`, `1,3`, `1 3`, `b`, `?`, `q`, `undo`, and an unsure answer (`1u`, `?1`, `1,3u`)
/// for a question with `n` choices needing `required`.
pub fn parse(line: &str, n: usize, required: usize) -> Input {
    let t = line.trim();
    if t.len() > 1 {
        let unsure = t
            .strip_prefix('?')
            .or_else(|| t.strip_suffix(['u', 'U', '?']))
            .map(str::trim);
        if let Some(rest) = unsure.filter(|r| !r.is_empty()) {
            return match parse(rest, n, required) {
                Input::Answer(p) => Input::Unsure(p),
                other => other,
            };
        }
    }
    match t {
        "q" | "quit" => return Input::Quit,
        "?" => return Input::DontKnow,
        "u" | "undo" => return Input::Undo,
        "" => {
            return Input::Invalid(format!(
                "Type a number from 1 to {n} (1u if unsure), ? if you don't know, undo to take back the last answer, or q to quit."
            ));
        }
        _ => {}
    }
    let mut picks = Vec::new();
    for part in t
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let idx = match part.parse::<usize>() {
            Ok(i) if (1..=n).contains(&i) => i - 1,
            _ => match part.chars().next().map(|c| c.to_ascii_lowercase()) {
                Some(c @ 'a'..='f') if part.len() == 1 && (c as usize - 'a' as usize) < n => {
                    c as usize - 'a' as usize
                }
                _ => {
                    // Quoted back without control characters: no escape sequence reaches output.
                    let shown: String = part.chars().filter(|c| !c.is_control()).collect();
                    return Input::Invalid(format!("\"{shown}\" is not a choice: use 1 to {n}."));
                }
            },
        };
        if !picks.contains(&idx) {
            picks.push(idx);
        }
    }
    if picks.len() != required {
        let what = if required == 1 {
            "one choice".to_string()
        } else {
            format!("{required} choices, e.g. 1,3")
        };
        return Input::Invalid(format!("This question needs {what}."));
    }
    picks.sort_unstable();
    Input::Answer(picks)
}

/// Runs one session in plain mode. Returns the exit code.
pub fn run(
    env: &Env,
    lib: &Library,
    engine: &mut Engine,
    kind: Kind,
    questions: Vec<crate::library::QRef>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<i32> {
    if questions.is_empty() {
        match engine.learning_pending(lib) {
            (n, Some(next)) if kind == Kind::Review => writeln!(
                out,
                "Nothing to ask now: {n} question(s) in learning come back {}.",
                until(env.now(), next)
            )?,
            _ => writeln!(
                out,
                "Nothing to ask: no questions match (nothing due, or no packs)."
            )?,
        }
        return Ok(0);
    }
    let mut session = Session::new(kind, lib, questions, env.seed(), env.now())
        .with_learn_ahead(engine.study().learn_ahead_minutes);
    // A terminal echoes the answer into its own output; otherwise (piped input, or output to a
    // file) it is echoed here, so what follows a prompt (the verdict, a message) starts a line.
    let echo = !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal();
    'items: while let Some(item) = session.current().cloned() {
        let q = lib.question(item.q);
        let pack = lib.pack_of(item.q);
        let topic = lib
            .topic_of(item.q)
            .map_or(q.topic.as_str(), |t| t.title.as_str());
        let again = if session.outcomes.iter().any(|o| o.q == item.q) {
            " · again"
        } else {
            ""
        };
        writeln!(
            out,
            "\nQuestion {} of {} · {topic}{again}",
            session.pos + 1,
            session.items.len()
        )?;
        writeln!(out, "{}", q.stem)?;
        if let Some(d) = diagram(pack, q.diagram.as_deref()) {
            write_diagram(out, "Diagram", d)?;
        }
        let required = q.answer_count();
        // "(Choose TWO)" once: not again when the stem already says it.
        let label = choose_label(required);
        if required > 1 && !q.stem.contains(&label) {
            writeln!(out, "({label})")?;
        }
        for (pos, &f) in item.order.iter().enumerate() {
            writeln!(out, "{}) {}", pos + 1, q.choices[f].text)?;
        }
        let picks = loop {
            let hint = if required > 1 {
                format!("Answer {required} of 1-{}, e.g. 1,3", item.order.len())
            } else {
                format!("Answer 1-{}", item.order.len())
            };
            write!(out, "{hint}, ? don't know, q quit: ")?;
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(out)?;
                break 'items;
            }
            if echo {
                let shown: String = line
                    .trim_end()
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect();
                writeln!(out, "{shown}")?;
            }
            match parse(&line, item.order.len(), required) {
                Input::Answer(p) => break Some((p, false)),
                Input::Unsure(p) => break Some((p, true)),
                Input::DontKnow => break None,
                Input::Undo => match session.undo(env.now()) {
                    Some(o) => {
                        if let Err(e) = record::undo(engine, &lib.key(o.q), o.at, env.now()) {
                            writeln!(out, "Warning: the undo could not be saved: {e}")?;
                        }
                        writeln!(out, "Answer taken back: that question comes again.")?;
                        continue 'items;
                    }
                    None => writeln!(out, "Nothing to undo yet.")?,
                },
                Input::Quit => break 'items,
                Input::Invalid(m) => writeln!(out, "{m}")?,
            }
        };
        let now = env.now();
        let gave_up = picks.is_none();
        let (picks, unsure) = picks.unwrap_or_default();
        let Some(outcome) = session.answer(lib, &picks, unsure, gave_up, now) else {
            break;
        };
        let saved = record::answer(
            engine,
            record::Answer {
                key: lib.key(item.q),
                kind,
                chosen: outcome.chosen.clone(),
                correct: outcome.correct,
                unsure: outcome.unsure,
                ms: outcome.ms,
                at: now,
            },
        );
        let answer: Vec<String> = item
            .order
            .iter()
            .enumerate()
            .filter(|(_, f)| q.choices[**f].correct)
            .map(|(p, _)| (p + 1).to_string())
            .collect();
        if outcome.correct {
            writeln!(out, "✓ Correct")?;
        } else {
            writeln!(out, "✗ Incorrect — answer: {}", answer.join(","))?;
        }
        for (pos, &f) in item.order.iter().enumerate() {
            let c = &q.choices[f];
            let mark = if c.correct { "right" } else { "wrong" };
            let you = if outcome.chosen.contains(&f) {
                ", your answer"
            } else {
                ""
            };
            writeln!(out, "{}) {mark}{you}: {}", pos + 1, c.why)?;
        }
        writeln!(out, "Explanation: {}", q.explanation)?;
        if let Some(d) = diagram(pack, q.reveal_diagram.as_deref()) {
            write_diagram(out, "Fixed architecture", d)?;
        }
        for tip in q
            .tips
            .iter()
            .filter_map(|id| pack.tips.iter().find(|t| &t.id == id))
        {
            writeln!(out, "Exam tip: {}", tip.text)?;
        }
        let mut outcome = outcome;
        match saved {
            Ok(due) => {
                writeln!(out, "Next review {}.", until(now, due))?;
                outcome.next_due = Some(due);
                session.comes_back(item.q, due, now);
            }
            Err(e) => writeln!(out, "Warning: progress could not be saved: {e}")?,
        }
        session.record(outcome);
        session.advance(lib, env.now());
    }
    let (right, answered) = session.score();
    writeln!(out, "\nSession over: {right} of {answered} correct.")?;
    let missed: Vec<String> = session.missed().into_iter().map(|r| lib.key(r)).collect();
    if !missed.is_empty() {
        writeln!(out, "Missed:")?;
        for key in &missed {
            writeln!(out, "- {key}")?;
        }
    }
    let (learning, next) = session.still_learning();
    if let Some(next) = next {
        writeln!(
            out,
            "{learning} still in learning: come back {} to see {}.",
            until(env.now(), next),
            if learning == 1 { "it" } else { "them" }
        )?;
    }
    if answered > 0
        && let Err(e) = record::session_ended(engine, kind, answered, right, &missed, env.now())
    {
        writeln!(out, "Warning: the session could not be saved: {e}")?;
    }
    Ok(0)
}

/// The diagram of `pack` with id `id`, if any.
fn diagram<'a>(pack: &'a crate::pack::Pack, id: Option<&str>) -> Option<&'a Diagram> {
    let id = id?;
    pack.diagrams.iter().find(|d| d.id == id)
}

/// A diagram as lines: its title, the art, then its text description for screen readers.
fn write_diagram(out: &mut dyn Write, label: &str, d: &Diagram) -> Result<()> {
    writeln!(
        out,
        "\n{label}: {}\n{}\n(Diagram description: {})",
        d.title, d.art, d.alt
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_answers() {
        assert_eq!(parse("2\n", 4, 1), Input::Answer(vec![1]));
        assert_eq!(parse("1,3", 4, 2), Input::Answer(vec![0, 2]));
        assert_eq!(parse("3 1", 4, 2), Input::Answer(vec![0, 2]));
        assert_eq!(parse("b", 4, 1), Input::Answer(vec![1]));
        assert_eq!(parse("?", 4, 1), Input::DontKnow);
        assert_eq!(parse("q", 4, 1), Input::Quit);
        assert!(matches!(parse("7", 4, 1), Input::Invalid(_)));
        assert!(matches!(parse("x", 4, 1), Input::Invalid(_)));
        assert!(matches!(parse("1", 4, 2), Input::Invalid(_)));
        assert_eq!(parse("1u", 4, 1), Input::Unsure(vec![0]));
        assert_eq!(parse("?2", 4, 1), Input::Unsure(vec![1]));
        assert_eq!(parse("1,3u", 4, 2), Input::Unsure(vec![0, 2]));
        assert_eq!(parse("b?", 4, 1), Input::Unsure(vec![1]));
        assert_eq!(parse("undo", 4, 1), Input::Undo);
        assert!(matches!(parse("?9", 4, 1), Input::Invalid(_)));
    }
}
