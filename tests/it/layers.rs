//! The layer rule of `src/lib.rs` and docs/architecture.md: every `crate::…` path in `src/` points
//! to the module's own layer or one below it, and the top-level modules import each other
//! without cycles. A failure names the file and line of the offending import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules by layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    ("base", &["cli", "paths", "cache", "text"]),
    ("content", &["pack", "library", "env"]),
    ("progress and scheduling", &["engine"]),
    ("study", &["study", "exam"]),
    ("front ends", &["tui", "plain"]),
    ("commands", &["commands"]),
];

/// One `crate::module` reference.
#[derive(Debug, Clone)]
struct Import {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

/// The top-level module a source file belongs to (`src/engine/queue.rs` → `engine`); `None` for
/// the crate root files.
fn module_of(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::x` in `text` with its 1-based line, including each item of `crate::{x, y::z}`.
/// Line comments are skipped.
fn crate_refs(text: &str) -> Vec<(usize, String)> {
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let line_at = |i: usize| code[..i].matches('\n').count() + 1;
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = code[from..].find("crate::") {
        let start = from + pos;
        let before = code[..start].chars().next_back();
        from = start + "crate::".len();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `decouple_quiz_crate::` or similar
        }
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            // Items at depth 1 of the brace group.
            let (mut depth, mut item_start) = (1, 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 1 => {
                        push_item(&mut out, group, item_start, i, from + 1, &line_at, &ident);
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 1 => {
                        push_item(&mut out, group, item_start, i, from + 1, &line_at, &ident);
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.push((line_at(start), name));
            }
        }
    }
    out
}

fn push_item(
    out: &mut Vec<(usize, String)>,
    group: &str,
    start: usize,
    end: usize,
    offset: usize,
    line_at: &dyn Fn(usize) -> usize,
    ident: &dyn Fn(&str) -> String,
) {
    let item = &group[start..end];
    let lead = item.len() - item.trim_start().len();
    let name = ident(item.trim_start());
    if !name.is_empty() && name != "self" {
        out.push((line_at(offset + start + lead), name));
    }
}

/// The imports between top-level modules under `root` (a `src/` tree).
fn imports(root: &Path) -> Vec<Import> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut out = Vec::new();
    for file in files {
        let Some(from) = module_of(root, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, to) in crate_refs(&text) {
            if to != from {
                out.push(Import {
                    file: file.clone(),
                    line,
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    out
}

/// Every violation under `root`: modules in no layer, upward imports, and cycles between
/// top-level modules. Each names a file and line.
fn violations(root: &Path) -> Vec<String> {
    let imports = imports(root);
    let mut problems = Vec::new();
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(root, f)).collect();
    for m in &modules {
        if layer_of(m).is_none() {
            problems.push(format!(
                "module `{m}` is in no layer: add it to LAYERS here, to src/lib.rs and docs/architecture.md"
            ));
        }
    }
    for i in &imports {
        if let (Some(a), Some(b)) = (layer_of(&i.from), layer_of(&i.to))
            && b > a
        {
            problems.push(format!(
                "{}:{}: `{}` ({}) imports `crate::{}` ({}), a layer above it",
                i.file.display(),
                i.line,
                i.from,
                LAYERS[a].0,
                i.to,
                LAYERS[b].0
            ));
        }
    }
    // Cycles between top-level modules (within one layer, since upward edges are errors).
    let mut edges: BTreeMap<&str, BTreeMap<&str, &Import>> = BTreeMap::new();
    for i in &imports {
        edges
            .entry(i.from.as_str())
            .or_default()
            .entry(i.to.as_str())
            .or_insert(i);
    }
    for (from, tos) in &edges {
        for (to, first) in tos {
            if reaches(&edges, to, from) {
                problems.push(format!(
                    "{}:{}: `{from}` imports `crate::{to}`, which imports `{from}` back (a cycle)",
                    first.file.display(),
                    first.line
                ));
            }
        }
    }
    problems
}

fn reaches(edges: &BTreeMap<&str, BTreeMap<&str, &Import>>, start: &str, goal: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(m) = stack.pop() {
        if m == goal {
            return true;
        }
        if seen.insert(m) {
            stack.extend(edges.get(m).into_iter().flat_map(|t| t.keys().copied()));
        }
    }
    false
}

#[test]
fn layers_point_down_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = violations(&root);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check sees real imports (a parser that found nothing would pass anything).
    assert!(
        imports(&root)
            .iter()
            .any(|i| i.from == "tui" && i.to == "engine")
    );
}

#[test]
fn an_upward_import_or_a_cycle_is_named_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("engine")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod engine;\npub mod library;\n").unwrap();
    std::fs::write(
        src.join("library.rs"),
        "//! content\nuse crate::pack::Pack;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("engine/queue.rs"),
        "//! queues\nuse crate::{\n    library::Library,\n    tui::app::Model,\n};\n",
    )
    .unwrap();
    std::fs::write(src.join("pack.rs"), "fn f() { crate::env::now(); }\n").unwrap();
    std::fs::write(src.join("env.rs"), "use crate::pack;\n").unwrap();
    std::fs::write(
        src.join("tui.rs"),
        "// crate::commands in a comment is fine\n",
    )
    .unwrap();
    std::fs::write(src.join("gadget.rs"), "").unwrap();
    let problems = violations(src);
    let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
    assert!(
        has(
            "engine/queue.rs:4: `engine` (progress and scheduling) imports `crate::tui` (front ends), a layer above it"
        ),
        "{problems:#?}"
    );
    assert!(
        has("pack.rs:1: `pack` imports `crate::env`"),
        "{problems:#?}"
    );
    assert!(
        has("env.rs:1: `env` imports `crate::pack`"),
        "{problems:#?}"
    );
    assert!(has("module `gadget` is in no layer"), "{problems:#?}");
    assert!(
        !has("library.rs"),
        "a downward import is fine: {problems:#?}"
    );
    assert!(!has("tui.rs"), "comments are skipped: {problems:#?}");
    assert_eq!(problems.len(), 4, "{problems:#?}");
}
