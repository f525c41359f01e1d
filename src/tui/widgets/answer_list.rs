//! The text of a question as lines: the stem with its choices while answering, and every
//! choice with its why, the explanation, the tips and the sources once answered. Shared by the
//! practice screens and the mock exam.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::library::{Library, QRef};
use crate::study::letter;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{plain, wrap};

/// The stem, then every choice in displayed `order` with the cursor (▶) and the picked marks
/// (`picked` holds displayed positions): `( )`/`(•)` for one answer, `[ ]`/`[x]` for "Choose N".
pub fn choice_lines(
    lib: &Library,
    r: QRef,
    order: &[usize],
    cursor: usize,
    picked: &[usize],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    choice_lines_ranged(lib, r, order, cursor, picked, width, theme).0
}

/// [`choice_lines`] plus the line range of each displayed choice (for scrolling and clicks).
pub fn choice_lines_ranged(
    lib: &Library,
    r: QRef,
    order: &[usize],
    cursor: usize,
    picked: &[usize],
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let question = lib.question(r);
    let mut lines = plain(&question.stem, width, theme.base);
    let mut ranges = Vec::new();
    lines.push(Line::default());
    let multi = question.answer_count() > 1;
    for (pos, &file_idx) in order.iter().enumerate() {
        let mark = match (multi, picked.contains(&pos)) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let here = pos == cursor;
        let first = Span::raw(format!(
            "{}{mark} {}. ",
            if here { "▶ " } else { "  " },
            letter(pos)
        ));
        let style = if here { theme.selected } else { theme.base };
        let start = lines.len();
        lines.extend(wrap(
            &question.choices[file_idx].text,
            width,
            first,
            "        ",
            style,
        ));
        ranges.push((start, lines.len()));
    }
    (lines, ranges)
}

/// The letters of the correct choices in displayed `order`, e.g. "B, D".
pub fn correct_letters(lib: &Library, r: QRef, order: &[usize]) -> String {
    let question = lib.question(r);
    let letters: Vec<String> = order
        .iter()
        .enumerate()
        .filter(|(_, f)| question.choices[**f].correct)
        .map(|(p, _)| letter(p).to_string())
        .collect();
    letters.join(", ")
}

/// Every choice in displayed `order`, marked ▶ when chosen (`chosen` holds file indexes), ✓ when
/// correct and ✗ when chosen but wrong, each with its why; then the explanation, the exam tips and
/// the sources.
pub fn answer_lines(
    lib: &Library,
    r: QRef,
    order: &[usize],
    chosen: &[usize],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let question = lib.question(r);
    let pack = lib.pack_of(r);
    let mut lines = Vec::new();
    for (pos, &file_idx) in order.iter().enumerate() {
        let c = &question.choices[file_idx];
        let chosen = chosen.contains(&file_idx);
        let mark = match (c.correct, chosen) {
            (true, _) => "✓",
            (false, true) => "✗",
            (false, false) => " ",
        };
        let you = if chosen { "▶" } else { " " };
        let style = match (c.correct, chosen) {
            (true, _) => theme.correct,
            (false, true) => theme.incorrect,
            _ => theme.base,
        };
        let first = Span::raw(format!("{you}{mark} {}. ", letter(pos)));
        lines.extend(wrap(&c.text, width, first, "      ", style));
        if !c.why.is_empty() {
            lines.extend(wrap(
                &c.why,
                width,
                Span::raw("      "),
                "      ",
                // The heart of the feedback: the default foreground, never a dim palette grey.
                theme.base,
            ));
        }
    }
    lines.push(Line::styled("▶ = your answer   ✓ = correct", theme.muted));
    lines.push(Line::default());
    lines.push(Line::styled("Explanation", theme.title));
    lines.extend(plain(&question.explanation, width, theme.base));
    for tip_id in &question.tips {
        if let Some(tip) = pack.tips.iter().find(|t| &t.id == tip_id) {
            lines.push(Line::default());
            lines.push(Line::styled("Exam tip", theme.accent));
            lines.extend(plain(&tip.text, width, theme.base));
        }
    }
    if !question.sources.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            "Sources",
            theme.muted.add_modifier(Modifier::BOLD),
        ));
        for s in &question.sources {
            lines.extend(wrap(s, width, Span::raw("• "), "  ", theme.muted));
        }
    }
    lines
}
