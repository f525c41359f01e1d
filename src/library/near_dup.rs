//! Near-duplicate questions across all loaded packs: stems that share most of their word pairs
//! (word-bigram Jaccard similarity), so a learner would meet the same question twice.

use std::collections::HashMap;

use super::Library;
use crate::pack::diag::{Diagnostic, Lint};

/// Stems at least this similar are reported. Rewordings of one scenario share a quarter or more
/// of their word pairs; different questions on the same topic share well under a fifth.
pub const THRESHOLD: f64 = 0.25;

/// Where each question of one pack is written (markers at the question ids, in question order),
/// and whether the pack's findings are reported.
pub struct Marks {
    pub at: Vec<Diagnostic>,
    pub report: bool,
}

/// The word pairs of a lowercased text: runs of ASCII letters and digits, taken two by two.
fn bigrams<'a>(lower: &'a str, ids: &mut HashMap<(&'a str, &'a str), u32>) -> Vec<u32> {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<u32> = words
        .windows(2)
        .map(|w| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry((w[0], w[1])).or_insert(next)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, deduplicated sets.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// The similarity of two stems (0 to 1), as `check` measures it.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    let mut ids = HashMap::new();
    let x = bigrams(&la, &mut ids);
    let y = bigrams(&lb, &mut ids);
    jaccard(&x, &y)
}

/// One warning per pair of near-duplicate questions with at least one in a reported pack, at the
/// later question (or the reported one), naming the other with its location. `marks` runs
/// parallel to `lib.packs`.
pub fn check(lib: &Library, marks: &[Marks]) -> Vec<Diagnostic> {
    let lowered: Vec<(usize, usize, String)> = lib
        .packs
        .iter()
        .enumerate()
        .flat_map(|(p, pack)| {
            pack.questions
                .iter()
                .enumerate()
                .map(move |(q, question)| (p, q, question.stem.to_lowercase()))
        })
        .collect();
    let mut ids = HashMap::new();
    let sets: Vec<Vec<u32>> = lowered
        .iter()
        .map(|(_, _, s)| bigrams(s, &mut ids))
        .collect();
    let report = |p: usize| marks.get(p).is_some_and(|m| m.report);
    let mut out = Vec::new();
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            let (pi, qi, _) = lowered[i];
            let (pj, qj, _) = lowered[j];
            if !report(pi) && !report(pj) {
                continue;
            }
            let sim = jaccard(&sets[i], &sets[j]);
            if sim < THRESHOLD {
                continue;
            }
            let ((ph, qh), (po, qo)) = if report(pj) {
                ((pj, qj), (pi, qi))
            } else {
                ((pi, qi), (pj, qj))
            };
            let (Some(here), Some(other)) = (
                marks.get(ph).and_then(|m| m.at.get(qh)),
                marks.get(po).and_then(|m| m.at.get(qo)),
            ) else {
                continue;
            };
            let mut d = here.clone();
            d.severity = crate::pack::Severity::Warning;
            d.message = format!(
                "question `{}` has nearly the same stem as `{}/{}` at {} ({}% of word pairs shared)",
                lib.packs[ph].questions[qh].id,
                lib.packs[po].id,
                lib.packs[po].questions[qo].id,
                other.location(),
                (sim * 100.0).floor()
            );
            d.help = Some(
                "merge the two questions, or rewrite one so it asks something else: a learner would meet the same question twice"
                    .into(),
            );
            out.push(d.with_lint(Lint::NearDuplicate));
        }
    }
    out
}
