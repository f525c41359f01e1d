//! `decouple-quiz completions SHELL`: shell completion scripts, with the exam, pack and topic ids
//! of the packs loaded when the script is generated (built-in and user packs) written into it, so
//! completion works offline and without running the program on every Tab.

use std::io::Write;

use clap::builder::PossibleValuesParser;

use crate::library::Library;

/// `completions <shell>`.
pub fn completions(shell: clap_complete::Shell, lib: &Library, out: &mut dyn Write) {
    use clap::CommandFactory;
    let exams: Vec<String> = crate::exam::all(lib).map(|e| e.id.clone()).collect();
    let packs: Vec<String> = lib.packs.iter().map(|p| p.id.clone()).collect();
    let mut topics: Vec<String> = lib
        .packs
        .iter()
        .flat_map(|p| p.topics.iter().map(move |t| format!("{}/{}", p.id, t.id)))
        .collect();
    topics.extend(
        lib.packs
            .iter()
            .flat_map(|p| p.topics.iter().map(|t| t.id.clone())),
    );
    topics.sort();
    topics.dedup();
    // Only ids safe to write into a shell script (pack ids are checked; this is belt and braces).
    let ok = |s: &String| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'/')
    };
    // The command runs once and exits: the few ids are leaked to get clap's `&'static str`.
    let values = |v: Vec<String>| {
        PossibleValuesParser::new(
            v.into_iter()
                .filter(ok)
                .map(|s| &*Box::leak(s.into_boxed_str()))
                .collect::<Vec<&'static str>>(),
        )
    };
    let mut cmd = crate::cli::Cli::command()
        .mut_subcommand("exam", |s| {
            s.mut_arg("id", |a| a.value_parser(values(exams)))
        })
        .mut_subcommand("practice", |s| {
            s.mut_arg("packs", |a| a.value_parser(values(packs)))
                .mut_arg("topics", |a| a.value_parser(values(topics)))
        });
    clap_complete::generate(shell, &mut cmd, "decouple-quiz", out);
}
