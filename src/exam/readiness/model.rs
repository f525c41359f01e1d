//! The arithmetic of the readiness forecast: chances of a right answer per question, grouped the
//! way an exam draws them, turned into the distribution of the number right and then into the
//! scaled score (the report's scaling, `exam::scale`). Pure numbers: no library, no engine.

use crate::exam::scale;

/// How sure the model is of FSRS's recall figures: a systematic error of this size (shared by
/// every seen question) is added to the spread. docs/readiness.md shows it on a simulated learner.
pub const RECALL_SD: f64 = 0.05;
/// The range is the central 80% of the forecast distribution.
pub const RANGE: f64 = 0.80;

/// One group the exam draws `take` questions from, at random and without repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub take: usize,
    /// Each question's chance of a right answer.
    pub p: Vec<f64>,
    /// Which of them are seen (`true`) or estimated from the domain prior (`false`), with the
    /// prior's group (an index into `Outlook::prior_var`) for unseen ones.
    pub prior: Vec<Option<usize>>,
}

/// The whole exam: its groups, pass mark and how uncertain each prior is.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    pub groups: Vec<Group>,
    pub pass: u32,
    /// The variance of each prior's estimate (a Beta posterior's).
    pub prior_var: Vec<f64>,
}

/// The forecast distribution of an exam.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub questions: usize,
    pub mean_correct: f64,
    pub sd_correct: f64,
    /// `pmf[k]`: the chance of exactly `k` right.
    pub pmf: Vec<f64>,
    pub pass: u32,
}

/// The standard normal CDF.
pub fn phi(z: f64) -> f64 {
    0.5 * (1.0 + libm::erf(z / std::f64::consts::SQRT_2))
}

/// The Beta posterior of a success rate: `correct` of `n` with `strength` pseudo-observations at
/// `mean`. Returns its mean and variance.
pub fn beta(correct: usize, n: usize, mean: f64, strength: f64) -> (f64, f64) {
    let a = correct as f64 + strength * mean;
    let b = (n - correct.min(n)) as f64 + strength * (1.0 - mean);
    let s = a + b;
    (a / s, a * b / (s * s * (s + 1.0)))
}

impl Outlook {
    /// The distribution of the number right: a normal approximation of the draw (sampling
    /// without replacement), the answers (independent given their chances) and the model's own
    /// uncertainty (the priors and FSRS's calibration), discretised with continuity correction.
    pub fn distribution(&self) -> Distribution {
        let mut mean = 0.0;
        let mut var = 0.0;
        let mut prior_weight = vec![0.0; self.prior_var.len()];
        let mut seen_weight = 0.0;
        let mut questions = 0;
        for g in &self.groups {
            let n = g.p.len();
            if n == 0 || g.take == 0 {
                continue;
            }
            let t = g.take.min(n) as f64;
            let nf = n as f64;
            questions += g.take.min(n);
            let m = g.p.iter().sum::<f64>() / nf;
            let bern: f64 = g.p.iter().map(|p| p * (1.0 - p)).sum();
            mean += t * m;
            // Var(E[X|Z]) + E[Var(X|Z)] with Z the (latent) outcome of every question of the group.
            var += t * t / (nf * nf) * bern;
            if n > 1 {
                var += t * (nf - t) / (nf - 1.0) * (m - m * m - bern / (nf * nf)).max(0.0);
            }
            for prior in &g.prior {
                match prior {
                    Some(i) => prior_weight[*i] += t / nf,
                    None => seen_weight += t / nf,
                }
            }
        }
        var += seen_weight * seen_weight * RECALL_SD * RECALL_SD;
        for (w, v) in prior_weight.iter().zip(&self.prior_var) {
            var += w * w * v;
        }
        let sd = var.max(0.0).sqrt();
        let pmf = (0..=questions)
            .map(|k| {
                if sd < 1e-9 {
                    return f64::from(u8::from(k == mean.round() as usize));
                }
                let lo = if k == 0 {
                    0.0
                } else {
                    phi((k as f64 - 0.5 - mean) / sd)
                };
                let hi = if k == questions {
                    1.0
                } else {
                    phi((k as f64 + 0.5 - mean) / sd)
                };
                (hi - lo).max(0.0)
            })
            .collect();
        Distribution {
            questions,
            mean_correct: mean,
            sd_correct: sd,
            pmf,
            pass: self.pass,
        }
    }
}

impl Distribution {
    fn scaled(&self, k: usize) -> u32 {
        scale::scaled(k, self.questions, self.pass)
    }

    /// The expected scaled score.
    pub fn expected(&self) -> f64 {
        self.pmf
            .iter()
            .enumerate()
            .map(|(k, p)| p * f64::from(self.scaled(k)))
            .sum()
    }

