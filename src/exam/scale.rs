//! Raw score → scaled score on 100–1000. An ESTIMATE: AWS does not publish how it scales scores
//! (it equates exam forms statistically), so this is a documented assumption, not AWS's formula.
//!
//! Assumption: the pass mark `pass` (e.g. 720) corresponds to a raw fraction of `pass / 1000`
//! (72% for 720). The mapping is piecewise linear through three points:
//! raw 0% → 100, raw `pass/1000` → `pass`, raw 100% → 1000. The lower piece is rounded down, so
//! a scaled score reaches the pass mark exactly when the raw fraction does. See docs/exams.md.

/// Lowest and highest scaled score.
pub const MIN: u32 = 100;
pub const MAX: u32 = 1000;

/// The scaled score for `correct` of `total` questions with pass mark `pass`.
pub fn scaled(correct: usize, total: usize, pass: u32) -> u32 {
    if total == 0 {
        return MIN;
    }
    let pass = pass.clamp(MIN + 1, MAX - 1);
    let f = correct.min(total) as f64 / total as f64;
    let p = f64::from(pass) / f64::from(MAX);
    let v = if f < p {
        f64::from(MIN) + f / p * f64::from(pass - MIN)
    } else {
        f64::from(pass) + (f - p) / (1.0 - p) * f64::from(MAX - pass)
    };
    // Values below `pass` are floored so that rounding can never lift a fail to a pass.
    let v = if f < p { v.floor() } else { v.round() };
    (v as u32).clamp(MIN, MAX)
}

/// The raw fraction this mapping assumes for the pass mark, as a whole percentage (720 → 72).
pub fn pass_percent(pass: u32) -> u32 {
    pass.clamp(MIN + 1, MAX - 1).div_ceil(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        assert_eq!(scaled(0, 65, 720), 100);
        assert_eq!(scaled(65, 65, 720), 1000);
        assert_eq!(scaled(18, 25, 720), 720, "72% is the pass mark");
        assert_eq!(scaled(0, 0, 720), 100);
    }

    #[test]
    fn pass_iff_raw_fraction_reaches_the_pass_mark() {
        for total in [1, 5, 20, 37, 65, 100] {
            for correct in 0..=total {
                let s = scaled(correct, total, 720);
                let raw_pass = correct as f64 / total as f64 >= 0.72;
                assert_eq!(s >= 720, raw_pass, "{correct}/{total} → {s}");
            }
        }
    }

    #[test]
    fn monotone_and_in_range() {
        for pass in [700, 720, 750] {
            let mut last = 0;
            for c in 0..=65 {
                let s = scaled(c, 65, pass);
                assert!((MIN..=MAX).contains(&s));
                assert!(s >= last);
                last = s;
            }
        }
        assert_eq!(scaled(47, 65, 720), 723);
        assert_eq!(scaled(46, 65, 720), 709);
        assert_eq!(pass_percent(720), 72);
        assert_eq!(pass_percent(750), 75);
    }
}
