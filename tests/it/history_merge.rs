//! `history merge` and `history export` through the real binary on two data dirs ("two
//! machines") with fixed clocks: histories written in parallel by real sessions, a torn last
//! line, merging twice, merging both ways, and clean exports.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

const PACKS: [&str; 2] = [
    "tests/fixtures/tui/a-decoupling.toml",
    "tests/fixtures/tui/b-caching.toml",
];

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with `--data-dir DATA --now NOW` and the fixture packs, `input` on stdin.
fn run(data: &Path, now: &str, args: &[&str], input: &str) -> Out {
    let mut c = Command::new(env!("CARGO_BIN_EXE_decouple-quiz"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", data.parent().expect("parent"))
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env("DECOUPLE_QUIZ_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .args(["--no-builtin", "--seed", "3", "--now", now, "--data-dir"])
        .arg(data);
    for p in PACKS {
        c.args(["--pack", p]);
    }
    let mut child = c
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run decouple-quiz");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("stdin");
    drop(stdin);
    let o = child.wait_with_output().expect("wait");
    Out {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8(o.stdout).expect("utf-8"),
        stderr: String::from_utf8(o.stderr).expect("utf-8"),
    }
}

/// A practice session of every question, answered "don't know", on machine `data` at `now`.
fn study(data: &Path, now: &str) {
    let out = run(data, now, &["--plain", "practice"], &"?\n".repeat(12));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

/// `history merge FROM` run on the data dir `into` at `now`.
fn merge(into: &Path, now: &str, from: &Path) -> Out {
    run(into, now, &["history", "merge", from.to_str().unwrap()], "")
}

fn history(data: &Path) -> PathBuf {
    data.join("history.jsonl")
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("history")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The events of a history file, as parsed JSON values (order-independent).
fn events(path: &Path) -> BTreeSet<String> {
    lines(path)
        .iter()
        .map(|l| {
            serde_json::from_str::<Value>(l)
                .expect("readable")
                .to_string()
        })
        .collect()
}

/// The events of a history file with how often each occurs (a fixed clock can write the same
/// answer twice: identical events are a multiset).
fn counts(lines: &[String]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for l in lines {
        let v = serde_json::from_str::<Value>(l)
            .expect("readable")
            .to_string();
        *m.entry(v).or_insert(0) += 1;
    }
    m
}

fn times(path: &Path) -> Vec<String> {
    lines(path)
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).expect("readable")["at"].to_string())
        .collect()
}

#[test]
fn two_machines_merge_without_losing_or_doubling_anything() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    // Both machines start from the same history, then study in parallel.
    study(&a, "2026-11-20T09:00:00Z");
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(history(&a), history(&b)).unwrap();
    study(&a, "2026-11-22T09:00:00Z");
    study(&b, "2026-11-21T18:00:00Z");
    study(&b, "2026-11-23T07:00:00Z");
    // B was stopped while saving: its last line is cut off.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(history(&b))
        .unwrap();
    f.write_all(br#"{"v":1,"kind":"answer","at":"2026-11-23T07:"#)
        .unwrap();
    drop(f);
    let before_a = events(&history(&a));
    let count_a = counts(&lines(&history(&a)));
    let raw_b = lines(&history(&b));
    let count_b = counts(&raw_b[..raw_b.len() - 1]);
    let shared: usize = count_b
        .iter()
        .map(|(e, n)| (*n).min(count_a.get(e).copied().unwrap_or(0)))
        .sum();
    assert!(shared > 0, "the common start is in both");

    let b_file = history(&b);
    let out = merge(&a, "2026-11-24T08:00:00Z", &b_file);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut union = count_a.clone();
    for (e, n) in &count_b {
        let m = union.entry(e.clone()).or_insert(0);
        *m = (*m).max(*n);
    }
    assert_eq!(
        counts(&lines(&history(&a))),
        union,
        "every event of both sides, as often as the side that has it most"
    );
    let mut sorted = times(&history(&a));
    sorted.sort();
    assert_eq!(times(&history(&a)), sorted, "time order");
    let added = count_b.values().sum::<usize>() - shared;
    assert!(
        out.stdout.contains(&format!("Added {added} events (")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("{shared} already here")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Skipped the last line of"),
        "{}",
        out.stdout
    );
    let backup = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("The history before the merge is kept as "))
        .expect("backup line")
        .trim_end_matches('.');
    assert!(backup.contains("history.jsonl.bak-"), "{backup}");
    assert_eq!(events(Path::new(backup)), before_a);

    // The merged history opens cleanly and counts every answer.
    let stats = run(&a, "2026-11-24T08:00:00Z", &["stats", "--json"], "");
    assert_eq!(stats.stderr, "");
    let answers: usize = union
        .iter()
        .filter(|(e, _)| e.contains(r#""kind":"answer""#))
        .map(|(_, n)| n)
        .sum();
    let json: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(
        json["totals"]["answers"].as_u64(),
        Some(answers as u64),
        "{json}"
    );

    // Merging the same file again adds nothing and writes nothing.
    let again = merge(&a, "2026-11-24T08:05:00Z", &b_file);
    assert_eq!(again.code, 0);
    assert!(again.stdout.starts_with("Nothing new:"), "{}", again.stdout);
    assert_eq!(counts(&lines(&history(&a))), union);
    let backups = std::fs::read_dir(&a)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".bak-")
        })
        .count();
    assert_eq!(backups, 1);

    // The other way round: B gets A's events, and both machines hold the same events.
    let a_file = history(&a);
    let back = merge(&b, "2026-11-24T08:10:00Z", &a_file);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(
        back.stdout.contains("Moved the cut-off last line"),
        "{}",
        back.stdout
    );
    assert_eq!(counts(&lines(&history(&b))), union);
}

#[test]
fn export_leaves_out_torn_and_unreadable_lines() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let a = tmp.path().join("a");
    study(&a, "2026-11-20T09:00:00Z");
    let clean = lines(&history(&a));
    let mut text = std::fs::read_to_string(history(&a)).unwrap();
    text.insert_str(0, "not json\n");
    text.push_str(r#"{"v":1,"kind":"ans"#);
    std::fs::write(history(&a), &text).unwrap();
    let out = run(&a, "2026-11-20T10:00:00Z", &["history", "export"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().collect::<Vec<_>>(), clean);
    assert!(
        out.stderr.contains("Left out 1 unreadable line: line 1."),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("cut off"), "{}", out.stderr);
    // The history itself is untouched.
    assert_eq!(std::fs::read_to_string(history(&a)).unwrap(), text);
    let file = tmp.path().join("copy.jsonl");
    let out = run(
        &a,
        "2026-11-20T10:00:00Z",
        &["history", "export", file.to_str().unwrap()],
        "",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(lines(&file), clean);
    assert!(
        out.stderr
            .contains(&format!("Exported {} events", clean.len())),
        "{}",
        out.stderr
    );
    // Exporting onto the history itself is refused.
    let h = history(&a);
    let out = run(
        &a,
        "2026-11-20T10:00:00Z",
        &["history", "export", h.to_str().unwrap()],
        "",
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("is the history itself"),
        "{}",
        out.stderr
    );
}

#[test]
fn merging_a_missing_file_or_a_newer_history_changes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let a = tmp.path().join("a");
    study(&a, "2026-11-20T09:00:00Z");
    let before = std::fs::read(history(&a)).unwrap();
    let out = run(
        &a,
        "2026-11-20T10:00:00Z",
        &["history", "merge", "/nonexistent/h.jsonl"],
        "",
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("cannot read /nonexistent/h.jsonl"),
        "{}",
        out.stderr
    );
    let newer = tmp.path().join("newer.jsonl");
    std::fs::write(&newer, "{\"v\":9,\"kind\":\"answer\"}\n").unwrap();
    let out = merge(&a, "2026-11-20T10:00:00Z", &newer);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("newer decouple-quiz"), "{}", out.stderr);
    assert_eq!(std::fs::read(history(&a)).unwrap(), before);
}

#[test]
fn unreadable_lines_of_this_history_are_kept_and_equal_times_keep_their_order() {
    use decouple_quiz::engine::merge;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let s =
        |at: &str, mode: &str| format!(r#"{{"v":1,"kind":"session","at":"{at}","mode":"{mode}"}}"#);
    let here = format!(
        "{}\nthis line is damaged\n{}\n",
        s("2026-11-20T10:00:00Z", "review"),
        s("2026-11-22T10:00:00Z", "review")
    );
    std::fs::write(dir.join("history.jsonl"), &here).unwrap();
    let other = format!(
        "{}\n{}\n{}\n",
        s("2026-11-20T10:00:00Z", "drill"),
        s("2026-11-21T10:00:00Z", "practice"),
        // The same event with its keys in another order is the same event.
        r#"{"mode":"review","at":"2026-11-22T10:00:00Z","kind":"session","v":1}"#
    );
    let r = merge::merge(dir, other.as_bytes(), 1_795_687_200_000).unwrap();
    assert_eq!(r.added.sessions, 2);
    assert_eq!((r.already, r.kept_unreadable), (1, 1));
    let merged = lines(&dir.join("history.jsonl"));
    assert_eq!(
        merged,
        vec![
            s("2026-11-20T10:00:00Z", "review"),
            "this line is damaged".to_string(),
            s("2026-11-20T10:00:00Z", "drill"),
            s("2026-11-21T10:00:00Z", "practice"),
            s("2026-11-22T10:00:00Z", "review"),
        ]
    );
    assert_eq!(std::fs::read_to_string(r.backup.unwrap()).unwrap(), here);
}

#[test]
fn a_new_machine_takes_the_whole_history_without_a_backup() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, fresh) = (tmp.path().join("a"), tmp.path().join("fresh"));
    study(&a, "2026-11-20T09:00:00Z");
    let a_file = history(&a);
    let out = merge(&fresh, "2026-11-21T09:00:00Z", &a_file);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("kept as"), "{}", out.stdout);
    assert_eq!(lines(&history(&fresh)), lines(&a_file));
    // Standard input works too, and adds nothing the second time.
    let again = run(
        &fresh,
        "2026-11-21T09:00:00Z",
        &["history", "merge", "-"],
        &std::fs::read_to_string(&a_file).unwrap(),
    );
    assert!(again.stdout.starts_with("Nothing new:"), "{}", again.stdout);
    assert!(
        again.stdout.contains("of standard input"),
        "{}",
        again.stdout
    );
}

