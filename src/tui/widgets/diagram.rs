//! The diagram widget: ASCII art drawn cell by cell, never wrapped, scrollable in both directions,
//! with the question's regions highlighted after answering (on the problem diagram, or on the
//! reveal diagram that replaces it after the verdict).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthChar;

use crate::pack::Diagram;
use crate::pack::model::Text;
use crate::tui::theme::Theme;

pub struct DiagramView<'a> {
    pub diagram: &'a Diagram,
    /// Region ids to highlight.
    pub highlight: &'a [Text],
    pub scroll: (u16, u16),
    pub focused: bool,
    /// Drawn after the verdict as the question's reveal diagram: the title says it is the fix.
    pub revealed: bool,
    pub theme: &'a Theme,
}

/// Rows and columns of a piece of art.
pub fn art_size(art: &str) -> (u16, u16) {
    let rows = art.lines().count();
    let cols = art
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    (
        u16::try_from(rows).unwrap_or(u16::MAX),
        u16::try_from(cols).unwrap_or(u16::MAX),
    )
}

/// The largest useful scroll offset for content of `size` in `view` cells.
pub fn max_scroll(size: u16, view: u16) -> u16 {
    size.saturating_sub(view)
}

impl Widget for DiagramView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (rows, cols) = art_size(&self.diagram.art);
        let mut title = if self.revealed {
            format!(" Fix: {} ", self.diagram.title)
        } else {
            format!(" {} ", self.diagram.title)
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.focused {
                self.theme.border_focus
            } else {
                self.theme.border
            });
        let inner = block.inner(area);
        let (sr, sc) = (
            self.scroll.0.min(max_scroll(rows, inner.height)),
            self.scroll.1.min(max_scroll(cols, inner.width)),
        );
        if rows > inner.height || cols > inner.width {
            title.push_str(&format!("[{}/{} ↕↔] ", sr + inner.height.min(rows), rows));
        }
        block
            .title(title)
            .title_style(self.theme.title)
            .render(area, buf);
        for (r, line) in self
            .diagram
            .art
            .lines()
            .skip(usize::from(sr))
            .take(usize::from(inner.height))
            .enumerate()
        {
            let row = sr as usize + r;
            let y = inner.y + u16::try_from(r).unwrap_or(0);
            let mut x_art = 0usize;
            for ch in line.chars() {
                let w = ch.width().unwrap_or(0);
                let lit = self.is_lit(row, x_art);
                if x_art >= usize::from(sc)
                    && x_art + w <= usize::from(sc) + usize::from(inner.width)
                {
                    let x = inner.x + u16::try_from(x_art - usize::from(sc)).unwrap_or(0);
                    let style = if lit {
                        self.theme.highlight
                    } else {
                        self.theme.diagram
                    };
                    buf[(x, y)].set_char(ch).set_style(style);
                }
                x_art += w;
            }
        }
    }
}

impl DiagramView<'_> {
    fn is_lit(&self, row: usize, col: usize) -> bool {
        self.diagram
            .regions
            .iter()
            .filter(|r| self.highlight.iter().any(|h| h == &r.id))
            .any(|r| r.row == row && col >= r.col && col < r.col + r.width)
    }
}

/// A muted one-line stand-in when there is no diagram.
pub fn none(area: Rect, buf: &mut Buffer, style: Style) {
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(" no diagram ")
        .render(area, buf);
}
