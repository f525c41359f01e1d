//! The first frame drawn from the cache's skeleton library is the very frame the fully parsed
//! library gives: same dashboard figures, same home screen, cell for cell.

#[path = "tools/genlib.rs"]
mod genlib;

use decouple_quiz::cache::{self, fingerprint::RACY_NS};
use decouple_quiz::engine::Engine;
use decouple_quiz::env::Env;
use decouple_quiz::library::{Library, Sources};
use decouple_quiz::paths::Paths;
use decouple_quiz::tui::app::{Model, Msg, update};
use decouple_quiz::tui::theme::Theme;
use decouple_quiz::tui::{data, view};
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
fn skeleton_and_full_library_draw_the_same_home_screen() {
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
    std::thread::sleep(
        std::time::Duration::from_nanos(RACY_NS) + std::time::Duration::from_millis(100),
    );
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
    };
    let (engine, _) = Engine::open(&env).unwrap();

    let (mut full, deferred) = cache::load_library(&env.sources, &env.paths.cache_dir);
    assert!(!deferred.from_cache());
    deferred.complete(&mut full, None);
    let (skeleton, deferred) = cache::load_library(&env.sources, &env.paths.cache_dir);
    assert!(deferred.from_cache(), "the second start uses the cache");
    assert!(
        skeleton
            .packs
            .iter()
            .all(|p| p.questions.iter().all(|q| q.stem.is_empty()))
    );

    let (dash_full, frame_full) = frame(full, &engine, &env);
    let (dash_skeleton, frame_skeleton) = frame(skeleton, &engine, &env);
    assert_eq!(dash_skeleton, dash_full, "dashboard figures");
    assert_eq!(frame_skeleton, frame_full, "home screen");
}
