//! Near-duplicate questions across all loaded packs: two questions whose stem, key and explanation
//! share most of their content words, so a learner would meet the same question twice. Pure: the
//! library is already loaded, and findings are returned as diagnostics.

use std::collections::HashMap;

use rayon::prelude::*;

mod stop_words;

use self::stop_words::STOP_WORDS;
use super::Library;
use crate::pack::diag::{Diagnostic, Lint};
use crate::pack::model::Question;

/// Questions sharing at least this share of their content words are reported. The five
/// rewordings issue 12 found share 39% to 63% (the weakest: a shopping cart and a login session
/// lost the same way, with the same fix). Different questions on one topic share less, because
/// their keys and explanations part ways even when their scenarios look alike: no two built-in
/// questions share more than 37%.
pub const THRESHOLD: f64 = 0.38;

/// Where each question of one pack is written (markers at the question ids, in question order),
/// and whether the pack's findings are reported.
pub struct Marks {
    pub at: Vec<Diagnostic>,
    pub report: bool,
}

/// A word with a plural or verb ending folded away, so "instances", "instance", "scaled" and
/// "scaling" compare equal to their stems. One ending at most, and never below three letters;
/// crude, but the same on both sides of every comparison.
fn fold(word: &str) -> &str {
    let keeps = |n: usize| word.len() >= n + 3;
    let w = if ["ies", "ing"].iter().any(|s| word.ends_with(s)) && keeps(3) {
        &word[..word.len() - 3]
    } else if ["ed", "es"].iter().any(|s| word.ends_with(s)) && keeps(2) {
        &word[..word.len() - 2]
    } else if word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|s| word.ends_with(s))
        && keeps(1)
    {
        &word[..word.len() - 1]
    } else {
        word
    };
    if w.len() > 3 && w.ends_with(['e', 'y']) {
        &w[..w.len() - 1]
    } else {
        w
    }
}

