//! `decouple-quiz cards [--json]`: the scheduling state of every question with history, as a
//! table or JSON (docs/json.md).

use std::io::Write;

use anyhow::Result;

use super::{emit, load};
use crate::engine::cards::{self, Cards};
use crate::env::Env;

pub fn cards(env: &Env, json: bool, out: &mut dyn Write) -> Result<()> {
    let (lib, engine) = load(env)?;
    let list = cards::list(&engine, &lib, env.now());
    let mut buf = Vec::new();
    if json {
        serde_json::to_writer(&mut buf, &list)?;
        buf.push(b'\n');
    } else {
        render(&list, &mut buf)?;
    }
    emit(out, &buf)
}

fn render(list: &Cards<'_>, out: &mut dyn Write) -> Result<()> {
    if list.cards.is_empty() {
        writeln!(out, "No answers yet: questions appear here once answered.")?;
        return Ok(());
    }
    let opt = |x: Option<f32>, p: usize| x.map_or_else(|| "-".to_string(), |v| format!("{v:.p$}"));
    let table: Vec<[String; 10]> = list
        .cards
        .iter()
        .map(|r| {
            [
                format!(
                    "{}{}",
                    r.question,
                    if r.exists { "" } else { " (not loaded)" }
                ),
                r.state.to_string(),
                r.step.map_or_else(|| "-".into(), |s| s.to_string()),
                opt(r.stability, 2),
                opt(r.difficulty, 2),
                r.due.clone().unwrap_or_else(|| "-".into()),
                r.reps.to_string(),
                r.lapses.to_string(),
                r.last_review.clone().unwrap_or_else(|| "-".into()),
                r.retrievability
                    .map_or_else(|| "-".into(), |x| format!("{:.0}%", x * 100.0)),
            ]
        })
        .collect();
    let head = [
        "question",
        "state",
        "step",
        "stability",
        "difficulty",
        "due",
        "reps",
        "lapses",
        "last review",
        "recall",
    ];
    let mut widths: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for r in &table {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &w))| {
                if i == 0 || i == 1 || i == 5 || i == 8 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&head.map(String::from)))?;
    for r in &table {
        writeln!(out, "{}", line(r))?;
    }
    writeln!(
        out,
        "{} question{} with history at {}",
        table.len(),
        if table.len() == 1 { "" } else { "s" },
        list.now
    )?;
    Ok(())
}
