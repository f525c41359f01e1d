//! The built-in question bank cannot silently shrink or drift: size, shape and style targets,
//! asserted on the packs as the binary embeds them.

use std::collections::{HashMap, HashSet};

use decouple_quiz::library::{self, Library, Sources};

fn builtin() -> Library {
    let report = library::load(&Sources {
        builtin: true,
        ..Sources::default()
    });
    let problems: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "built-in packs must be clean:\n{}",
        problems.join("\n")
    );
    report.library
}

#[test]
fn all_eleven_packs_are_present() {
    let lib = builtin();
    let ids: Vec<&str> = lib.packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "decoupling",
            "messaging",
            "load-balancing",
            "high-availability",
            "api-edge",
            "iam",
            "data-protection",
            "networking",
            "storage",
            "databases",
            "compute-cost",
        ]
    );
}

#[test]
fn bank_size_targets() {
    let lib = builtin();
    let questions = lib.question_count();
    let diagrams: usize = lib.packs.iter().map(|p| p.diagrams.len()).sum();
    let tips: usize = lib.packs.iter().map(|p| p.tips.len()).sum();
    assert!(questions >= 420, "{questions} questions");
    assert!(diagrams >= 100, "{diagrams} diagrams");
    assert!(tips >= 100, "{tips} tips");
    let with_diagram = lib
        .all()
        .filter(|r| lib.question(*r).diagram.is_some())
        .count();
    assert!(
        with_diagram * 2 > questions,
        "{with_diagram} of {questions} questions show a diagram"
    );
    for pack in &lib.packs {
        for topic in &pack.topics {
            let n = pack
                .questions
                .iter()
                .filter(|q| q.topic == topic.id)
                .count();
            assert!(n >= 5, "topic {}/{} has {n} questions", pack.id, topic.id);
        }
    }
}

/// The exam guide's domain weights (secure 30, resilient 26, performant 24, cost 20): each
/// domain's share of the bank stays within 6 points of its weight, and the full-length mock
/// draws with exactly those weights.
#[test]
fn domain_shares_follow_the_exam_guide() {
    use decouple_quiz::pack::Domain;
    let lib = builtin();
    let total = lib.question_count() as f64;
    let weights = [
        (Domain::Secure, 30.0),
        (Domain::Resilient, 26.0),
        (Domain::Performant, 24.0),
        (Domain::Cost, 20.0),
    ];
    for (domain, weight) in weights {
        let n = lib
            .all()
            .filter(|r| lib.topic_of(*r).is_some_and(|t| t.domain == domain))
            .count();
        let share = 100.0 * n as f64 / total;
        assert!(
            (share - weight).abs() <= 6.0,
            "{domain:?}: {n} questions, {share:.1}% of the bank (guide: {weight}%)"
        );
    }
    let full = lib
        .packs
        .iter()
        .flat_map(|p| &p.exams)
        .find(|e| e.id == "saa-full")
        .expect("saa-full");
    assert_eq!((full.questions, full.minutes, full.pass), (65, 130, 720));
    assert_eq!(full.packs.len(), lib.packs.len(), "drawn from every pack");
    let mut drawn = full.domains.clone();
    drawn.sort_by_key(|(d, _)| *d);
    assert_eq!(drawn, weights.to_vec(), "saa-full uses the guide's weights");
}

#[test]
fn at_least_a_quarter_are_multi_answer_and_say_so() {
    let lib = builtin();
    let all: Vec<_> = lib.all().map(|r| lib.question(r)).collect();
    let multi: Vec<_> = all.iter().filter(|q| q.answer_count() > 1).collect();
    assert!(
        multi.len() * 4 >= all.len(),
        "{} of {} multi-answer",
        multi.len(),
        all.len()
    );
    for q in multi {
        let label = decouple_quiz::pack::model::choose_label(q.answer_count());
        assert!(
            q.stem.contains(&label),
            "question {} must say \"{label}\"",
            q.id
        );
    }
}

