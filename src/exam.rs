//! Mock exams: an attempt in progress, its active-time clock, its crash-safe file, its score
//! report and its history event. No terminal here; only `store` touches the disk.

pub mod attempt;
pub mod history;
pub mod lock;
pub mod past;
pub mod readiness;
pub mod scale;
pub mod score;
pub mod store;
pub mod timer;

pub use attempt::{Attempt, ExamInfo, Item, Progress};
pub use history::exam_scores;
pub use score::{QuestionResult, Report, score};

use crate::library::Library;
use crate::pack::model::Exam;

/// Every exam of the loaded packs, in pack order.
pub fn all(lib: &Library) -> impl Iterator<Item = &Exam> {
    lib.packs.iter().flat_map(|p| &p.exams)
}

/// The exam with this id.
pub fn find<'a>(lib: &'a Library, id: &str) -> Option<&'a Exam> {
    all(lib).find(|e| e.id == id)
}

/// The test library: the valid messaging fixture pack (6 questions, exam `fixture-mock`).
#[cfg(test)]
pub(crate) fn fixture_library() -> Library {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/packs/valid/messaging.toml");
    crate::library::load(&crate::library::Sources {
        builtin: false,
        dirs: Vec::new(),
        files: vec![path],
    })
    .library
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Sources, load};
    use crate::pack::model::Domain;

    #[test]
    fn built_in_exams_can_be_drawn() {
        let lib = load(&Sources {
            builtin: true,
            ..Sources::default()
        })
        .library;
        let short = find(&lib, "decoupling-mock").expect("decoupling-mock");
        assert_eq!((short.questions, short.minutes, short.pass), (20, 40, 720));
        let full = find(&lib, "saa-full").expect("saa-full");
        assert_eq!((full.questions, full.minutes, full.pass), (65, 130, 720));
        assert_eq!(
            full.packs.len(),
            lib.packs.len(),
            "draws from every built-in pack"
        );
        for seed in 0..20 {
            let qs = crate::library::exam_draw::draw(&lib, full, seed).expect("saa-full draws");
            let per = |d: Domain| {
                qs.iter()
                    .filter(|r| lib.topic_of(**r).is_some_and(|t| t.domain == d))
                    .count()
            };
            let counts = Domain::ALL.map(per);
            assert_eq!(
                counts,
                [19, 17, 16, 13],
                "secure, resilient, performant, cost"
            );
            assert_eq!(
                crate::library::exam_draw::draw(&lib, short, seed)
                    .unwrap()
                    .len(),
                20
            );
        }
    }
}
