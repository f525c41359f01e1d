//! Building an [`Engine`] from the history file: parse every line, deal with torn, corrupt and
//! newer-version lines (see docs/scheduling.md), then replay the answers through the scheduler
//! with the latest recorded FSRS parameters.

use std::path::Path;

use super::events::Event;

use super::event::{self, Line};
use super::store::Store;
use super::utc::Ms;
use super::{Answer, Engine, ReviewConfig, Scheduler};

/// Reads and replays `<dir>/history.jsonl`. Problems become notices, never errors.
pub(super) fn open(dir: &Path, config: ReviewConfig, now: Ms) -> (Engine, Vec<String>) {
    let (engine, notices, _) = open_read(dir, config, now);
    (engine, notices)
}

/// [`open`], also returning the bytes that were read (for the start-up cache's fingerprint).
pub(super) fn open_read(
    dir: &Path,
    config: ReviewConfig,
    now: Ms,
) -> (Engine, Vec<String>, Vec<u8>) {
    let opened = Store::open(dir);
    let (store, bytes, mut notices, lock) =
        (opened.store, opened.bytes, opened.notices, opened.lock);
    let sched = Scheduler::new(&[], &config).expect("default FSRS parameters are valid");
    let mut engine = Engine {
        store,
        config,
        sched,
        keys: Default::default(),
        bound: Default::default(),
        seeds: Vec::new(),
        cards: Vec::new(),
        answers: Vec::with_capacity(bytes.len() / 160),
        others: Vec::new(),
        study: Default::default(),
        days: super::days::StudyDays::local(0),
    };
    let shown = engine.store.history_path().display().to_string();

    // Complete lines end with '\n'; whatever follows the last one is an unterminated tail.
    let body_end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut bad: Vec<usize> = Vec::new();
    let mut bad_end = 0;
    let mut newer: Option<u64> = None;
    let mut params: Option<Event> = None;
    let mut start = 0;
    let mut events = 0usize;
    for (n, raw) in lines(&bytes[..body_end]).enumerate() {
        let end = start + raw.len() + 1;
        match event::parse_line(raw) {
            Ok(line) => {
                events += usize::from(line != Line::Blank);
                engine.take(line, &mut newer, &mut params);
            }
            Err(_) => {
                bad.push(n + 1);
                bad_end = end;
            }
        }
        start = end;
    }
    let tail = &bytes[body_end..];
    let tail_line = (!tail.is_empty()).then(|| event::parse_line(tail));
    let tail_complete = matches!(tail_line, Some(Ok(ref l)) if *l != Line::Blank);
    if let Some(Ok(line)) = tail_line {
        engine.take(line, &mut newer, &mut params);
    }

    if let Some(v) = newer {
        let why = format!(
            "{shown} was written by a newer decouple-quiz (history format v{v}; this one writes v{})",
            event::VERSION
        );
        notices.push(format!(
            "{why}: your progress is shown but not saved; update decouple-quiz to keep saving"
        ));
        engine.store.set_read_only(why);
    }
    let store = &mut engine.store;
    // A file with something unreadable and not one event is not a history (a link pointing at
    // the wrong file, say): it is neither cut, copied nor appended to. A first answer cut off
    // mid-line is still a history.
    let torn = !tail.is_empty() && !tail_complete && !tail.iter().all(u8::is_ascii_whitespace);
    let first_line_cut = body_end == 0 && tail.starts_with(b"{\"v\":");
    if events == 0 && !tail_complete && (!bad.is_empty() || torn) && !first_line_cut {
        let why =
            format!("{shown} is not a decouple-quiz history (no line of it is a history event)");
        notices.push(format!(
            "{why}; it was left untouched and progress will not be saved (move it away, or point the link at your history)"
        ));
        store.set_read_only(why);
        drop(lock);
        engine.replay();
        return (engine, notices, bytes);
    }
    let can_repair = lock.is_some() && store.writable();
    if !tail.is_empty() && !tail_complete {
        if can_repair {
            match store.move_torn_tail(body_end as u64, tail, now) {
                Ok(aside) => notices.push(format!(
                    "the last line of {shown} was cut off (the app was stopped while saving); it was moved to {}",
                    aside.display()
                )),
                Err(e) => notices.push(format!("the last line of {shown} is cut off and could not be moved aside: {e}")),
            }
        } else {
            notices.push(format!(
                "the last line of {shown} is cut off; it is ignored"
            ));
        }
    } else if tail_complete
        && can_repair
        && let Err(e) = store.terminate_last_line()
    {
        notices.push(format!("{shown}: could not end the last line: {e}"));
    }
    if !bad.is_empty() {
        let lines = list(&bad);
        let count = if bad.len() == 1 {
            "1 unreadable line".to_string()
        } else {
            format!("{} unreadable lines", bad.len())
        };
        let copy = if lock.is_some() {
            match store.preserve_corrupt(&bytes, bad_end, now) {
                Ok((p, true)) => format!("a copy of the whole file was saved as {}", p.display()),
                Ok((p, false)) => format!("a copy was saved earlier as {}", p.display()),
                Err(e) => {
                    format!("a copy could not be saved ({e}); the file itself is left untouched")
                }
            }
        } else {
            "the file itself is left untouched".to_string()
        };
        notices.push(format!(
            "{shown} has {count} ({lines}), skipped; every other line was loaded; {copy}"
        ));
    }
    drop(lock);

    if let Some(event) = &params {
        let usable = params_of(event)
            .ok_or_else(|| "no list of numbers in `params`".to_string())
            .and_then(|p| Scheduler::new(&p, &engine.config));
        match usable {
            Ok(s) => engine.sched = s,
            Err(e) => notices.push(format!(
                "the recorded FSRS parameters are not usable ({e}); using the defaults"
            )),
        }
    }
    engine.replay();
    (engine, notices, bytes)
}

