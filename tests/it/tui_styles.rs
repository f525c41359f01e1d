//! Cell-level style checks where style carries meaning (text snapshots cannot show it): the
//! diagram's highlighted regions after answering, the selected choice and menu item (▶ plus
//! reverse video in the mono theme), verdict styles, and the focused pane's border.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::app::Model;
use decouple_quiz::tui::theme::Theme;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier, Style};
use support::*;

/// Does the cell show `style` (every colour and modifier the style sets)?
fn shows(cell: &Cell, style: Style) -> bool {
    style.fg.is_none_or(|c| c == cell.fg)
        && style.bg.is_none_or(|c| c == cell.bg)
        && cell.modifier.contains(style.add_modifier)
}

/// The cells of `text` on screen, at its only occurrence preceded by `before`.
fn cells<'a>(buf: &'a Buffer, before: &str, text: &str) -> Vec<&'a Cell> {
    let hits = find_all(buf, &format!("{before}{text}"));
    assert_eq!(
        hits.len(),
        1,
        "\"{before}{text}\" once on screen:\n{}",
        rows(buf).join("\n")
    );
    let (x, y) = hits[0];
    let start = x + u16::try_from(before.chars().count()).expect("short");
    (0..u16::try_from(text.chars().count()).expect("short"))
        .map(|i| &buf[(start + i, y)])
        .collect()
}

fn all_show(cells: &[&Cell], style: Style) -> bool {
    cells.iter().all(|c| shows(c, style))
}

fn answered(key: &str) -> Model {
    let mut m = model();
    start(&mut m, Kind::Review, &[key, FANOUT]);
    answer_right(&mut m);
    saved(&mut m, 3);
    m
}

#[test]
fn highlighted_regions_light_up_after_answering_in_colour() {
    let theme = Theme::color();
    for (w, h) in [(120, 40), (80, 24)] {
        let mut m = model();
        start(&mut m, Kind::Review, &[BUFFER]);
        let before = render(&m, &theme, w, h);
        let queue = cells(before.buffer(), "| ", "SQS queue");
        assert!(
            all_show(&queue, theme.diagram),
            "{w}x{h}: plain before answering"
        );
        assert!(!queue.iter().any(|c| c.bg == Color::Yellow), "{w}x{h}");

        answer_right(&mut m);
        let after = render(&m, &theme, w, h);
        let buf = after.buffer();
        assert!(
            all_show(&cells(buf, "| ", "SQS queue"), theme.highlight),
            "{w}x{h}: the queue region is highlighted"
        );
        assert!(
            all_show(&cells(buf, "| ", "worker ASG"), theme.highlight),
            "{w}x{h}: the workers region is highlighted"
        );
        let web = cells(buf, "| ", "EC2 web");
        assert!(
            all_show(&web, theme.diagram),
            "{w}x{h}: not a highlighted region"
        );
        assert!(!web.iter().any(|c| shows(c, theme.highlight)), "{w}x{h}");
        // The box around the region is not part of it.
        let border = cells(buf, "EC2 web ", "|");
        assert!(!shows(border[0], theme.highlight), "{w}x{h}");
    }
}

#[test]
fn highlighted_regions_are_reversed_in_mono() {
    let theme = Theme::mono();
    let m = answered(POISON);
    for (w, h) in [(120, 40), (80, 24)] {
        let buf = render(&m, &theme, w, h);
        let dlq = cells(buf.buffer(), "|    ", "DLQ");
        assert!(
            dlq.iter()
                .all(|c| c.modifier.contains(Modifier::REVERSED | Modifier::BOLD)),
            "{w}x{h}"
        );
        if w == 120 {
            // (At 80×24 the diagram has scrolled down to the DLQ.)
            let queue = cells(buf.buffer(), "| ", "SQS queue");
            assert!(
                queue
                    .iter()
                    .all(|c| !c.modifier.contains(Modifier::REVERSED)),
                "only the question's regions"
            );
        }
    }
}

#[test]
fn the_zoomed_and_the_scrolled_diagram_keep_the_highlight_in_place() {
    let theme = Theme::color();
    let mut m = answered(BUFFER);
    press(&mut m, "z");
    let buf = render(&m, &theme, 80, 24);
    assert!(all_show(
        &cells(buf.buffer(), "| ", "SQS queue"),
        theme.highlight
    ));

    let mut m = answered(HOT);
    press(&mut m, ">>");
    let buf = render(&m, &theme, 80, 24);
    let redis = cells(buf.buffer(), "| ", "ElastiCache Redis");
    assert!(all_show(&redis, theme.highlight), "scrolled 8 columns");
    let db = cells(buf.buffer(), "| ", "RDS MySQL");
    assert!(!db.iter().any(|c| shows(c, theme.highlight)));
}

