//! Word wrapping into styled lines with hanging indents, so scroll positions are known exactly.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` columns. As in Markdown, a single newline is a space and a blank line
/// starts a new paragraph (pack authors break long TOML lines anywhere). The first line starts
/// with `first`, the following ones with `rest` (a hanging indent).
pub fn wrap(
    text: &str,
    width: usize,
    first: Span<'static>,
    rest: &str,
    style: Style,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut prefix = first;
    for (n, para) in paragraphs(text).enumerate() {
        if n > 0 {
            out.push(Line::default());
        }
        let avail = width.saturating_sub(prefix.width()).max(8);
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ') {
            let w = word.width();
            if line_w > 0 && line_w + 1 + w > avail {
                out.push(Line::from(vec![
                    std::mem::replace(&mut prefix, Span::raw(rest.to_string())),
                    Span::styled(std::mem::take(&mut line), style),
                ]));
                line_w = 0;
            }
            if line_w > 0 {
                line.push(' ');
                line_w += 1;
            }
            if w <= avail {
                line.push_str(word);
                line_w += w;
                continue;
            }
            // A word wider than the line is split by characters, in one pass over it (time
            // linear in its length, however long).
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if line_w > 0 && line_w + cw > avail {
                    out.push(Line::from(vec![
                        std::mem::replace(&mut prefix, Span::raw(rest.to_string())),
                        Span::styled(std::mem::take(&mut line), style),
                    ]));
                    line_w = 0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        out.push(Line::from(vec![
            std::mem::replace(&mut prefix, Span::raw(rest.to_string())),
            Span::styled(line, style),
        ]));
    }
    out
}

/// Paragraphs of a text: blank-line separated, inner newlines folded into spaces.
pub fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|p| {
            p.split('\n')
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join(" ")
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
}

/// Plain wrap without prefixes.
pub fn plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width, Span::raw(""), "", style)
}

/// `s` cut to at most `width` terminal columns, with an ellipsis when something was cut (a wide
/// character counts two columns).
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut t: String = s
        .chars()
        .take_while(|c| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= room
        })
        .collect();
    if width > 0 {
        t.push('…');
    }
    t
}

/// `s` cut or padded with spaces to exactly `width` columns: a table cell.
pub fn fit(s: &str, width: usize) -> String {
    let mut t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_with_hanging_indent() {
        let l = wrap(
            "one two three four",
            13,
            Span::raw("A. "),
            "   ",
            Style::new(),
        );
        assert_eq!(strings(&l), vec!["A. one two", "   three four"]);
    }

    #[test]
    fn keeps_paragraphs_and_splits_long_words() {
        let l = plain("abcdefghijkl\n\nx\ny", 8, Style::new());
        assert_eq!(strings(&l), vec!["abcdefgh", "ijkl", "", "x y"]);
        let l = plain("ab cdefghijklmnopq", 8, Style::new());
        assert_eq!(strings(&l), vec!["ab", "cdefghij", "klmnopq"]);
    }

    #[test]
    fn wide_characters_are_cut_and_padded_by_columns() {
        let cut = truncate("東京リージョン", 5);
        assert_eq!((cut.as_str(), cut.width()), ("東京…", 5));
        assert_eq!(
            truncate("東京リージョン", 6),
            "東京…",
            "no half of a wide character"
        );
        assert_eq!(truncate("queues", 6), "queues");
        assert_eq!(truncate("queues", 5), "queu…");
        assert_eq!(truncate("queues", 0), "");
        assert_eq!(fit("東京", 6), "東京  ");
        assert_eq!(fit("東京リージョン", 8).width(), 8);
        assert_eq!(fit("sns", 5), "sns  ");
    }

    #[test]
    fn a_huge_word_wraps_in_linear_time() {
        // 2 MB in one word: quadratic splitting took minutes; linear takes milliseconds.
        let word = "x".repeat(2_000_000);
        let l = plain(&word, 80, Style::new());
        assert_eq!(l.len(), 25_000);
        assert!(strings(&l).iter().all(|s| s.len() == 80));
    }
}