/// The lines of `body` (empty, or ending with '\n'). Valid UTF-8, the usual case, is split by
/// `str`'s memchr-based search, several times faster than a byte loop on a large history.
fn lines(body: &[u8]) -> Box<dyn Iterator<Item = &[u8]> + '_> {
    match std::str::from_utf8(body) {
        Ok(text) => Box::new(text.split_terminator('\n').map(str::as_bytes)),
        Err(_) if body.is_empty() => Box::new(std::iter::empty()),
        Err(_) => Box::new(body[..body.len() - 1].split(|&b| b == b'\n')),
    }
}

/// The `params` array of a `params` event.
pub(super) fn params_of(event: &Event) -> Option<Vec<f32>> {
    Some(event.params()?.params.iter().map(|&x| x as f32).collect())
}

/// "3, 17, 40" or "3, 17, 40 and 12 more".
fn list(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(5).map(|n| format!("line {n}")).collect();
    match lines.len() {
        0..=5 => shown.join(", "),
        n => format!("{} and {} more", shown.join(", "), n - 5),
    }
}

impl Engine {
    /// Collects one parsed line.
    pub(super) fn take(
        &mut self,
        line: Line<'_>,
        newer: &mut Option<u64>,
        params: &mut Option<Event>,
    ) {
        match line {
            Line::Blank => {}
            Line::Answer(a) => {
                let card = self.intern(&a.question);
                let (rating, correct, unsure, mode, ms) = (
                    a.rating,
                    a.correct,
                    a.unsure,
                    a.mode,
                    Answer::capped_ms(a.ms),
                );
                self.answers.push(Answer {
                    at: a.at,
                    card,
                    rating,
                    correct,
                    unsure,
                    mode,
                    ms,
                });
            }
            Line::Other(v) => {
                let event = Event::from_value(v);
                if event.kind() == "params" {
                    *params = Some(event.clone());
                }
                if let Some(u) = event.undo() {
                    self.drop_answer(&u.question, &u.answer_at);
                }
                self.others.push(event);
            }
            Line::Newer(v) => *newer = Some(newer.map_or(v, |n| n.max(v))),
        }
    }

    /// Removes the latest answer to `key` given at `answer_at` (RFC 3339), if there is one:
    /// what an `undo` event means. Returns its card.
    pub(super) fn drop_answer(&mut self, key: &str, answer_at: &str) -> Option<u32> {
        let card = self.keys.find(key)?;
        let at = super::utc::parse(answer_at)?;
        let i = self
            .answers
            .iter()
            .rposition(|a| a.card == card && a.at == at)?;
        self.answers.remove(i);
        Some(card)
    }

    /// Rebuilds every card from the answers, in time order (file order among equal times).
    pub(super) fn replay(&mut self) {
        if !self.answers.is_sorted_by_key(|a| a.at) {
            self.answers.sort_by_key(|a| a.at);
        }
        for c in &mut self.cards {
            *c = super::Card::default();
        }
        for a in &self.answers {
            let i = a.card as usize;
            self.sched
                .review(&mut self.cards[i], a.rating, a.at, self.seeds[i]);
        }
    }
}