    /// The scaled score at quantile `q` of the number right.
    pub fn quantile(&self, q: f64) -> u32 {
        let mut acc = 0.0;
        for (k, p) in self.pmf.iter().enumerate() {
            acc += p;
            if acc >= q - 1e-12 {
                return self.scaled(k);
            }
        }
        self.scaled(self.questions)
    }

    /// The central [`RANGE`] of the scaled score.
    pub fn range(&self) -> (u32, u32) {
        let tail = (1.0 - RANGE) / 2.0;
        (self.quantile(tail), self.quantile(1.0 - tail))
    }

    /// The chance that the scaled score reaches the pass mark.
    pub fn pass_probability(&self) -> f64 {
        self.pmf
            .iter()
            .enumerate()
            .filter(|&(k, _)| self.scaled(k) >= self.pass)
            .map(|(_, p)| p)
            .sum::<f64>()
            .clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(take: usize, p: &[f64]) -> Group {
        Group {
            take,
            p: p.to_vec(),
            prior: vec![None; p.len()],
        }
    }

    #[test]
    fn certain_answers_give_a_certain_score() {
        let o = Outlook {
            groups: vec![seen(5, &[1.0; 10]), seen(5, &[0.0; 5])],
            pass: 720,
            prior_var: vec![],
        };
        let d = o.distribution();
        assert_eq!(d.questions, 10);
        assert!((d.mean_correct - 5.0).abs() < 1e-9);
        // Only the calibration allowance is left: 5 seen questions per group of weight 1.
        assert!((d.sd_correct - 10.0 * RECALL_SD).abs() < 1e-9, "{d:?}");
        assert!((d.pmf.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let (lo, hi) = d.range();
        assert!(lo < scale::scaled(5, 10, 720) && scale::scaled(5, 10, 720) < hi);
        assert!(d.pass_probability() < 1e-6);
    }

    #[test]
    fn the_draw_adds_spread_and_the_mean_follows_the_group_average() {
        let o = Outlook {
            groups: vec![seen(2, &[1.0, 1.0, 0.0, 0.0])],
            pass: 720,
            prior_var: vec![],
        };
        let d = o.distribution();
        assert!((d.mean_correct - 1.0).abs() < 1e-9);
        // Hypergeometric: 2·(1/2)(1/2)·(4−2)/(4−1) = 1/3, plus (2 seen drawn · 0.05)² from
        // calibration.
        let want = (1.0 / 3.0 + (2.0 * RECALL_SD).powi(2)).sqrt();
        assert!((d.sd_correct - want).abs() < 1e-9, "{}", d.sd_correct);
    }

    #[test]
    fn prior_uncertainty_is_shared_by_the_unseen_questions() {
        let unseen = |var: f64| Outlook {
            groups: vec![Group {
                take: 20,
                p: vec![0.6; 40],
                prior: vec![Some(0); 40],
            }],
            pass: 720,
            prior_var: vec![var],
        };
        let narrow = unseen(0.0).distribution();
        let wide = unseen(0.01).distribution();
        assert!((wide.sd_correct.powi(2) - narrow.sd_correct.powi(2) - 4.0).abs() < 1e-9);
        let (lo_n, hi_n) = narrow.range();
        let (lo_w, hi_w) = wide.range();
        assert!(lo_w < lo_n && hi_w > hi_n);
    }

    #[test]
    fn pass_probability_and_expected_score_move_with_ability() {
        let at = |p: f64| {
            Outlook {
                groups: vec![seen(65, &vec![p; 130])],
                pass: 720,
                prior_var: vec![],
            }
            .distribution()
        };
        let weak = at(0.55);
        let strong = at(0.9);
        assert!(
            weak.pass_probability() < 0.05,
            "{}",
            weak.pass_probability()
        );
        assert!(strong.pass_probability() > 0.95);
        assert!(weak.expected() < 720.0 && strong.expected() > 850.0);
        let (lo, hi) = strong.range();
        assert!(lo <= strong.expected().round() as u32 && strong.expected().round() as u32 <= hi);
        assert!((phi(0.0) - 0.5).abs() < 1e-12 && (phi(1.2816) - 0.9).abs() < 1e-4);
    }

    #[test]
    fn beta_shrinks_small_samples_towards_the_default() {
        let (m, v) = beta(1, 1, 0.5, 10.0);
        assert!((m - 6.0 / 11.0).abs() < 1e-12 && v > 0.0);
        let (m, _) = beta(90, 100, 0.5, 10.0);
        assert!((m - 95.0 / 110.0).abs() < 1e-12);
    }
}
