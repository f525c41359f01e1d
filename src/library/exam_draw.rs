//! How a mock exam's questions are drawn from the bank: weights → per-bucket counts → seeded picks.

use rand::SeedableRng;
use rand::seq::SliceRandom;

use crate::library::{Library, QRef};
use crate::pack::model::Exam;

/// A group of questions an exam draws a fixed number from.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub label: String,
    pub questions: Vec<QRef>,
    pub take: usize,
}

/// Splits `n` by relative weights with the largest-remainder method (sums to exactly `n`).
pub fn apportion(n: usize, weights: &[f64]) -> Vec<usize> {
    // Scaled by the largest weight first, so huge weights cannot overflow the sum to infinity.
    let max = weights
        .iter()
        .copied()
        .filter(|w| w.is_finite())
        .fold(0.0_f64, f64::max);
    let scaled: Vec<f64> = weights
        .iter()
        .map(|w| {
            if w.is_finite() && *w > 0.0 {
                w / max
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = scaled.iter().sum();
    if weights.is_empty() || total <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = scaled.iter().map(|w| w / total * n as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - exact[b].floor())
            .total_cmp(&(exact[a] - exact[a].floor()))
            .then(a.cmp(&b))
    });
    let short = n.saturating_sub(counts.iter().sum::<usize>());
    for &i in order.iter().take(short) {
        counts[i] += 1;
    }
    counts
}

/// The buckets of an exam with how many questions each gives, or why the bank cannot supply them.
pub fn allocate(lib: &Library, exam: &Exam) -> Result<Vec<Bucket>, String> {
    let pool: Vec<QRef> = lib
        .all()
        .filter(|r| exam.packs.contains(&lib.pack_of(*r).id))
        .collect();
    let mut buckets: Vec<(String, Vec<QRef>, f64)> = if !exam.topics.is_empty() {
        exam.topics
            .iter()
            .map(|(t, w)| {
                (
                    format!("topic `{t}`"),
                    pool.iter()
                        .copied()
                        .filter(|r| &lib.topic_key(*r) == t)
                        .collect(),
                    *w,
                )
            })
            .collect()
    } else if !exam.domains.is_empty() {
        exam.domains
            .iter()
            .map(|(d, w)| {
                let qs = pool
                    .iter()
                    .copied()
                    .filter(|r| lib.topic_of(*r).is_some_and(|t| t.domain == *d))
                    .collect();
                (format!("domain `{}`", d.id()), qs, *w)
            })
            .collect()
    } else {
        vec![("the bank".to_string(), pool.clone(), 1.0)]
    };
    if pool.len() < exam.questions {
        return Err(format!(
            "it needs {} but its packs have {}",
            count_questions(exam.questions),
            pool.len()
        ));
    }
    let weights: Vec<f64> = buckets.iter().map(|b| b.2).collect();
    let counts = apportion(exam.questions, &weights);
    let mut out = Vec::new();
    for ((label, questions, _), take) in buckets.drain(..).zip(counts) {
        if questions.len() < take {
            return Err(format!(
                "{label} needs {} but its packs have {}",
                count_questions(take),
                questions.len()
            ));
        }
        out.push(Bucket {
            label,
            questions,
            take,
        });
    }
    Ok(out)
}

/// `1 question`, `3 questions`.
fn count_questions(n: usize) -> String {
    format!("{n} question{}", if n == 1 { "" } else { "s" })
}

/// Draws the exam's questions: by weight, without repeats, in seeded random order.
pub fn draw(lib: &Library, exam: &Exam, seed: u64) -> Result<Vec<QRef>, String> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut picked = Vec::with_capacity(exam.questions);
    for mut b in allocate(lib, exam)? {
        b.questions.shuffle(&mut rng);
        for q in b.questions.into_iter() {
            if picked.len() >= exam.questions || b.take == 0 {
                break;
            }
            if !picked.contains(&q) {
                picked.push(q);
                b.take -= 1;
            }
        }
    }
    picked.shuffle(&mut rng);
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_sums_to_n() {
        assert_eq!(
            apportion(65, &[30.0, 26.0, 24.0, 20.0]),
            vec![19, 17, 16, 13]
        );
        assert_eq!(apportion(10, &[1.0, 1.0, 1.0]).iter().sum::<usize>(), 10);
        assert_eq!(apportion(3, &[]), Vec::<usize>::new());
        assert_eq!(apportion(4, &[f64::MAX, f64::MAX]), vec![2, 2]);
    }
}
