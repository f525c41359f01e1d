//! The first frame drawn from the cached library is the very frame the freshly parsed library
//! gives: same dashboard figures, same home screen, cell for cell.

use crate::support::genlib;

use decouple_quiz::engine::Engine;
use decouple_quiz::env::Env;
use decouple_quiz::library;
use decouple_quiz::library::{Library, Sources};
use decouple_quiz::paths::Paths;
use decouple_quiz::tui::app::{Model, Msg, update};
use decouple_quiz::tui::effects as data;
use decouple_quiz::tui::theme::Theme;
use decouple_quiz::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const END: i64 = 1_795_600_800;

fn frame(lib: Library, engine: &Engine, env: &Env) -> (String, TestBackend) {
    let now = env.now();
    let mut model = Model::new(lib, Vec::new(), 1, now);
    let dash = data::dashboard(engine, &model.lib, now);
    let figures = format!("{dash:?}");
    update(&mut model, Msg::Dashboard(Box::new(dash)));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view::view(f, &model, &Theme::color())).unwrap();
    (figures, t.backend().clone())
}

#[test]
fn cached_and_parsed_library_draw_the_same_home_screen() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let opts = genlib::Options {
        questions: 600,
        packs: 4,
        history: 5_000,
        end: END,
        ..genlib::Options::default()
    };
    genlib::write(&opts, &data_dir).unwrap();
    let env = Env {
        paths: Paths {
            cache_dir: data_dir.join("cache"),
            config_dir: dir.path().join("config"),
            data_dir: data_dir.clone(),
        },
        sources: Sources {
            builtin: true,
            dirs: vec![data_dir.join("packs")],
            files: Vec::new(),
        },
        fixed_now: time::OffsetDateTime::from_unix_timestamp(END + 3_600).ok(),
        seed: Some(1),
        cache_window_ns: 0,
    };
    let (engine, _) = Engine::open(&env).unwrap();

    let full = library::load(&env.sources).library;
    let (_, hit) = library::cache::load(&env.sources, &env.cache());
    assert!(!hit, "the first start parses and writes the cache");
    let (cached, hit) = library::cache::load(&env.sources, &env.cache());
    assert!(hit, "the second start uses the cache");

    let (dash_full, frame_full) = frame(full, &engine, &env);
    let (dash_cached, frame_cached) = frame(cached, &engine, &env);
    assert_eq!(dash_cached, dash_full, "dashboard figures");
    assert_eq!(frame_cached, frame_full, "home screen");
}