/// The content words of a lowercased text, as sorted, deduplicated ids: runs of ASCII letters and
/// digits, without stop words and single letters, folded.
fn content_words<'a>(lower: &'a str, ids: &mut HashMap<&'a str, u32>) -> Vec<u32> {
    let mut out: Vec<u32> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && (w.len() > 1 || w.as_bytes()[0].is_ascii_digit())
                && STOP_WORDS.binary_search(w).is_err()
        })
        .map(|w| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(fold(w)).or_insert(next)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The text a question is compared by: its stem, the text of its correct choices and its
/// explanation, lowercased. A rewording keeps the key and the reason; a new angle changes them.
fn compared_text(q: &Question) -> String {
    let mut text = q.stem.to_lowercase();
    for c in q.choices.iter().filter(|c| c.correct) {
        text.push('\n');
        text.push_str(&c.text.to_lowercase());
    }
    text.push('\n');
    text.push_str(&q.explanation.to_lowercase());
    text
}

/// One question's content words as a bitmap over the library's word ids, so that comparing it
/// with another question costs one bit test per word of the other (no merge, no hashing).
struct Bits(Vec<u64>);

impl Bits {
    fn set(&mut self, words: &[u32], on: bool) {
        for &w in words {
            let (i, bit) = ((w / 64) as usize, 1u64 << (w % 64));
            if on {
                self.0[i] |= bit;
            } else {
                self.0[i] &= !bit;
            }
        }
    }

    /// The Jaccard similarity of the `len` words set here and `other`, or `None` when it is below
    /// `THRESHOLD` (often decided from the two sizes alone).
    fn jaccard_at_least(&self, len: usize, other: &[u32]) -> Option<f64> {
        let (short, long) = (len.min(other.len()), len.max(other.len()));
        // |A∩B| / |A∪B| ≤ |short| / |long|.
        if long == 0 || (short as f64) < THRESHOLD * long as f64 {
            return None;
        }
        let both = other
            .iter()
            .filter(|&&w| self.0[(w / 64) as usize] & (1u64 << (w % 64)) != 0)
            .count();
        let sim = both as f64 / (len + other.len() - both) as f64;
        (sim >= THRESHOLD).then_some(sim)
    }
}

/// The similarity of two questions (0 to 1), as `check` measures it: the share of their content
/// words (stem, key and explanation) that both use.
pub fn similarity(a: &Question, b: &Question) -> f64 {
    let (ta, tb) = (compared_text(a), compared_text(b));
    let mut ids = HashMap::new();
    let x = content_words(&ta, &mut ids);
    let y = content_words(&tb, &mut ids);
    let both = x.iter().filter(|w| y.binary_search(w).is_ok()).count();
    let union = x.len() + y.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// At most one warning per question of a reported pack: at the later question of a near-duplicate
/// pair (or at the reported one, when only one is), naming the most similar such partner with its
/// location. One per question keeps the output short when many questions repeat one another; the
/// partner's own warning names the next one of the group. `marks` runs parallel to `lib.packs`.
pub fn check(lib: &Library, marks: &[Marks]) -> Vec<Diagnostic> {
    let texts: Vec<(usize, usize, String)> = lib
        .packs
        .iter()
        .enumerate()
        .flat_map(|(p, pack)| {
            pack.questions
                .iter()
                .enumerate()
                .map(move |(q, question)| (p, q, compared_text(question)))
        })
        .collect();
    let mut ids = HashMap::new();
    let sets: Vec<Vec<u32>> = texts
        .iter()
        .map(|(_, _, t)| content_words(t, &mut ids))
        .collect();
    let report = |p: usize| marks.get(p).is_some_and(|m| m.report);
    let unreported: Vec<usize> = (0..texts.len()).filter(|&q| !report(texts[q].0)).collect();
    let words = ids.len().div_ceil(64);
    // Each pair is looked at once, by the question that would carry its warning: the later one if
    // its pack is reported, else the earlier one if that is.
    let best: Vec<Option<(usize, f64)>> = (0..sets.len())
        .into_par_iter()
        .map_init(
            || Bits(vec![0; words]),
            |bits, q| {
                if !report(texts[q].0) {
                    return None;
                }
                bits.set(&sets[q], true);
                let later = unreported.iter().copied().filter(|&o| o > q);
                let mut found: Option<(usize, f64)> = None;
                for o in (0..q).chain(later) {
                    if let Some(sim) = bits.jaccard_at_least(sets[q].len(), &sets[o])
                        && found.is_none_or(|(_, s)| sim > s)
                    {
                        found = Some((o, sim));
                    }
                }
                bits.set(&sets[q], false);
                found
            },
        )
        .collect();
    let mut out = Vec::new();
    for (q, found) in best.into_iter().enumerate() {
        let Some((o, sim)) = found else { continue };
        let ((ph, qh, _), (po, qo, _)) = (&texts[q], &texts[o]);
        let (Some(here), Some(other)) = (
            marks.get(*ph).and_then(|m| m.at.get(*qh)),
            marks.get(*po).and_then(|m| m.at.get(*qo)),
        ) else {
            continue;
        };
        let mut d = here.clone();
        d.severity = crate::pack::Severity::Warning;
        d.message = format!(
            "question `{}` nearly repeats `{}/{}` at {} ({}% of their content words shared: stem, key and explanation)",
            lib.packs[*ph].questions[*qh].id,
            lib.packs[*po].id,
            lib.packs[*po].questions[*qo].id,
            other.location(),
            (sim * 100.0).floor()
        );
        d.help = Some(
            "merge the two questions, or rewrite one so it asks something else: a learner would meet the same question twice"
                .into(),
        );
        out.push(d.with_lint(Lint::NearDuplicate));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folding_joins_plurals_and_verb_forms() {
        for (words, stem) in [
            (&["instance", "instances"][..], "instanc"),
            (&["scale", "scaled", "scales", "scaling"][..], "scal"),
            (
                &["process", "processes", "processed", "processing"][..],
                "process",
            ),
            (&["policy", "policies"][..], "polic"),
            (&["replica", "replicas"][..], "replica"),
        ] {
            for w in words {
                assert_eq!(fold(w), stem, "{w}");
            }
        }
        // Short words and -ss/-us/-is endings stay.
        for w in ["aws", "sqs", "status", "access", "analysis", "key"] {
            assert_eq!(fold(w), w);
        }
    }

    #[test]
    fn stop_words_single_letters_and_repeats_are_not_counted() {
        let mut ids = HashMap::new();
        let words = content_words("the company's queue and the queues: a 5 s wait", &mut ids);
        // queue/queues, 5, wait (and not "company", "s", "a", "the", "and").
        assert_eq!(words.len(), 3);
    }

    #[test]
    fn the_bitmap_count_and_size_filter_agree_with_a_plain_count() {
        let a: Vec<u32> = (0..40).collect();
        let mut bits = Bits(vec![0; 2]);
        bits.set(&a, true);
        for shift in 0..40 {
            for len in [10, 40, 80] {
                let b: Vec<u32> = (shift..shift + len).collect();
                let both = a.iter().filter(|w| b.contains(w)).count();
                let plain = both as f64 / (a.len() + b.len() - both) as f64;
                let fast = bits.jaccard_at_least(a.len(), &b);
                assert_eq!(
                    fast.is_some(),
                    plain >= THRESHOLD,
                    "shift {shift}, len {len}"
                );
                if let Some(f) = fast {
                    assert!((f - plain).abs() < 1e-12);
                }
            }
        }
        bits.set(&a, false);
        assert!(bits.0.iter().all(|&w| w == 0));
    }

    /// `cargo test --lib near_dup::tests::built_in_scores -- --ignored --nocapture`: the highest
    /// scores between built-in questions, to see how close today's content comes to `THRESHOLD`.
    #[test]
    #[ignore = "prints figures for tuning"]
    fn built_in_scores() {
        let lib = super::super::load(&super::super::Sources {
            builtin: true,
            ..super::super::Sources::default()
        })
        .library;
        let all: Vec<(String, &Question)> = lib
            .packs
            .iter()
            .flat_map(|p| {
                p.questions
                    .iter()
                    .map(move |q| (format!("{}/{}", p.id, q.id), q))
            })
            .collect();
        let mut scores = Vec::new();
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                scores.push((similarity(all[i].1, all[j].1), i, j));
            }
        }
        scores.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!("{} questions, {} pairs", all.len(), scores.len());
        for (s, i, j) in scores.iter().take(25) {
            println!("{s:.3}  {}  {}", all[*i].0, all[*j].0);
        }
        for t in [0.2, 0.25, 0.3, 0.33, 0.35, THRESHOLD] {
            let n = scores.iter().filter(|(s, _, _)| *s >= t).count();
            println!("pairs at {t:.2} or more: {n}");
        }
        assert!(
            scores.first().is_none_or(|s| s.0 < THRESHOLD),
            "a built-in pair reaches the threshold"
        );
    }
}
