//! Pure `update` tests of scrolling on the question screen: pane focus, the diagram up/down and
//! sideways, zoom, scrolling to the highlighted regions after answering, and stopping at the end.

use crate::support::tui as support;

use decouple_quiz::study::Kind;
use decouple_quiz::tui::screens::question::Pane;
use support::*;

#[test]
fn tab_focuses_the_diagram_which_then_scrolls() {
    let mut m = model();
    // At 80×24 the feedback (stem, choices, whys) leaves the stacked diagram 3 of its 8 rows.
    start(&mut m, Kind::Review, &[BUFFER]);
    answer_right(&mut m);
    press(&mut m, "<tab>");
    assert_eq!(question(&m).focus, Pane::Diagram);
    press(&mut m, "g");
    assert_eq!(question(&m).diagram_scroll, (0, 0));
    press(&mut m, "j");
    assert_eq!(question(&m).diagram_scroll, (1, 0));
    press(&mut m, "j<pgdn>");
    let q = question(&m);
    assert_eq!(q.diagram_scroll, (5, 0), "scrolling stops at the last rows");
    assert_eq!(q.scroll, 0, "j scrolled the diagram, not the text");
    press(&mut m, "<tab>j");
    assert_eq!(question(&m).focus, Pane::Text);
    assert_eq!(question(&m).scroll, 1);
}

#[test]
fn angle_brackets_scroll_a_wide_diagram_sideways() {
    let mut m = model();
    start(&mut m, Kind::Review, &[HOT]);
    press(&mut m, ">>>");
    assert_eq!(question(&m).diagram_scroll, (0, 12));
    press(&mut m, "<lt>");
    assert_eq!(question(&m).diagram_scroll, (0, 8));
    press(&mut m, &"<lt>".repeat(5));
    assert_eq!(
        question(&m).diagram_scroll,
        (0, 0),
        "stops at the left edge"
    );
    answer_right(&mut m);
    press(&mut m, ">");
    assert_eq!(question(&m).diagram_scroll.1, 4, "in the feedback too");
}

#[test]
fn answering_scrolls_the_diagram_to_the_highlighted_regions() {
    let mut m = model();
    start(&mut m, Kind::Review, &[POISON, BUFFER]);
    press(&mut m, "<tab>j");
    answer_right(&mut m);
    // The DLQ box is on row 6 of the art: one row of context above it.
    assert_eq!(question(&m).diagram_scroll, (5, 0));
    press(&mut m, "<enter>");
    assert_eq!(
        question(&m).diagram_scroll,
        (0, 0),
        "reset for the next question"
    );
    answer_right(&mut m);
    assert_eq!(
        question(&m).diagram_scroll,
        (0, 0),
        "regions on row 1 are in view"
    );
}

#[test]
fn z_zooms_and_feedback_scrolls() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    press(&mut m, "z");
    assert!(question(&m).zoom);
    press(&mut m, "z");
    assert!(!question(&m).zoom);
    answer_right(&mut m);
    press(&mut m, "jj");
    assert_eq!(question(&m).scroll, 2);
    press(&mut m, "g");
    assert_eq!(question(&m).scroll, 0);
}

#[test]
fn scrolling_stops_at_the_end_so_k_after_g_moves_at_once() {
    let mut m = model();
    start(&mut m, Kind::Review, &[BUFFER]);
    answer_right(&mut m);
    // 26 feedback lines (the stem included) in a 14-line pane at 80×24.
    press(&mut m, "G");
    assert_eq!(question(&m).scroll, 12);
    press(&mut m, "k");
    assert_eq!(question(&m).scroll, 11);
    press(&mut m, &"<pgdn>".repeat(5));
    assert_eq!(question(&m).scroll, 12);
    // A bigger terminal has room for everything.
    m.size = (120, 40);
    press(&mut m, "j");
    assert_eq!(question(&m).scroll, 0);
    // The diagram, and the zoomed diagram, stop at their ends too.
    let mut m = model();
    start(&mut m, Kind::Review, &[HOT]);
    press(&mut m, &">".repeat(20));
    assert_eq!(
        question(&m).diagram_scroll.1,
        99 - 78,
        "art 99 wide, pane 78"
    );
    press(&mut m, "z>");
    assert_eq!(question(&m).diagram_scroll.1, 99 - 78);
    press(&mut m, "<tab>G");
    assert_eq!(question(&m).diagram_scroll.0, 0, "three rows fit");
}
