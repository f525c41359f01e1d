//! The authoring loop end to end: `E` on a question runs `$EDITOR +LINE FILE`, and when the
//! editor exits the packs are reloaded with the session kept; a broken edit is reported with its
//! location instead of crashing.
#![cfg(unix)]

use crate::support::pty as support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::{Dirs, Tui};

/// Copies the trainer fixtures into a pack folder the test may edit.
fn packs(dirs: &Dirs) -> String {
    let dir = dirs.root.path().join("packs");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a-decoupling.toml", "b-caching.toml"] {
        std::fs::copy(Path::new("tests/fixtures/tui").join(name), dir.join(name)).unwrap();
    }
    dir.display().to_string()
}

/// A fake editor: records its arguments, then runs `sed_script` on the file.
fn editor(dirs: &Dirs, sed_script: &str) -> String {
    let path = dirs.root.path().join("editor.sh");
    let log = dirs.root.path().join("editor-args");
    let script = format!(
        "#!/bin/sh\necho \"$@\" > '{}'\nsed -i '{sed_script}' \"$2\"\n",
        log.display()
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn start(dirs: &Dirs, editor: &str) -> Tui {
    let pack_dir = packs(dirs);
    let args = [
        "--seed",
        "1",
        "--no-builtin",
        "--pack-dir",
        &pack_dir,
        "--now",
        "2026-11-26T10:00:00Z",
    ];
    let mut args: Vec<&str> = args.to_vec();
    args.extend(["practice", "--topic", "tui-decoupling/queues"]);
    Tui::spawn_with(
        &args,
        &[("EDITOR", editor), ("VISUAL", editor)],
        (24, 80),
        dirs,
    )
}

#[test]
fn editing_a_question_reloads_it_in_place() {
    let dirs = Dirs::new();
    let ed = editor(&dirs, "s/Orders arrive in bursts/Orders ARRIVE in bursts/");
    let mut tui = start(&dirs, &ed);
    tui.wait_for("Orders arrive in bursts");
    tui.send("E");
    tui.wait_for("Orders ARRIVE in bursts");
    tui.wait_for("reloaded");
    let args = std::fs::read_to_string(dirs.root.path().join("editor-args")).unwrap();
    assert!(
        args.starts_with('+') && args.contains("a-decoupling.toml"),
        "editor args: {args}"
    );
    tui.send("\x03");
    tui.wait_exit();
}

#[test]
fn a_broken_edit_is_reported_with_its_location() {
    let dirs = Dirs::new();
    let ed = editor(&dirs, "s/^correct = true/corect = true/");
    let mut tui = start(&dirs, &ed);
    tui.wait_for("Orders arrive in bursts");
    tui.send("E");
    tui.wait_for("a-decoupling.toml:");
    tui.wait_for("unknown field `corect`");
    // The session goes on with the packs as they were before the broken edit.
    assert!(
        tui.screen().contains("Orders arrive in bursts"),
        "{}",
        tui.screen()
    );
    tui.send("a");
    tui.wait_for("Next review");
    tui.send("\x03");
    tui.wait_exit();
}
