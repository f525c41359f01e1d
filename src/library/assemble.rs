//! Reading the sources into a library: the pack files of each source, parsing them on every
//! core, the built-ins replaced by user packs of the same id, broken packs left out with a
//! notice, and the library-wide checks (pack ids, exams).

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Library, LoadReport, Notice, Sources, cache, near_dup};
use crate::pack::builtin;
use crate::pack::diag::{Diagnostic, Severity, file_level};
use crate::pack::load::{self, Loaded};
use crate::pack::model::{Pack, PackSource};
use crate::pack::validate::{ExamOrigin, Lints};

/// `*.toml` files of a directory, sorted by name; a missing directory is simply empty.
pub fn pack_files_in(dir: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    files.sort();
    Ok(files)
}

/// The complete library of `sources`, through the start-up cache in `cache` (see [`cache`]).
pub fn open(sources: &Sources, dir: &crate::cache::CacheDir) -> Library {
    cache::load(sources, dir).0
}

/// Loads every pack of `sources`. Packs with errors are left out (and noted); all diagnostics
/// of all files are returned, except the form lints (give-aways, key lengths, near-duplicates),
/// which only `check` runs ([`load_linted`], [`load_for_check`]).
pub fn load(sources: &Sources) -> LoadReport {
    load_with(sources, Role::Builtin, false)
}

/// Like `load`, for `check PATH…`: the built-in packs (when `sources.builtin`) are loaded only as
/// context, so the checked packs may draw exams from them or replace them, but the built-ins'
/// own findings are not reported and they are not counted in `LoadReport::checked`.
pub fn load_for_check(sources: &Sources) -> LoadReport {
    load_with(sources, Role::Context, true)
}

/// Like `load`, plus the lints that only `check` reports: the form lints of each pack and
/// near-duplicate stems across packs (work a start-up has no use for).
pub fn load_linted(sources: &Sources) -> LoadReport {
    load_with(sources, Role::Builtin, true)
}

/// How a loaded pack takes part: reported and counted, or only there for reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Builtin,
    Context,
    User,
}

fn load_with(sources: &Sources, builtin_role: Role, lint: bool) -> LoadReport {
    let lints = if lint { Lints::On } else { Lints::Off };
    let mut loaded: Vec<(Loaded, Role)> = Vec::new();
    if sources.builtin {
        let builtins: Vec<Loaded> = builtin::PACKS
            .par_iter()
            .map(|(name, text)| {
                let path = format!("content/{name}");
                load::from_str_with(&path, text, PackSource::Builtin((*name).to_string()), lints)
            })
            .collect();
        loaded.extend(builtins.into_iter().map(|l| (l, builtin_role)));
    }
    let (files, diagnostics) = pack_files(sources);
    let users: Vec<Loaded> = files
        .par_iter()
        .map(|f| load::from_file_with(f, lints))
        .collect();
    loaded.extend(users.into_iter().map(|l| (l, Role::User)));
    assemble(loaded, diagnostics, lint)
}

/// The user pack files of `sources` in load order (each file once), and the errors of pack
/// directories that could not be read.
pub fn pack_files(sources: &Sources) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for dir in &sources.dirs {
        match pack_files_in(dir) {
            Ok(f) => files.extend(f),
            Err(e) => diagnostics.push(file_level(
                Severity::Error,
                &dir.display().to_string(),
                format!("cannot read pack directory: {e}"),
            )),
        }
    }
    files.extend(sources.files.iter().cloned());
    // The same file named twice (in a directory and by `--pack`) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, diagnostics)
}

