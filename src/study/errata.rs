//! Errata reports: a ready-to-file Markdown report on a question (its id, the pack's version and
//! source, the stem and choices, the key, your last choice and your comment), written under
//! `<data dir>/reports/`. Used by `!` on the feedback screen and `decouple-quiz report`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::engine::utc;
use crate::library::{Library, QRef};
use crate::pack::PackSource;
use crate::study::letter;

/// The text the comment file starts with; lines starting with `#` are dropped afterwards.
pub const COMMENT_TEMPLATE: &str = "\n# What is wrong with this question? Write above; lines starting with # are ignored.\n# An empty comment cancels the report.\n";

/// The comment as written in the editor: `#` lines dropped, blank space trimmed.
pub fn clean_comment(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// The report on question `r`. `chosen`: your last choice (file-order indexes), if any.
pub fn report(
    lib: &Library,
    r: QRef,
    chosen: Option<&[usize]>,
    comment: &str,
    now: OffsetDateTime,
) -> String {
    let pack = lib.pack_of(r);
    let q = lib.question(r);
    let key = lib.key(r);
    let letters = |set: &[usize]| -> String {
        set.iter()
            .map(|&i| letter(i).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let source = match &pack.source {
        PackSource::Builtin(name) => format!("built-in pack `{name}`"),
        PackSource::File(p) => format!("`{}`", p.display()),
    };
    let mut s = String::new();
    let _ = writeln!(s, "# Errata report: `{key}`\n");
    let _ = writeln!(s, "- Question: `{key}` (line {} of {source})", q.line);
    let _ = writeln!(
        s,
        "- Pack: {} (`{}`), version {}",
        pack.title, pack.id, pack.version
    );
    let _ = writeln!(s, "- Topic: `{}`", q.topic);
    let _ = writeln!(s, "- decouple-quiz {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(s, "- Reported: {}\n", utc::format(utc::from_datetime(now)));
    let _ = writeln!(s, "## Question\n\n{}\n", q.stem.trim());
    let _ = writeln!(s, "## Choices (in file order)\n");
    for (i, c) in q.choices.iter().enumerate() {
        let mut marks = Vec::new();
        if c.correct {
            marks.push("key");
        }
        if chosen.is_some_and(|ch| ch.contains(&i)) {
            marks.push("your choice");
        }
        let marks = match marks.is_empty() {
            true => String::new(),
            false => format!(" **[{}]**", marks.join(", ")),
        };
        let _ = writeln!(s, "{}. {}{marks}", letter(i), c.text.trim());
    }
    let _ = writeln!(s, "\n- Key: {}", letters(&q.correct_set()));
    let _ = match chosen {
        Some(ch) => writeln!(
            s,
            "- Your choice: {} ({})",
            letters(ch),
            if q.is_correct(ch) { "right" } else { "wrong" }
        ),
        None => writeln!(s, "- Your choice: not answered yet"),
    };
    let _ = writeln!(
        s,
        "\n## Explanation in the pack\n\n{}\n",
        q.explanation.trim()
    );
    let _ = writeln!(s, "## Comment\n\n{}", comment.trim());
    s
}

/// Writes `text` to a new `<dir>/reports/<pack>-<question>-<stamp>.md` and returns its path.
pub fn write(dir: &Path, key: &str, text: &str, now: OffsetDateTime) -> std::io::Result<PathBuf> {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports)?;
    let stamp = utc::file_stamp(utc::from_datetime(now));
    let base = format!("{}-{stamp}", key.replace('/', "-"));
    for n in 0..1000 {
        let name = match n {
            0 => format!("{base}.md"),
            n => format!("{base}-{n}.md"),
        };
        let path = reports.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return std::path::absolute(&path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "too many reports named {base}*"
    )))
}

/// Your last choice on `key` in the history file at `history` (file-order indexes).
pub fn last_choice(history: &Path, key: &str) -> Option<Vec<usize>> {
    let text = std::fs::read_to_string(history).ok()?;
    text.lines()
        .rev()
        .filter(|l| l.contains(key))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["kind"] == "answer" && v["question"] == key)
        .and_then(|v| {
            v["chosen"]
                .as_array()?
                .iter()
                .map(|c| c.as_u64().map(|c| c as usize))
                .collect()
        })
}
