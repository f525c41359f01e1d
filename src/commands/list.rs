//! `decouple-quiz list`: packs, topics and exams with question counts, one per line.

use std::io::Write;

use anyhow::Result;

use super::count;
use crate::library::{self, Sources};

/// `list`: packs, topics and exams with question counts, one per line (tab-separated).
pub fn list(sources: &Sources, out: &mut dyn Write) -> Result<()> {
    let report = library::load(sources);
    for notice in &report.library.notices {
        crate::text::eprint_line(&format!("note: {}", notice.message()));
    }
    for pack in &report.library.packs {
        writeln!(
            out,
            "pack\t{}\t{}\t{}",
            pack.id,
            pack.title,
            count(pack.questions.len(), "question")
        )?;
        for t in &pack.topics {
            let n = pack.questions.iter().filter(|q| q.topic == t.id).count();
            writeln!(
                out,
                "topic\t{}/{}\t{}\t{}\t{}",
                pack.id,
                t.id,
                t.title,
                count(n, "question"),
                t.domain.id()
            )?;
        }
        for e in &pack.exams {
            writeln!(
                out,
                "exam\t{}\t{}\t{}\t{}",
                e.id,
                e.title,
                count(e.questions, "question"),
                count(e.minutes as usize, "minute")
            )?;
        }
    }
    Ok(())
}
