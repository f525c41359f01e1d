//! The question browser (`b` on home, `decouple-quiz browse`): every question, filtered by pack,
//! topic, domain, state, flag and last result, with full-text search; a question opens read-only
//! (diagrams, keys, explanation, your answers, due date) and `p` practises the filtered set.
//! State and pure update here; drawing in `view`.

pub mod view;

use crate::library::QRef;
use crate::pack::Domain;
use crate::study::Kind;
use crate::study::browse::{Filter, Last, Row, State};
use crate::tui::app::{Effect, Model, Msg, Request, Screen};
use crate::tui::keymap::{Action, Context};

#[derive(Debug, Clone, Default)]
pub struct BrowserState {
    pub rows: Vec<Row>,
    pub filter: Filter,
    pub searching: bool,
    /// Position in the filtered list.
    pub selected: usize,
    /// The question opened read-only.
    pub open: Option<Open>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    /// Index into `rows`.
    pub row: usize,
    pub scroll: u16,
    /// Show the fixed architecture (the question's reveal diagram) instead of the situation.
    pub reveal: bool,
}

impl BrowserState {
    pub fn new(rows: Vec<Row>) -> Self {
        BrowserState {
            rows,
            ..Default::default()
        }
    }

    /// Indexes into `rows` of the questions the filter lets through.
    pub fn visible(&self, lib: &crate::library::Library) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| self.filter.matches(lib, &self.rows[i]))
            .collect()
    }

    pub fn context(&self) -> Context {
        match (self.open.is_some(), self.searching) {
            (true, _) => Context::BrowserQuestion,
            (false, true) => Context::BrowserSearch,
            (false, false) => Context::Browser,
        }
    }
}

/// Opens the browser on `rows` (computed by the runtime from the library and the history).
pub fn open(model: &mut Model, rows: Vec<Row>) -> Vec<Effect> {
    model.screen = Screen::Browser(Box::new(BrowserState::new(rows)));
    Vec::new()
}

/// The next value of a cycled filter: any → each option in turn → any.
fn cycle<T: Clone + PartialEq>(current: &mut Vec<T>, options: &[T]) {
    let next = match current.first() {
        None => options.first(),
        Some(c) => options
            .iter()
            .position(|o| o == c)
            .and_then(|i| options.get(i + 1)),
    };
    *current = next.cloned().into_iter().collect();
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let lib = &model.lib;
    let Screen::Browser(b) = &mut model.screen else {
        return Vec::new();
    };
    if let Msg::NoteSaved { key, text } = &msg {
        for row in b.rows.iter_mut().filter(|r| &r.key == key) {
            row.note = (!text.is_empty()).then(|| text.clone());
        }
        return Vec::new();
    }
    if let Some(o) = &mut b.open {
        let row = &mut b.rows[o.row];
        match msg {
            Msg::Key(Action::Flag) => {
                row.flagged = !row.flagged;
                let (key, on) = (row.key.clone(), row.flagged);
                model.dash.marks.set_flag(&key, on);
                model.status = Some(if on { "⚑ flagged" } else { "flag taken off" }.into());
                return vec![Effect::Flag { key, on }];
            }
            Msg::Key(Action::Note) => {
                let text = row.note.clone().unwrap_or_default();
                return vec![Effect::Note {
                    key: row.key.clone(),
                    text,
                }];
            }
            Msg::Key(Action::Down) => o.scroll = o.scroll.saturating_add(1),
            Msg::Key(Action::Up) => o.scroll = o.scroll.saturating_sub(1),
            Msg::Key(Action::PageDown) => o.scroll = o.scroll.saturating_add(10),
            Msg::Key(Action::PageUp) => o.scroll = o.scroll.saturating_sub(10),
            Msg::Key(Action::Top) => o.scroll = 0,
            Msg::Key(Action::Zoom) => {
                o.reveal = !o.reveal;
                o.scroll = 0;
            }
            Msg::Key(Action::Back | Action::Confirm) => b.open = None,
            Msg::Key(Action::Quit) => return model.quit(),
            _ => {}
        }
        return Vec::new();
    }
    if b.searching {
        match msg {
            Msg::Char(c) => b.filter.search.push(c),
            Msg::Backspace => {
                b.filter.search.pop();
            }
            Msg::Key(Action::Confirm) => b.searching = false,
            Msg::Key(Action::Back) => {
                b.filter.search.clear();
                b.searching = false;
            }
            _ => {}
        }
        b.selected = 0;
        return Vec::new();
    }
    let visible = b.visible(lib);
    let last = visible.len().saturating_sub(1);
    let f = &mut b.filter;
    match msg {
        Msg::Key(Action::Up) => b.selected = b.selected.saturating_sub(1),
        Msg::Key(Action::Down) => b.selected = (b.selected + 1).min(last),
        Msg::Key(Action::PageUp) => b.selected = b.selected.saturating_sub(10),
        Msg::Key(Action::PageDown) => b.selected = (b.selected + 10).min(last),
        Msg::Key(Action::Top) => b.selected = 0,
        Msg::Key(Action::Bottom) => b.selected = last,
        Msg::Key(Action::Search) => b.searching = true,
        Msg::Key(Action::Confirm) => {
            if let Some(&row) = visible.get(b.selected) {
                b.open = Some(Open {
                    row,
                    scroll: 0,
                    reveal: false,
                });
            }
            return Vec::new();
        }
        Msg::Key(Action::FilterPack) => {
            let packs: Vec<String> = lib.packs.iter().map(|p| p.id.clone()).collect();
            cycle(&mut f.packs, &packs);
            f.topics.clear();
        }
        Msg::Key(Action::FilterTopic) => {
            let topics: Vec<String> = lib
                .packs
                .iter()
                .filter(|p| f.packs.is_empty() || f.packs.contains(&p.id))
                .flat_map(|p| p.topics.iter().map(move |t| format!("{}/{}", p.id, t.id)))
                .collect();
            cycle(&mut f.topics, &topics);
        }
        Msg::Key(Action::FilterDomain) => {
            let ids: Vec<String> = Domain::ALL.iter().map(|d| d.id().to_string()).collect();
            cycle(&mut f.domains, &ids);
        }
        Msg::Key(Action::FilterState) => cycle(&mut f.states, &State::ALL),
        Msg::Key(Action::FilterLast) => cycle(&mut f.last, &Last::ALL),
        Msg::Key(Action::Flag) => f.flagged = !f.flagged,
        Msg::Key(Action::ClearFilters) => *f = Filter::default(),
        Msg::Key(Action::Practise) => {
            let questions: Vec<QRef> = visible.iter().map(|&i| b.rows[i].q).collect();
            if questions.is_empty() {
                model.status = Some("No question matches these filters.".into());
                return Vec::new();
            }
            return vec![Effect::Start(Request::Questions {
                kind: Kind::Practice,
                questions,
            })];
        }
        Msg::Key(Action::Back) => {
            if *f == Filter::default() {
                model.go_home();
            } else {
                *f = Filter::default();
            }
            return Vec::new();
        }
        Msg::Key(Action::Quit) => return model.quit(),
        _ => return Vec::new(),
    }
    // A filter changed: keep the cursor within the list.
    if let Screen::Browser(b) = &mut model.screen {
        let n = b.visible(&model.lib).len();
        b.selected = b.selected.min(n.saturating_sub(1));
    }
    Vec::new()
}
