//! Semantic styles. The colour theme and a monochrome one (NO_COLOR, `--color never`) that uses only
//! modifiers; meaning never rests on colour alone (✓/✗, ▶ and reverse video carry it too).

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub mono: bool,
    pub base: Style,
    pub title: Style,
    pub muted: Style,
    pub accent: Style,
    pub selected: Style,
    pub correct: Style,
    pub incorrect: Style,
    pub warning: Style,
    pub key: Style,
    pub border: Style,
    pub border_focus: Style,
    pub diagram: Style,
    pub highlight: Style,
    pub bar: Style,
    pub heat: [Style; 5],
}

impl Theme {
    /// A bordered pane with its title in the theme's border and title styles.
    pub fn block<'a>(&self, title: impl Into<Line<'a>>) -> Block<'a> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(self.border)
            .title(title)
            .title_style(self.title)
    }

    pub fn color() -> Theme {
        let fg = |c| Style::new().fg(c);
        Theme {
            mono: false,
            base: Style::new(),
            title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            muted: fg(Color::DarkGray),
            accent: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            correct: fg(Color::Green).add_modifier(Modifier::BOLD),
            incorrect: fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: fg(Color::Yellow),
            key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Cyan),
            diagram: fg(Color::Gray),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            bar: fg(Color::Cyan),
            heat: [
                fg(Color::DarkGray),
                fg(Color::Green),
                fg(Color::Green),
                fg(Color::LightGreen),
                fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            ],
        }
    }

    pub fn mono() -> Theme {
        let s = Style::new();
        let bold = s.add_modifier(Modifier::BOLD);
        Theme {
            mono: true,
            base: s,
            title: bold,
            muted: s.add_modifier(Modifier::DIM),
            accent: bold,
            selected: s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            correct: bold,
            incorrect: bold.add_modifier(Modifier::UNDERLINED),
            warning: bold,
            key: bold,
            border: s,
            border_focus: bold,
            diagram: s,
            highlight: s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            bar: s,
            heat: [s.add_modifier(Modifier::DIM), s, s, bold, bold],
        }
    }
}
