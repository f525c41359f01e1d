//! Form give-aways of a pack: where the keys sit (A–F) and how their length ranks among the
//! choices. A learner who picks "the longest choice" should not score above chance.
//!
//! Pure: works on the validated model, in file order (the trainer may shuffle the display).

use super::model::{Pack, Question};

/// `check` warns when the key is the longest choice in more than this share of a pack's
/// single-answer questions (chance is 20–25% with four or five choices).
pub const LONGEST_LIMIT: f64 = 0.30;
/// … or among the two longest in more than this share.
pub const TOP_TWO_LIMIT: f64 = 0.55;
/// Packs with fewer single-answer questions than this are too small for a rate to mean anything:
/// `--stats` still shows them, `check` does not warn.
pub const MIN_SINGLE: usize = 10;

/// A choice's length in characters.
fn len(text: &str) -> usize {
    text.chars().count()
}

/// The 0-based length rank of choice `i` of `q`: how many other choices are at least as long.
/// 0 is "strictly the longest"; a tie never counts in the key's disfavour, since a learner
/// cannot pick by length between equally long choices.
pub fn length_rank(q: &Question, i: usize) -> usize {
    let own = len(&q.choices[i].text);
    q.choices
        .iter()
        .enumerate()
        .filter(|&(j, c)| j != i && len(&c.text) >= own)
        .count()
}

/// Whether the keys of a "Choose N" question are its N longest choices: every key is longer
/// than every wrong choice.
pub fn keys_are_longest(q: &Question) -> bool {
    let keys = q.choices.iter().filter(|c| c.correct).map(|c| len(&c.text));
    let wrong = q
        .choices
        .iter()
        .filter(|c| !c.correct)
        .map(|c| len(&c.text));
    match (keys.min(), wrong.max()) {
        (Some(k), Some(w)) => q.answer_count() > 1 && k > w,
        _ => false,
    }
}

/// The form figures of one pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    /// Single-answer questions.
    pub single: usize,
    /// Single-answer questions by the key's position in the file: A, B, … F.
    pub positions: [usize; 6],
    /// Single-answer questions by the key's length rank: longest, 2nd, … 6th.
    pub ranks: [usize; 6],
    /// "Choose N" questions.
    pub multi: usize,
    /// Indexes (into `Pack::questions`) of the "Choose N" questions whose keys are the N longest.
    pub multi_longest: Vec<usize>,
}

impl Form {
    pub fn of(pack: &Pack) -> Form {
        Form::of_questions(&pack.questions)
    }

    pub fn of_questions(questions: &[Question]) -> Form {
        let mut f = Form::default();
        for (qi, q) in questions.iter().enumerate() {
            let keys = q.correct_set();
            match keys.as_slice() {
                [] => {}
                [k] => {
                    f.single += 1;
                    f.positions[(*k).min(5)] += 1;
                    f.ranks[length_rank(q, *k).min(5)] += 1;
                }
                _ => {
                    f.multi += 1;
                    if keys_are_longest(q) {
                        f.multi_longest.push(qi);
                    }
                }
            }
        }
        f
    }

    /// Single-answer questions whose key is the longest choice.
    pub fn key_longest(&self) -> usize {
        self.ranks[0]
    }

    /// Single-answer questions whose key is among the two longest choices.
    pub fn key_top_two(&self) -> usize {
        self.ranks[0] + self.ranks[1]
    }

    /// `n` as a share of the single-answer questions (0 when there are none).
    pub fn share(&self, n: usize) -> f64 {
        if self.single == 0 {
            0.0
        } else {
            n as f64 / self.single as f64
        }
    }

    /// Whether the pack is large enough for the length rates to be checked.
    pub fn rated(&self) -> bool {
        self.single >= MIN_SINGLE
    }

    pub fn too_often_longest(&self) -> bool {
        self.rated() && self.share(self.key_longest()) > LONGEST_LIMIT
    }

    pub fn too_often_top_two(&self) -> bool {
        self.rated() && self.share(self.key_top_two()) > TOP_TWO_LIMIT
    }
}

/// `n` of `of` as a whole percentage.
pub fn percent(n: usize, of: usize) -> usize {
    (n * 100 + of / 2).checked_div(of).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::model::{Body, Choice, Lazy, Text};

    fn q(choices: &[(&str, bool)]) -> Question {
        Question {
            id: "q".into(),
            topic: "t".into(),
            diagram: None,
            reveal_diagram: None,
            tips: Vec::new(),
            line: 1,
            body: Lazy::ready(Body {
                stem: "s".into(),
                highlight: Vec::new(),
                explanation: "e".into(),
                sources: Vec::new(),
                choices: choices
                    .iter()
                    .map(|(t, c)| Choice {
                        text: (*t).into(),
                        correct: *c,
                        why: Text::default(),
                    })
                    .collect(),
            }),
        }
    }

    #[test]
    fn a_tie_never_counts_against_the_key() {
        let tied = q(&[("aaaa", true), ("bbbb", false), ("c", false)]);
        assert_eq!(
            length_rank(&tied, 0),
            1,
            "tied for longest is not the longest"
        );
        let longest = q(&[("aaaaa", true), ("bbbb", false), ("c", false)]);
        assert_eq!(length_rank(&longest, 0), 0);
        // Characters, not bytes.
        let wide = q(&[("éé", true), ("abc", false)]);
        assert_eq!(length_rank(&wide, 0), 1);
    }

    #[test]
    fn choose_n_keys_longest_only_when_every_key_beats_every_wrong_choice() {
        assert!(keys_are_longest(&q(&[
            ("long key one", true),
            ("long key two", true),
            ("short", false),
        ])));
        assert!(!keys_are_longest(&q(&[
            ("long key one", true),
            ("long key two", true),
            ("as long a one", false),
        ])));
        assert!(!keys_are_longest(&q(&[("only key", true), ("x", false)])));
    }
}
