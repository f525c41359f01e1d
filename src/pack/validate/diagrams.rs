//! Checks of `[[diagram]]` tables: art width and tabs, and locating each region in the art.

use std::collections::HashMap;

use unicode_width::UnicodeWidthStr;

use super::{Ctx, Kind, MAX_ART_WIDTH, duplicate, normalize};
use crate::pack::model::{Diagram, Drawing, Lazy, Region};
use crate::pack::raw::{RawDiagram, S};
use crate::pack::strings::{inner_offset, printable};

pub(super) fn check_diagrams(cx: &mut Ctx, raw: &[RawDiagram]) -> Vec<Diagram> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|d| {
            cx.id("diagram", &d.id);
            duplicate(cx, &mut seen, "diagram", &d.id);
            cx.text("diagram title", &d.title, Kind::Line);
            cx.text("diagram alt", &d.alt, Kind::Lines);
            cx.text("diagram art", &d.art, Kind::Art);
            check_art(cx, &d.art);
            let art = normalize(d.art.get_ref())
                .trim_end()
                .trim_start_matches('\n')
                .to_string();
            let regions = check_regions(cx, d, &art);
            Diagram {
                id: d.id.get_ref().into(),
                body: Lazy::packed(Drawing {
                    title: d.title.get_ref().into(),
                    alt: normalize(d.alt.get_ref()).trim().into(),
                    art: art.into(),
                    regions,
                }),
            }
        })
        .collect()
}

/// Tabs and over-wide lines in diagram art, pointed at where they are written.
fn check_art(cx: &mut Ctx, s: &S) {
    let raw = s.get_ref();
    let src = cx.map.text;
    if let Some(i) = raw.find('\t') {
        let at = inner_offset(src, &s.span(), i);
        let end = inner_offset(src, &s.span(), i + 1).max(at + 1);
        cx.error(
            at..end,
            "diagram art contains a tab",
            "tabs show at different widths in different terminals; use spaces",
        );
    }
    let mut start = 0;
    for line in raw.split('\n') {
        let text = line.trim_end_matches('\r');
        let w = text.width();
        if w > MAX_ART_WIDTH {
            let at = inner_offset(src, &s.span(), start);
            let end = inner_offset(src, &s.span(), start + text.len()).max(at + 1);
            cx.error(
                at..end,
                format!("diagram art line is {w} columns wide; the limit is {MAX_ART_WIDTH}"),
                "shorten the line so the diagram fits beside the question on an ordinary terminal",
            );
        }
        start += line.len() + 1;
    }
}

/// Byte offsets of every occurrence of `needle` in `hay`, overlapping ones included.
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) {
        hits.push(from + i);
        from += i + needle.chars().next().map_or(1, char::len_utf8);
    }
    hits
}

fn check_regions(cx: &mut Ctx, d: &RawDiagram, art: &str) -> Vec<Region> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for r in &d.region {
        cx.id("region", &r.id);
        duplicate(cx, &mut seen, "region", &r.id);
        if !cx.text("region text", &r.text, Kind::Line) {
            continue;
        }
        let needle = r.text.get_ref();
        let diagram = printable(d.id.get_ref());
        match occurrences(art, needle).as_slice() {
            [i] => {
                let before = &art[..*i];
                let line_start = before.rfind('\n').map_or(0, |p| p + 1);
                out.push(Region {
                    id: r.id.get_ref().into(),
                    text: needle.as_str().into(),
                    row: before.matches('\n').count(),
                    col: art[line_start..*i].width(),
                    width: needle.width(),
                });
            }
            [] => cx.error(
                r.text.span(),
                format!("region text \"{}\" does not occur in the art of diagram `{diagram}`", printable(needle)),
                "a region's text must be copied exactly from the art (same spaces and case, on one line)",
            ),
            many => cx.error(
                r.text.span(),
                format!("region text \"{}\" occurs {} times in the art of diagram `{diagram}`", printable(needle), many.len()),
                "make the text longer so it occurs exactly once, e.g. include the neighbouring label",
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_include_overlaps() {
        assert_eq!(occurrences("a===b", "=="), vec![1, 2]);
        assert_eq!(occurrences("éé", "é"), vec![0, 2]);
        assert!(occurrences("abc", "x").is_empty());
    }
}