#[test]
fn every_question_is_explained() {
    let lib = builtin();
    for r in lib.all() {
        let q = lib.question(r);
        let key = lib.key(r);
        assert!(
            (4..=5).contains(&q.choices.len()),
            "{key}: {} choices",
            q.choices.len()
        );
        assert!(!q.explanation.trim().is_empty(), "{key}: no explanation");
        assert!(
            q.diagram.is_some() || !q.tips.is_empty(),
            "{key}: needs a tip or a diagram"
        );
        assert!(!q.sources.is_empty(), "{key}: no sources");
        for c in &q.choices {
            assert!(!c.why.trim().is_empty(), "{key}: a choice has no why");
        }
        let text = format!(
            "{} {}",
            q.stem,
            q.choices
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("all of the above") && !lower.contains("none of the above"),
            "{key}"
        );
    }
}

#[test]
fn correct_choice_is_not_systematically_the_longest() {
    let lib = builtin();
    let singles: Vec<_> = lib
        .all()
        .map(|r| lib.question(r))
        .filter(|q| q.answer_count() == 1)
        .collect();
    let longest = singles
        .iter()
        .filter(|q| {
            let max = q
                .choices
                .iter()
                .map(|c| c.text.chars().count())
                .max()
                .unwrap_or(0);
            q.choices
                .iter()
                .any(|c| c.correct && c.text.chars().count() == max)
        })
        .count();
    // A random key would be the longest about a quarter of the time.
    assert!(
        longest * 3 <= singles.len(),
        "correct choice is the longest in {longest} of {}",
        singles.len()
    );
}

#[test]
fn correct_positions_are_spread() {
    let lib = builtin();
    let mut by_pos: HashMap<usize, usize> = HashMap::new();
    for r in lib.all() {
        for (i, c) in lib.question(r).choices.iter().enumerate() {
            if c.correct {
                *by_pos.entry(i).or_default() += 1;
            }
        }
    }
    let first_four: Vec<usize> = (0..4)
        .map(|i| by_pos.get(&i).copied().unwrap_or(0))
        .collect();
    let (min, max) = (
        first_four.iter().min().unwrap(),
        first_four.iter().max().unwrap(),
    );
    assert!(
        *min * 2 >= *max,
        "positions A-D are keyed {first_four:?} times"
    );
}

#[test]
fn diagrams_are_small_plain_ascii_used_and_highlighted() {
    let lib = builtin();
    for pack in &lib.packs {
        for d in &pack.diagrams {
            let key = format!("{}/{}", pack.id, d.id);
            let rows = d.art.lines().count();
            let cols = d.art.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(rows <= 18 && cols <= 72, "{key}: {cols}x{rows}");
            assert!(
                d.art.chars().all(|c| c == '\n' || (' '..='~').contains(&c)),
                "{key}: not plain ASCII"
            );
            let users: Vec<_> = pack
                .questions
                .iter()
                .filter(|q| {
                    q.diagram.as_deref() == Some(&d.id)
                        || q.reveal_diagram.as_deref() == Some(&d.id)
                })
                .collect();
            assert!(!users.is_empty(), "{key}: unused");
            let lit: HashSet<&str> = users
                .iter()
                .flat_map(|q| q.highlight.iter().map(|h| h.as_str()))
                .collect();
            assert!(
                !d.regions.is_empty() && !lit.is_empty(),
                "{key}: no highlighted region"
            );
            assert!(!d.alt.trim().is_empty(), "{key}: no alt text");
        }
    }
}

#[test]
fn sources_are_titles_from_the_fact_sheet_list() {
    // Sources are short page titles, not URLs or prose.
    let lib = builtin();
    for r in lib.all() {
        for s in &lib.question(r).sources {
            assert!(
                !s.contains("://") && s.len() < 120,
                "{}: source {s:?}",
                lib.key(r)
            );
        }
    }
}