/// The merged history and the copy kept before the merge have the history's permission bits,
/// like every other copy the program makes of it (not the umask's, nor the temporary file's).
#[cfg(unix)]
#[test]
fn a_merge_keeps_the_history_s_permission_bits_for_it_and_its_backup() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    study(&a, "2026-11-20T09:00:00Z");
    study(&b, "2026-11-20T10:00:00Z");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for bits in [0o640, 0o604] {
        std::fs::set_permissions(history(&a), std::fs::Permissions::from_mode(bits)).unwrap();
        study(&b, "2026-11-21T10:00:00Z");
        let out = merge(&a, "2026-11-22T09:00:00Z", &history(&b));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let backup = out
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("The history before the merge is kept as "))
            .expect("backup line");
        assert_eq!(mode(&history(&a)), bits, "the merged history");
        assert_eq!(
            mode(Path::new(backup.trim_end_matches('.'))),
            bits,
            "{backup}"
        );
    }
}

/// A history that is a link (into a synced folder) stays a link: the merge is written to its
/// target, which is where the next answers are appended too.
#[cfg(unix)]
#[test]
fn merging_into_a_linked_history_writes_the_link_s_target() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b, sync) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("sync"),
    );
    study(&a, "2026-11-20T09:00:00Z");
    study(&b, "2026-11-20T10:00:00Z");
    std::fs::create_dir_all(&sync).unwrap();
    let target = sync.join("laptop.jsonl");
    std::fs::rename(history(&a), &target).unwrap();
    std::os::unix::fs::symlink(&target, history(&a)).unwrap();
    let before = events(&target);
    let out = merge(&a, "2026-11-22T09:00:00Z", &history(&b));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let link = std::fs::symlink_metadata(history(&a)).unwrap();
    assert!(link.file_type().is_symlink(), "still a link");
    let merged = events(&target);
    assert!(merged.is_superset(&before) && merged.is_superset(&events(&history(&b))));
    assert!(merged.len() > before.len());
    // The next session appends to the same target.
    study(&a, "2026-11-23T09:00:00Z");
    assert!(events(&target).len() > merged.len());
    assert!(
        std::fs::symlink_metadata(history(&a))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link to nothing (the synced folder not mounted) is refused, and left as it is.
    let c = tmp.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    std::os::unix::fs::symlink(sync.join("gone.jsonl"), history(&c)).unwrap();
    let out = merge(&c, "2026-11-22T09:00:00Z", &history(&b));
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stderr.contains("which does not exist"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    assert!(!sync.join("gone.jsonl").exists());
    assert!(
        std::fs::symlink_metadata(history(&c))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
