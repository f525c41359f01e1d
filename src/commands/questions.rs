//! `decouple-quiz questions [--json] [filters]`: every question with your state, flag, note,
//! last result and due date, filtered like the question browser (docs/json.md for the JSON).

use std::io::Write;

use anyhow::{Result, bail};
use serde::Serialize;

use super::{emit, load};
use crate::cli::QuestionsArgs;
use crate::engine::utc;
use crate::env::Env;
use crate::study::browse::{self, Filter, JsonRow, Last, State};

#[derive(Serialize)]
struct Out<'a> {
    now: String,
    count: usize,
    questions: &'a [JsonRow],
}

pub fn questions(env: &Env, args: &QuestionsArgs, out: &mut dyn Write) -> Result<()> {
    let filter = filter(args)?;
    let (lib, engine) = load(env)?;
    for p in &filter.packs {
        if !lib.packs.iter().any(|x| &x.id == p) {
            bail!("no pack `{p}` (see `decouple-quiz list`)");
        }
    }
    let rows: Vec<JsonRow> = browse::rows(&lib, &engine)
        .iter()
        .filter(|r| filter.matches(&lib, r))
        .map(|r| JsonRow::new(&lib, r))
        .collect();
    let mut buf = Vec::new();
    if args.json {
        let now = utc::format(utc::from_datetime(env.now()));
        serde_json::to_writer(
            &mut buf,
            &Out {
                now,
                count: rows.len(),
                questions: &rows,
            },
        )?;
        buf.push(b'\n');
    } else {
        for r in &rows {
            let stem: String = r.stem.split_whitespace().collect::<Vec<_>>().join(" ");
            let stem: String = stem.chars().take(60).collect();
            let due = r.due.as_deref().map_or("-", |d| &d[..10]);
            writeln!(
                buf,
                "{:<40} {:<8} {:<5} {} {:<10} {stem}",
                r.key,
                r.state.as_str(),
                r.last.as_str(),
                if r.flagged { "⚑" } else { " " },
                due
            )?;
        }
        writeln!(buf, "{}", super::count(rows.len(), "question"))?;
    }
    emit(out, &buf)
}

fn filter(a: &QuestionsArgs) -> Result<Filter> {
    let states = a
        .states
        .iter()
        .map(|s| {
            State::parse(s).ok_or_else(|| {
                anyhow::anyhow!("unknown state `{s}`: use new, learning, review or leech")
            })
        })
        .collect::<Result<_>>()?;
    let last = a
        .last
        .iter()
        .map(|s| {
            Last::parse(s).ok_or_else(|| {
                anyhow::anyhow!("unknown last result `{s}`: use right, wrong or none")
            })
        })
        .collect::<Result<_>>()?;
    for d in &a.domains {
        if crate::pack::Domain::parse(d).is_none() {
            bail!("unknown domain `{d}`: use secure, resilient, performant or cost");
        }
    }
    Ok(Filter {
        packs: a.packs.clone(),
        topics: a.topics.clone(),
        domains: a.domains.clone(),
        states,
        flagged: a.flagged,
        last,
        search: a.search.clone().unwrap_or_default(),
    })
}
