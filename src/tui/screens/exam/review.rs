//! Drawing the review before submitting: the counts, the unanswered and flagged questions (Enter
//! opens one), and the second confirmation (`S`) that submits. Its keys are handled in
//! `exam_take`, which owns the exam state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::app::Model;
use crate::tui::screens::exam::take::ExamState;
use crate::tui::screens::exam::take::view::{FLAGGED, UNANSWERED};
use crate::tui::screens::home::truncate;
use crate::tui::theme::Theme;

pub fn render(
    f: &mut Frame,
    area: Rect,
    model: &Model,
    e: &ExamState,
    cursor: usize,
    theme: &Theme,
) {
    let a = &e.attempt;
    let list = a.to_review();
    let unanswered = a.items.len() - a.answered();
    let w = area.width.saturating_sub(2) as usize;
    let mut lines = vec![
        Line::raw(format!(
            "{} of {} answered · {unanswered} unanswered · {} flagged",
            a.answered(),
            a.items.len(),
            a.flagged()
        )),
        Line::default(),
    ];
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
            "Unanswered (count as wrong) and flagged questions; Enter opens one:",
            theme.title,
        ));
        let first = cursor.saturating_sub(room.saturating_sub(1));
        for (row, &i) in list.iter().enumerate().skip(first).take(room) {
            let item = &a.items[i];
            let sel = row == cursor;
            let state = match (item.answered(), item.flagged) {
                (false, true) => format!("{UNANSWERED} unanswered {FLAGGED} flagged"),
                (false, false) => format!("{UNANSWERED} unanswered"),
                (true, _) => format!("{FLAGGED} flagged"),
            };
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
