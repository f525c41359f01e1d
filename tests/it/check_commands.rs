//! The non-interactive commands around packs: `check` on valid packs and bad paths, where packs
//! are loaded from, `new-pack`, `list`, `paths` and `completions`.

use crate::support::cli as support;

use decouple_quiz::pack::builtin;
use decouple_quiz::pack::load;
use decouple_quiz::pack::model::PackSource;
use support::{Sandbox, check, fixture};

#[test]
fn valid_packs_check_clean() {
    let out = check(&[&fixture("valid")]);
    assert_eq!(
        out.stdout,
        "checked 3 packs: 9 questions, 4 diagrams, 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn nonexistent_path_is_a_usage_error() {
    let out = check(&["tests/fixtures/packs/no-such-file.toml"]);
    assert_eq!(
        out.stdout,
        "tests/fixtures/packs/no-such-file.toml: error: no such file or directory\n"
    );
    assert_eq!(out.code, 2);
}

#[test]
fn unknown_option_is_a_usage_error() {
    let out = check(&["--frobnicate"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--frobnicate"), "{}", out.stderr);
}

#[test]
fn check_without_paths_checks_the_user_packs_dir() {
    let sb = Sandbox::new();
    let text = std::fs::read(support::fixture_abs("invalid/bad-id.toml")).unwrap();
    let p = sb.write("data/packs/mine.toml", &text);
    let out = sb.run(&["check"]);
    assert_eq!(
        out.headlines(),
        vec![format!(
            "{}:18:6: error: question id `Burst_Orders` is not valid",
            p.display()
        )]
    );
    assert_eq!(out.code, 1);
}

#[test]
fn pack_dir_and_pack_add_to_the_default_sources() {
    let sb = Sandbox::new();
    let valid = fixture("valid");
    let out = sb.run(&[
        "--pack-dir",
        &valid,
        "--pack",
        &fixture("many-errors/three.toml"),
        "check",
    ]);
    assert_eq!(
        out.stdout,
        "checked 4 packs: 10 questions, 4 diagrams, 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn new_pack_writes_a_starter_that_passes_check() {
    let sb = Sandbox::new();
    let out = sb.run(&["new-pack", "my-notes"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = sb.data_dir().join("packs").join("my-notes.toml");
    assert_eq!(out.stdout, format!("{}\n", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id = \"my-notes\""), "{text}");
    // Its question shows the problem and reveals the fix after the answer.
    assert!(
        text.contains("reveal_diagram = \"web-queue-worker\""),
        "{text}"
    );
    assert!(
        text.contains(&format!("decouple-quiz check {}", path.display())),
        "{text}"
    );

    let out = sb.run(&["check", path.to_str().unwrap()]);
    assert_eq!(
        out.stdout,
        "checked 1 pack: 1 question, 2 diagrams, 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
    // It is in the user packs dir, so a plain `check` and `list` see it too.
    assert_eq!(
        sb.run(&["check"]).stdout,
        "checked 1 pack: 1 question, 2 diagrams, 0 errors, 0 warnings\n"
    );
    assert!(
        sb.run(&["list"])
            .stdout
            .starts_with("pack\tmy-notes\tMy AWS questions\t1 question\n")
    );
}

#[test]
fn new_pack_refuses_to_overwrite_and_bad_ids() {
    let sb = Sandbox::new();
    assert_eq!(sb.run(&["new-pack", "mine"]).code, 0);
    let again = sb.run(&["new-pack", "mine"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("pack id `mine` is already used"),
        "{}",
        again.stderr
    );
    let bad = sb.run(&["new-pack", "My Pack"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("pack id `My Pack` is not valid"),
        "{}",
        bad.stderr
    );
}

#[test]
fn list_shows_packs_topics_and_exams() {
    let sb = Sandbox::new();
    let out = sb.run(&["--pack-dir", &fixture("valid"), "list"]);
    assert_eq!(
        out.stdout,
        "pack\tfixture-crlf\tCRLF fixture\t1 question\n\
         topic\tfixture-crlf/cost\tSaving money\t1 question\tcost\n\
         pack\tfixture-edge\tEdge fixture\t2 questions\n\
         topic\tfixture-edge/cdn\tCaching at the edge\t2 questions\tperformant\n\
         exam\tfixture-combined\tEdge and queues\t3 questions\t6 minutes\n\
         pack\tfixture-messaging\tMessaging fixture\t6 questions\n\
         topic\tfixture-messaging/queues\tQueues between tiers\t3 questions\tresilient\n\
         topic\tfixture-messaging/fanout\tFan-out with topics\t1 question\tperformant\n\
         topic\tfixture-messaging/encryption\tEncrypting messages\t1 question\tsecure\n\
         topic\tfixture-messaging/messaging-costs\tPaying for messaging\t1 question\tcost\n\
         exam\tfixture-mock\tMessaging mock exam\t5 questions\t10 minutes\n"
    );
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
}

#[test]
fn list_skips_broken_packs_with_a_note() {
    let sb = Sandbox::new();
    let out = sb.run(&["--pack-dir", &fixture("many-errors"), "list"]);
    assert_eq!(
        out.stdout,
        "pack\tthree\tThree\t1 question\ntopic\tthree/costs\tCosts\t1 question\tcost\n"
    );
    assert!(out.stderr.contains("note: skipped tests/fixtures/packs/many-errors/one.toml: 13 errors (run `decouple-quiz check` for details)"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("note: skipped tests/fixtures/packs/many-errors/two.toml: 3 errors"),
        "{}",
        out.stderr
    );
}

/// The id of a built-in pack that loads cleanly (the built-in content is checked elsewhere).
fn builtin_id() -> String {
    builtin::PACKS
        .iter()
        .filter_map(|(name, text)| {
            load::from_str(name, text, PackSource::Builtin(name.to_string())).checked
        })
        .find(|c| !c.diagnostics.iter().any(|d| d.is_error()))
        .map(|c| c.pack.id)
        .expect("at least one built-in pack loads")
}

fn pack_with_id(id: &str, title: &str, exam_packs: &str) -> String {
    let starter = std::fs::read_to_string(support::fixture_abs("many-errors/three.toml")).unwrap();
    starter
        .replace("id = \"three\"", &format!("id = \"{id}\""))
        .replace("title = \"Three\"", &format!("title = \"{title}\""))
        + &format!(
            "\n[[exam]]\nid = \"ctx-exam\"\ntitle = \"Context exam\"\nquestions = 1\nminutes = 2\npacks = [{exam_packs}]\n"
        )
}

#[test]
fn a_user_pack_with_a_builtin_id_replaces_it() {
    let sb = Sandbox::new();
    let id = builtin_id();
    sb.write(
        &format!("data/packs/{id}.toml"),
        pack_with_id(&id, "My replacement", &format!("\"{id}\"")).as_bytes(),
    );
    let out = sb.run_raw(&["--data-dir", sb.data_dir().to_str().unwrap(), "list"]);
    assert!(
        out.stdout
            .contains(&format!("pack\t{id}\tMy replacement\t1 question\n")),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches(&format!("pack\t{id}\t")).count(),
        1,
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(&format!("note: pack `{id}` from ")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("replaces the built-in one"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_path_may_draw_exams_from_builtin_packs() {
    let sb = Sandbox::new();
    let id = builtin_id();
    let p = sb.write(
        "ctx.toml",
        pack_with_id("ctx", "Context", &format!("\"ctx\", \"{id}\"")).as_bytes(),
    );
    let path = p.to_str().unwrap();
    // With the built-ins as context the exam's packs are known, and only this file is counted.
    let out = sb.run_raw(&["--data-dir", sb.data_dir().to_str().unwrap(), "check", path]);
    assert_eq!(
        out.stdout,
        "checked 1 pack: 1 question, 0 diagrams, 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
    // Without them, the exam names an unknown pack.
    let out = sb.run(&["check", path]);
    assert_eq!(
        out.headlines(),
        vec![format!(
            "{path}:37:17: error: exam `ctx-exam` draws from unknown pack `{id}`"
        )]
    );
    assert_eq!(out.code, 1);
}

#[test]
fn paths_come_from_the_environment() {
    let sb = Sandbox::new();
    let out = sb.run_raw(&["paths"]);
    let (d, c) = (sb.data_dir(), sb.config_dir());
    assert_eq!(
        out.stdout,
        format!(
            "data dir:    {}\nhistory:     {}\nuser packs:  {}\nconfig dir:  {}\nconfig file: {}\ncache dir:   {}\n",
            d.display(),
            d.join("history.jsonl").display(),
            d.join("packs").display(),
            c.display(),
            c.join("config.toml").display(),
            d.join("cache").display()
        )
    );
    assert_eq!(out.code, 0);
}

#[test]
fn path_flags_override_the_environment() {
    let sb = Sandbox::new();
    let d = sb.dir.path().join("flag-data");
    let c = sb.dir.path().join("flag-config");
    let out = sb.run_raw(&[
        "--data-dir",
        d.to_str().unwrap(),
        "--config-dir",
        c.to_str().unwrap(),
        "paths",
    ]);
    assert!(
        out.stdout
            .starts_with(&format!("data dir:    {}\n", d.display())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("user packs:  {}\n", d.join("packs").display())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "config file: {}\n",
            c.join("config.toml").display()
        )),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains(sb.data_dir().to_str().unwrap()),
        "{}",
        out.stdout
    );
}

#[test]
fn completions_for_bash() {
    let out = Sandbox::new().run_raw(&["completions", "bash"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("decouple-quiz"));
    assert!(out.stdout.contains("new-pack"));
}