fn assemble(
    loaded: Vec<(Loaded, Role)>,
    mut diagnostics: Vec<Diagnostic>,
    lint: bool,
) -> LoadReport {
    let mut packs: Vec<Pack> = Vec::new();
    let mut origins: Vec<ExamOrigin> = Vec::new();
    // Parallel to `packs`: where each pack's questions are written.
    let mut marks: Vec<near_dup::Marks> = Vec::new();
    let mut notices = Vec::new();
    let mut checked = 0;
    // pack id → (slot, loaded from a built-in, where it came from)
    let mut ids: HashMap<String, (usize, bool, String)> = HashMap::default();
    for (l, role) in loaded {
        let is_builtin = role != Role::User;
        let report = role != Role::Context;
        checked += usize::from(report);
        let errors = l.diagnostics.iter().filter(|d| d.is_error()).count();
        let path = l.diagnostics.first().map(|d| d.path.clone());
        if report {
            diagnostics.extend(l.diagnostics);
        }
        let Some(c) = l.checked else {
            if report {
                notices.push(Notice::Skipped {
                    path: path.unwrap_or_default(),
                    errors,
                });
            }
            continue;
        };
        let shown = c.pack.source.display();
        if errors > 0 {
            if report {
                notices.push(Notice::Skipped {
                    path: shown,
                    errors,
                });
            }
            continue;
        }
        let id = c.pack.id.clone();
        match ids.get(&id) {
            Some((slot, true, _)) if !is_builtin => {
                let slot = *slot;
                notices.push(Notice::Replaced {
                    id: id.clone(),
                    path: shown.clone(),
                });
                origins.retain(|o| !packs[slot].exams.iter().any(|e| e.id == o.exam));
                packs[slot] = c.pack;
                marks[slot] = near_dup::Marks {
                    at: c.questions_at,
                    report,
                };
                ids.insert(id, (slot, false, shown));
            }
            Some((_, _, first)) => {
                let mut d = c.id_at.clone();
                d.message = format!("pack id `{id}` is already used by {first}");
                d.help = Some("pack ids must be unique: progress is stored under `pack/question`; rename one of them".into());
                diagnostics.push(d);
                notices.push(Notice::Skipped {
                    path: shown,
                    errors: 1,
                });
                continue;
            }
            None => {
                ids.insert(id, (packs.len(), is_builtin, shown));
                packs.push(c.pack);
                marks.push(near_dup::Marks {
                    at: c.questions_at,
                    report,
                });
            }
        }
        if report {
            origins.extend(c.exams);
        }
    }
    let mut library = Library::new(packs);
    library.notices = notices;
    diagnostics.extend(check_exams(&library, &origins));
    if lint {
        diagnostics.extend(near_dup::check(&library, &marks));
    }
    LoadReport {
        library,
        diagnostics,
        checked,
    }
}

/// Library-wide exam checks: unique exam ids, known packs and topics, enough questions.
fn check_exams(lib: &Library, origins: &[ExamOrigin]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let with = |d: &Diagnostic, msg: String, help: String| {
        let mut d = d.clone();
        d.message = msg;
        d.help = Some(help);
        d
    };
    let mut first: HashMap<&str, &Diagnostic> = HashMap::default();
    for origin in origins {
        if let Some(at) = first.get(origin.exam.as_str()) {
            out.push(with(
                &origin.at,
                format!("exam id `{}` is already used at {}", origin.exam, at.location()),
                "exam ids must be unique across all loaded packs: `decouple-quiz exam ID` picks one by id".into(),
            ));
            continue;
        }
        first.insert(&origin.exam, &origin.at);
        for (pack, at) in &origin.packs {
            if lib.pack(pack).is_none() {
                let ids: Vec<&str> = lib.packs.iter().map(|p| p.id.as_str()).collect();
                let help = match crate::pack::validate::closest(pack, &ids) {
                    Some(c) => {
                        format!("did you mean `{c}`? (`decouple-quiz list` shows the loaded packs)")
                    }
                    None => "name a loaded pack; `decouple-quiz list` shows them".into(),
                };
                out.push(with(
                    at,
                    format!("exam `{}` draws from unknown pack `{pack}`", origin.exam),
                    help,
                ));
            }
        }
        let Some(exam) = lib
            .packs
            .iter()
            .flat_map(|p| &p.exams)
            .find(|e| e.id == origin.exam)
        else {
            continue;
        };
        let mut topics_ok = true;
        for (topic, at) in &origin.topics {
            let (pack, t) = topic.split_once('/').unwrap_or(("", topic));
            let known = lib
                .pack(pack)
                .is_some_and(|p| p.topics.iter().any(|x| x.id == t));
            if !known {
                topics_ok = false;
                out.push(with(
                    at,
                    format!("exam `{}` weights unknown topic `{topic}`", origin.exam),
                    "write another pack's topic as `\"pack/topic\" = …` with the ids `decouple-quiz list` shows".into(),
                ));
            } else if !exam.packs.iter().any(|p| p == pack) {
                topics_ok = false;
                out.push(with(
                    at,
                    format!(
                        "exam `{}` weights topic `{topic}` but does not draw from pack `{pack}`",
                        origin.exam
                    ),
                    format!("add \"{pack}\" to the exam's `packs`"),
                ));
            }
        }
        if topics_ok && let Err(msg) = crate::library::exam_draw::allocate(lib, exam) {
            out.push(with(
                &origin.at,
                format!("exam `{}` cannot be drawn: {msg}", exam.id),
                "lower `questions`, change the weights, or add questions".into(),
            ));
        }
    }
    out
}
