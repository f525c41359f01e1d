//! How the history grows: an answer (graded, saved, then scheduled), the undo of an answer, and
//! any other event, each appended to the history before the in-memory state changes.

use serde_json::Value;
use time::OffsetDateTime;

use super::{
    Answer, AnswerEvent, AnswerInput, Card, Engine, Recorded, SaveError, event, events, grade, utc,
};

impl Engine {
    /// Grades, saves, then schedules one answer. See the module doc for the failure contract.
    pub fn record_answer(&mut self, input: &AnswerInput) -> Result<Recorded, SaveError> {
        let rating = grade(input.correct, input.unsure);
        let at = utc::from_datetime(input.at);
        let event = AnswerEvent {
            at,
            question: input.key.clone(),
            mode: input.mode,
            chosen: input.chosen.clone(),
            correct: input.correct,
            rating,
            ms: input.ms,
            unsure: input.unsure,
        };
        let saved = self.store.append(&event.to_line());
        let id = self.intern(&input.key);
        let answer = Answer {
            at,
            card: id,
            rating,
            correct: input.correct,
            unsure: input.unsure,
            mode: input.mode,
            ms: Answer::capped_ms(input.ms),
        };
        self.apply(answer);
        let card = &self.cards[id as usize];
        let recorded = Recorded {
            rating,
            state: card.state(),
            due: card.due().unwrap_or(input.at),
        };
        saved.map(|()| recorded)
    }

    /// Takes back the last answer to `key` given at `answer_at`: appends an `undo` event (the
    /// answer's line stays; replay skips it) and rebuilds the question's card without it.
    /// `Ok(false)` when there is no such answer (nothing is written).
    pub fn undo_answer(
        &mut self,
        key: &str,
        answer_at: OffsetDateTime,
        at: OffsetDateTime,
    ) -> Result<bool, SaveError> {
        let answer_at = utc::format(utc::from_datetime(answer_at));
        let Some(card) = self.drop_answer(key, &answer_at) else {
            return Ok(false);
        };
        let c = card as usize;
        self.cards[c] = Card::default();
        for a in self.answers.iter().filter(|a| a.card == card) {
            self.sched
                .review(&mut self.cards[c], a.rating, a.at, self.seeds[c]);
        }
        let event = events::Event::Known(events::Kind::Undo(events::UndoEvent {
            at: utc::format(utc::from_datetime(at)),
            question: key.to_string(),
            answer_at,
        }));
        let saved = self.store.append(&event.to_line());
        self.others.push(event);
        saved.map(|()| true)
    }

    /// Appends an event other than an answer (same durability as answers). `params` is written
    /// by the engine only (`optimize`).
    pub fn append_event(&mut self, event: impl Into<events::Event>) -> Result<(), SaveError> {
        let mut event = event.into();
        if let events::Event::Unknown(raw) = &mut event {
            let Value::Object(obj) = raw else {
                return Err(SaveError::Invalid("not a JSON object".into()));
            };
            match obj.get("v") {
                None => {
                    obj.insert("v".into(), Value::from(event::VERSION));
                }
                Some(v) if v.as_u64() == Some(event::VERSION) => {}
                Some(v) => {
                    return Err(SaveError::Invalid(format!(
                        "`v` must be {}, not {v}",
                        event::VERSION
                    )));
                }
            }
        }
        match event.kind() {
            k @ ("answer" | "params" | "undo") => {
                return Err(SaveError::Invalid(format!(
                    "kind `{k}` is written by the engine only"
                )));
            }
            "" => return Err(SaveError::Invalid("no string `kind`".into())),
            _ => {}
        }
        let saved = self.store.append(&event.to_line());
        self.others.push(event);
        saved
    }
}
