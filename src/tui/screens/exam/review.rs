//! Drawing the review before submitting: the counts, the unanswered and flagged questions (Enter
//! opens one), and the second confirmation (`S`) that submits. Its keys are handled in
//! `exam_take`, which owns the exam state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::exam::Progress;
use crate::tui::app::Model;
use crate::tui::screens::exam::take::ExamState;
use crate::tui::screens::exam::take::view::{FLAGGED, INCOMPLETE, UNANSWERED};
use crate::tui::theme::Theme;
use crate::tui::widgets::text::truncate;

pub fn render(
    f: &mut Frame,
    area: Rect,
    model: &Model,
    e: &ExamState,
    cursor: usize,
    theme: &Theme,
) {
    let a = &e.attempt;
    let lib = &model.lib;
    let list = a.to_review(lib);
    let unanswered = a.items.len() - a.answered();
    let incomplete = a.incomplete(lib);
    let w = area.width.saturating_sub(2) as usize;
    let part = if incomplete.is_empty() {
        String::new()
    } else {
        format!(" · {} incomplete", incomplete.len())
    };
    let mut lines = vec![
        Line::raw(format!(
            "{} of {} answered{part} · {unanswered} unanswered · {} flagged",
            a.complete(lib),
            a.items.len(),
            a.flagged()
        )),
        Line::default(),
    ];
    if !incomplete.is_empty() {
        let names: Vec<String> = incomplete.iter().map(|i| format!("Q{}", i + 1)).collect();
        lines[1] = Line::styled(
            truncate(
                &format!(
                    "{INCOMPLETE} Incomplete (score zero as they are): {}",
                    names.join(", ")
                ),
                w,
            ),
            theme.warning,
        );
    }
    let fixed = 6;
    let room = usize::from(area.height.saturating_sub(2))
        .saturating_sub(fixed)
        .max(1);
    if list.is_empty() {
        lines.push(Line::styled(
            "Every question is answered and none is flagged.",
            theme.correct,
        ));
    } else {
        lines.push(Line::styled(
            "Unanswered or incomplete (count as wrong) and flagged; Enter opens one:",
            theme.title,
        ));
        let first = cursor.saturating_sub(room.saturating_sub(1));
        for (row, &i) in list.iter().enumerate().skip(first).take(room) {
            let item = &a.items[i];
            let sel = row == cursor;
            let answer = match a.progress(lib, i) {
                Progress::Unanswered => format!("{UNANSWERED} unanswered "),
                Progress::Incomplete => format!(
                    "{INCOMPLETE} {} of {} chosen ",
                    item.chosen.len(),
                    a.required(lib, i)
                ),
                Progress::Answered => String::new(),
            };
            let flag = if item.flagged {
                format!("{FLAGGED} flagged")
            } else {
                String::new()
            };
            let state = format!("{answer}{flag}").trim_end().to_string();
            let stem = model.lib.find(&item.key).map_or_else(
                || item.key.clone(),
                |r| model.lib.question(r).stem.replace('\n', " "),
            );
            let head = format!("{} Q{:<3} {state:<24} ", if sel { "▶" } else { " " }, i + 1);
            let room = w.saturating_sub(head.chars().count());
            lines.push(Line::styled(
                format!("{head}{}", truncate(stem.trim(), room)),
                if sel { theme.selected } else { theme.base },
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("S", theme.key),
        Span::raw(" submits the exam now. "),
        Span::styled("Esc", theme.key),
        Span::raw(" returns to it; the clock keeps running."),
    ]));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(" Review before submitting ")
        .title_style(theme.title);
    f.render_widget(Paragraph::new(lines).block(block), area);
}
