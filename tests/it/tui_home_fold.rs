//! The home screen keeps every pack listed: topics fold away when they do not fit.

use decouple_quiz::library::{self, Sources};
use decouple_quiz::tui::app::Model;
use decouple_quiz::tui::theme::Theme;
use decouple_quiz::tui::view;
use ratatui::{Terminal, backend::TestBackend};
use time::macros::datetime;

fn draw(w: u16, h: u16) -> String {
    let lib = library::load(&Sources {
        builtin: true,
        ..Sources::default()
    })
    .library;
    let model = Model::new(lib, Vec::new(), 1, datetime!(2026-11-26 10:00 UTC));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::view(f, &model, &Theme::mono())).unwrap();
    t.backend().to_string()
}

#[test]
fn topics_fold_when_the_packs_do_not_fit() {
    let small = draw(80, 24);
    assert!(small.contains("folded to fit"), "{small}");
    // The first pack still shows its topics.
    assert!(small.contains("Tight vs loose"), "{small}");
    for title in [
        "Decoupled archite",
        "Messaging and eve",
        "Elastic Load Bala",
        "High availability",
        "API Gateway and t",
    ] {
        assert!(small.contains(title), "{title} missing:\n{small}");
    }
    let large = draw(120, 40);
    assert!(large.contains("Tight vs loose coupling"), "{large}");
    // Eleven packs: every one is listed at either size, folded or not.
    for title in [
        "Identity and acc",
        "Encryption, secr",
        "VPC design and g",
        "Storage: S3, EBS",
        "Databases and ca",
        "Compute choices ",
    ] {
        assert!(small.contains(title), "{title} missing at 80x24:\n{small}");
        assert!(large.contains(title), "{title} missing at 120x40:\n{large}");
    }
}
