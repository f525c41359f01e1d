//! The validated, owned form of a pack: what the rest of the app reads. No spans, no I/O.

use serde::{Deserialize, Serialize};

use super::shared::Unreadable;
pub use super::shared::{Lazy, Text};

/// The four exam domains of the Solutions Architect Associate exam guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Domain {
    Secure,
    Resilient,
    Performant,
    Cost,
}

impl Domain {
    pub const ALL: [Domain; 4] = [
        Domain::Secure,
        Domain::Resilient,
        Domain::Performant,
        Domain::Cost,
    ];

    pub fn parse(s: &str) -> Option<Domain> {
        Self::ALL.into_iter().find(|d| d.id() == s)
    }

    pub fn id(self) -> &'static str {
        match self {
            Domain::Secure => "secure",
            Domain::Resilient => "resilient",
            Domain::Performant => "performant",
            Domain::Cost => "cost",
        }
    }

    /// The exam guide's name for the domain.
    pub fn title(self) -> &'static str {
        match self {
            Domain::Secure => "Design Secure Architectures",
            Domain::Resilient => "Design Resilient Architectures",
            Domain::Performant => "Design High-Performing Architectures",
            Domain::Cost => "Design Cost-Optimized Architectures",
        }
    }
}

/// Where a pack came from: built into the binary, or a file on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PackSource {
    Builtin(String),
    File(std::path::PathBuf),
}

impl PackSource {
    pub fn display(&self) -> String {
        match self {
            PackSource::Builtin(name) => format!("built-in:{name}"),
            PackSource::File(p) => p.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub source: PackSource,
    pub topics: Vec<Topic>,
    pub tips: Vec<Tip>,
    pub diagrams: Vec<Diagram>,
    pub questions: Vec<Question>,
    pub exams: Vec<Exam>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub domain: Domain,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tip {
    pub id: Text,
    pub topic: Text,
    pub text: Text,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Diagram {
    pub id: Text,
    /// The title, alt text, art and regions: read through the diagram itself (`diagram.art`),
    /// decoded from the library cache when first drawn.
    pub body: Lazy<Drawing>,
}

/// What a diagram shows (see [`Diagram::body`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Drawing {
    pub title: Text,
    pub alt: Text,
    pub art: Text,
    pub regions: Vec<Region>,
}

impl Unreadable for Drawing {
    /// A diagram whose cached art is damaged: an empty drawing that says so.
    fn unreadable() -> Drawing {
        Drawing {
            title: "(unreadable diagram: delete the cache directory)".into(),
            alt: Text::default(),
            art: Text::default(),
            regions: Vec::new(),
        }
    }
}

/// With its drawing as the diagram reads it (from the pack's source if the cache's is damaged).
impl std::fmt::Debug for Diagram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diagram")
            .field("id", &self.id)
            .field("body", &**self)
            .finish()
    }
}

/// `diagram.art`, `diagram.regions`: a diagram reads as its drawing.
impl std::ops::Deref for Diagram {
    type Target = Drawing;
    fn deref(&self) -> &Drawing {
        self.body.get_for(&self.id)
    }
}

/// A named piece of a diagram's art, located once at load time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Region {
    pub id: Text,
    pub text: Text,
    /// 0-based row in the art.
    pub row: usize,
    /// 0-based display column where the text starts.
    pub col: usize,
    /// Display width of the text.
    pub width: usize,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: Text,
    pub topic: Text,
    /// The situation the stem describes, shown with the question.
    pub diagram: Option<Text>,
    /// The fixed architecture, shown only after the verdict.
    pub reveal_diagram: Option<Text>,
    pub tips: Vec<Text>,
    /// 1-based line of the question's `id` in its file, for opening it in an editor.
    pub line: usize,
    /// The stem, choices, explanation and sources: read through the question itself
    /// (`question.stem`), decoded from the library cache when first read.
    pub body: Lazy<Body>,
}

/// What a question says: its text, choices and explanation (see [`Question::body`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Body {
    pub stem: Text,
    /// Region ids to highlight, in whichever of the two diagrams declares them (only needed
    /// when the question is shown, so it waits in the body).
    pub highlight: Vec<Text>,
    pub explanation: Text,
    pub sources: Vec<Text>,
    pub choices: Vec<Choice>,
}

impl Unreadable for Body {
    /// A question whose cached text is damaged: says so, and counts as a one-choice question.
    fn unreadable() -> Body {
        let fix: Text =
            "This question could not be read from the cache. Delete the cache directory \
                         (`decouple-quiz paths` shows it) and start again."
                .into();
        Body {
            stem: fix.clone(),
            highlight: Vec::new(),
            explanation: fix,
            sources: Vec::new(),
            choices: vec![Choice {
                text: "(unreadable)".into(),
                correct: true,
                why: Text::default(),
            }],
        }
    }
}

/// With its body as the question reads it (from the pack's source if the cache's is damaged).
impl std::fmt::Debug for Question {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Question")
            .field("id", &self.id)
            .field("topic", &self.topic)
            .field("diagram", &self.diagram)
            .field("reveal_diagram", &self.reveal_diagram)
            .field("tips", &self.tips)
            .field("line", &self.line)
            .field("body", &**self)
            .finish()
    }
}

/// `question.stem`, `question.choices`: a question reads as its body.
impl std::ops::Deref for Question {
    type Target = Body;
    fn deref(&self) -> &Body {
        self.body.get_for(&self.id)
    }
}

impl Question {
    /// How many choices are correct: 1 for a single-answer question, N for "Choose N".
    pub fn answer_count(&self) -> usize {
        self.choices.iter().filter(|c| c.correct).count()
    }

    /// Indexes (in file order) of the correct choices.
    pub fn correct_set(&self) -> Vec<usize> {
        self.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| i)
            .collect()
    }

    /// All-or-nothing: the chosen set equals the correct set.
    pub fn is_correct(&self, chosen: &[usize]) -> bool {
        let mut c = chosen.to_vec();
        c.sort_unstable();
        c.dedup();
        c == self.correct_set()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Choice {
    pub text: Text,
    pub correct: bool,
    pub why: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exam {
    pub id: String,
    pub title: String,
    pub questions: usize,
    pub minutes: u32,
    pub pass: u32,
    /// Packs to draw from; never empty after validation (defaults to the defining pack).
    pub packs: Vec<String>,
    /// Relative weights per domain; empty means "in proportion to the bank".
    pub domains: Vec<(Domain, f64)>,
    /// Relative weights per topic, as `pack/topic`.
    pub topics: Vec<(String, f64)>,
}

/// Number words for "Choose TWO" prompts.
pub fn choose_label(n: usize) -> String {
    let word = match n {
        2 => "TWO",
        3 => "THREE",
        4 => "FOUR",
        5 => "FIVE",
        _ => return String::new(),
    };
    format!("Choose {word}")
}