#[test]
fn mono_marks_the_selected_choice_with_the_arrow_and_reverse_video() {
    let theme = Theme::mono();
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    press(&mut m, "jj");
    let text = question(&m).session.current().expect("current").order[2];
    let choice = m.lib.question(qref(&m, BUFFER)).choices[text].text.clone();
    for (w, h) in [(80, 24), (120, 40)] {
        let buf = render(&m, &theme, w, h);
        let buf = buf.buffer();
        let arrows = find_all(buf, "▶ ( )");
        assert_eq!(arrows.len(), 1, "{w}x{h}: one cursor");
        let selected = cells(buf, "▶ ( ) C. ", &choice[..20]);
        assert!(
            selected
                .iter()
                .all(|c| c.modifier.contains(Modifier::REVERSED)),
            "{w}x{h}: the selected choice is reversed"
        );
        for other in ["A. ", "B. ", "D. "] {
            let (x, y) = find_all(buf, &format!("  ( ) {other}"))[0];
            assert!(
                !buf[(x + 8, y)].modifier.contains(Modifier::REVERSED),
                "{w}x{h}: {other} is not reversed"
            );
        }
    }
}

#[test]
fn mono_marks_the_selected_home_item() {
    let mut m = model();
    press(&mut m, "j");
    let buf = render(&m, &Theme::mono(), 80, 24);
    let practice = cells(buf.buffer(), "│", "▶ Practice…");
    assert!(
        practice
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED))
    );
    let review = cells(buf.buffer(), "│", "  Review due");
    assert!(
        review
            .iter()
            .all(|c| !c.modifier.contains(Modifier::REVERSED))
    );
}

#[test]
fn verdicts_are_styled_as_well_as_marked() {
    let right = answered(BUFFER);
    let mut wrong = model();
    start(&mut wrong, Kind::Review, &[BUFFER]);
    answer_wrong(&mut wrong);
    for theme in [Theme::color(), Theme::mono()] {
        let buf = render(&right, &theme, 80, 24);
        assert!(all_show(
            &cells(buf.buffer(), "│", "✓ Correct"),
            theme.correct
        ));
        let buf = render(&wrong, &theme, 80, 24);
        assert!(all_show(
            &cells(buf.buffer(), "│", "✗ Incorrect"),
            theme.incorrect
        ));
        // The chosen wrong choice is marked ▶✗ and styled as incorrect.
        let (x, y) = find_all(buf.buffer(), "▶✗ ")[0];
        assert!(shows(&buf.buffer()[(x + 6, y)], theme.incorrect));
    }
    let color = Theme::color();
    assert_eq!(color.correct.fg, Some(Color::Green));
    assert_eq!(color.incorrect.fg, Some(Color::Red));
    // In mono the two verdicts differ by more than the glyph.
    let mono = Theme::mono();
    assert_ne!(mono.correct, mono.incorrect);
}

#[test]
fn tab_moves_the_focus_border_to_the_diagram() {
    for theme in [Theme::color(), Theme::mono()] {
        let mut m = model();
        start(&mut m, Kind::Review, &[BUFFER]);
        let buf = render(&m, &theme, 120, 40);
        let (x, y) = find_all(buf.buffer(), "┌ Orders through a queue")[0];
        assert!(
            shows(&buf.buffer()[(0, 1)], theme.border_focus),
            "text pane focused"
        );
        assert_eq!(buf.buffer()[(x, y)].style(), theme.border.into_cell_style());
        press(&mut m, "<tab>");
        let buf = render(&m, &theme, 120, 40);
        assert!(
            shows(&buf.buffer()[(x, y)], theme.border_focus),
            "diagram focused"
        );
        assert_eq!(buf.buffer()[(0, 1)].style(), theme.border.into_cell_style());
    }
}

/// Converts a theme style into what a cell reports for it (unset colours read as `Reset`).
trait CellStyle {
    fn into_cell_style(self) -> Style;
}

impl CellStyle for Style {
    fn into_cell_style(self) -> Style {
        let mut c = Cell::default();
        c.set_style(self);
        c.style()
    }
}
