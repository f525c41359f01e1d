//! Fixed-width little-endian encodings of the snapshot's bulk sections (answers, cards, question
//! keys): decoding them is a loop over byte chunks, with no per-field varints or allocations.

use std::io::{self, Write};

use super::super::Answer;
use super::super::event::{Mode, Rating};
use super::super::schedule::{Card, CardState, MaybeMs};

/// Bytes per answer: at, card, ms, rating, flags (correct, unsure, mode).
pub const ANSWER: usize = 22;
/// Bytes per card: state, flags (memory, last, first), step, stability, difficulty, due, last,
/// first, reps, lapses.
pub const CARD: usize = 46;

const STATES: [CardState; 4] = [
    CardState::New,
    CardState::Learning,
    CardState::Review,
    CardState::Relearning,
];

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Records encoded per write: the buffer stays small (under 100 KB) however long the history.
const CHUNK: usize = 4096;

/// Writes `items` to `out`, `CHUNK` at a time, each encoded by `encode` into one reused buffer.
fn write_chunked<T>(
    items: &[T],
    out: &mut impl Write,
    mut encode: impl FnMut(&T, &mut Vec<u8>),
) -> io::Result<()> {
    let mut buf = Vec::new();
    for chunk in items.chunks(CHUNK) {
        buf.clear();
        for item in chunk {
            encode(item, &mut buf);
        }
        out.write_all(&buf)?;
    }
    Ok(())
}

pub fn write_answers(answers: &[Answer], out: &mut impl Write) -> io::Result<()> {
    write_chunked(answers, out, |a, out| {
        out.extend_from_slice(&a.at.to_le_bytes());
        out.extend_from_slice(&a.card.to_le_bytes());
        out.extend_from_slice(&u64::from(a.ms).to_le_bytes());
        out.push(a.rating.as_u8());
        let mode = Mode::ALL.iter().position(|m| *m == a.mode).unwrap_or(0) as u8;
        out.push(u8::from(a.correct) | u8::from(a.unsure) << 1 | mode << 2);
    })
}

/// Appends the answers of `b` (whole records) to `out`; `false` when any is malformed or names
/// a card at or past `cards`.
pub fn decode_answers(b: &[u8], cards: usize, out: &mut Vec<Answer>) -> bool {
    let before = out.len();
    out.extend(b.chunks_exact(ANSWER).map_while(|c| answer(c, cards)));
    out.len() - before == b.len() / ANSWER && b.len().is_multiple_of(ANSWER)
}

fn answer(c: &[u8], cards: usize) -> Option<Answer> {
    let card = u32_at(c, 8);
    let flags = c[21];
    ((card as usize) < cards).then_some(Answer {
        at: u64_at(c, 0) as i64,
        card,
        ms: Answer::capped_ms(u64_at(c, 12)),
        rating: Rating::from_u8(c[20])?,
        correct: flags & 1 != 0,
        unsure: flags & 2 != 0,
        mode: *Mode::ALL.get(usize::from(flags >> 2))?,
    })
}

pub fn write_cards(cards: &[Card], out: &mut impl Write) -> io::Result<()> {
    write_chunked(cards, out, |c, out| {
        out.push(STATES.iter().position(|s| *s == c.state).unwrap_or(0) as u8);
        out.push(
            u8::from(c.memory.is_some())
                | u8::from(c.last.get().is_some()) << 1
                | u8::from(c.first.get().is_some()) << 2,
        );
        out.extend_from_slice(&c.step.to_le_bytes());
        let (s, d) = c.memory.map_or((0.0, 0.0), |m| (m.stability, m.difficulty));
        out.extend_from_slice(&s.to_bits().to_le_bytes());
        out.extend_from_slice(&d.to_bits().to_le_bytes());
        out.extend_from_slice(&c.due.to_le_bytes());
        out.extend_from_slice(&c.last.get().unwrap_or(0).to_le_bytes());
        out.extend_from_slice(&c.first.get().unwrap_or(0).to_le_bytes());
        out.extend_from_slice(&c.reps.to_le_bytes());
        out.extend_from_slice(&c.lapses.to_le_bytes());
    })
}

/// Appends the cards of `b` (whole records) to `out`; `false` when any is malformed.
pub fn decode_cards(b: &[u8], out: &mut Vec<Card>) -> bool {
    let before = out.len();
    out.extend(b.chunks_exact(CARD).map_while(card));
    out.len() - before == b.len() / CARD && b.len().is_multiple_of(CARD)
}

fn card(c: &[u8]) -> Option<Card> {
    let flags = c[1];
    let opt = |bit: u8, v: u64| {
        if flags & bit != 0 {
            MaybeMs::some(v as i64)
        } else {
            MaybeMs::NONE
        }
    };
    Some(Card {
        state: *STATES.get(usize::from(c[0]))?,
        step: u32_at(c, 2),
        memory: (flags & 1 != 0).then(|| fsrs::MemoryState {
            stability: f32::from_bits(u32_at(c, 6)),
            difficulty: f32::from_bits(u32_at(c, 10)),
        }),
        due: u64_at(c, 14) as i64,
        last: opt(2, u64_at(c, 22)),
        first: opt(4, u64_at(c, 30)),
        reps: u32_at(c, 38),
        lapses: u32_at(c, 42),
    })
}

/// Each key as a u32 length and its UTF-8 bytes.
pub fn write_names<'a>(
    names: impl Iterator<Item = &'a str>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 14, out);
    for n in names {
        out.write_all(&(n.len() as u32).to_le_bytes())?;
        out.write_all(n.as_bytes())?;
    }
    out.flush()
}

pub fn decode_names(b: &[u8]) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let len = u32_at(b.get(i..i + 4)?, 0) as usize;
        let end = i.checked_add(4 + len)?;
        out.push(std::str::from_utf8(b.get(i + 4..end)?).ok()?);
        i = end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_20_bytes_and_round_trips_with_its_time_capped() {
        assert_eq!(std::mem::size_of::<Answer>(), 20);
        assert!(
            std::mem::size_of::<Card>() <= 56,
            "{}",
            std::mem::size_of::<Card>()
        );
        let a = Answer {
            at: -5,
            card: 2,
            ms: Answer::capped_ms(u64::MAX),
            rating: Rating::Hard,
            correct: false,
            unsure: true,
            mode: Mode::Drill,
        };
        assert_eq!({ a.ms }, u32::MAX);
        let mut back = Vec::new();
        let encode = |answers: &[Answer]| {
            let mut out = Vec::new();
            write_answers(answers, &mut out).unwrap();
            out
        };
        assert!(decode_answers(&encode(&[a, a]), 3, &mut back));
        assert_eq!(back, [a, a]);
        // Past one chunk of records: every record once, in order.
        let many: Vec<Answer> = (0..CHUNK as i64 * 2 + 7)
            .map(|i| Answer { at: i, ..a })
            .collect();
        let bytes = encode(&many);
        assert_eq!(bytes.len(), many.len() * ANSWER);
        back.clear();
        assert!(decode_answers(&bytes, 3, &mut back));
        assert_eq!(back, many);
        assert!(!decode_answers(&encode(&[a]), 2, &mut back), "card 2 of 2");
    }
}
