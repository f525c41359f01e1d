//! The `[review]` section of config.toml: scheduling settings, each checked with a located error
//! (`file:line:col`) that names the key. A bad key falls back to its default; the others still apply.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use time::Date;
use toml::{Spanned, Value};

use crate::pack::diag::{Diagnostic, Severity, SourceMap, file_level};

/// Scheduling settings. Replay applies the current settings to the whole history, so changing
/// one reschedules every card consistently (the raw answers are never rewritten).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewConfig {
    /// Target probability of recall when a review falls due (FSRS "desired retention").
    pub desired_retention: f64,
    /// Learning steps in seconds (new cards), e.g. `[60, 600]`.
    pub learning_steps: Vec<u32>,
    /// Relearning steps in seconds (after a lapse).
    pub relearning_steps: Vec<u32>,
    pub max_interval_days: u32,
    /// Spread review intervals by a deterministic ±few percent (see docs/scheduling.md).
    pub fuzz: bool,
    /// New questions introduced per UTC day by the review queue.
    pub new_per_day: u32,
    /// No interval reaches past this date.
    pub exam_date: Option<Date>,
}

/// The settings of the study session around the scheduler (also in `[review]`): they change what
/// is asked when, never the memory model, so replay does not depend on them.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyConfig {
    /// The final reviews before `exam_date` are spread over this many days.
    pub exam_window_days: u32,
    /// When a session has nothing else left, learning questions due within this many minutes
    /// are asked early (Anki's "learn ahead limit").
    pub learn_ahead_minutes: u32,
    /// Local time at which a new study day starts, in minutes after midnight ("04:00" = 240).
    pub day_starts_at: u32,
    /// Reviews (not new questions) offered per study day.
    pub max_reviews_per_day: u32,
    /// Lapses (in review and drill) that make a question a leech.
    pub leech_lapses: u32,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            desired_retention: 0.9,
            learning_steps: vec![60, 600],
            relearning_steps: vec![600],
            max_interval_days: 36_500,
            fuzz: true,
            new_per_day: 25,
            exam_date: None,
        }
    }
}

impl Default for StudyConfig {
    fn default() -> Self {
        StudyConfig {
            exam_window_days: 7,
            learn_ahead_minutes: 20,
            day_starts_at: 240,
            max_reviews_per_day: 200,
            leech_lapses: 8,
        }
    }
}

const KEYS: &[&str] = &[
    "desired_retention",
    "learning_steps",
    "relearning_steps",
    "max_interval_days",
    "fuzz",
    "new_per_day",
    "exam_date",
    "exam_window_days",
    "learn_ahead_minutes",
    "day_starts_at",
    "max_reviews_per_day",
    "leech_lapses",
];

type Section = BTreeMap<Spanned<String>, Spanned<Value>>;

#[derive(serde::Deserialize)]
struct RawConfig {
    /// Other sections belong to other parts of the app and are ignored here.
    review: Option<Section>,
}

impl ReviewConfig {
    /// Reads `path`; a missing file means defaults. Problems come back as diagnostics.
    pub fn load(path: &Path) -> (ReviewConfig, Vec<Diagnostic>) {
        let shown = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&shown, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (ReviewConfig::default(), Vec::new())
            }
            Err(e) => {
                let d = file_level(
                    Severity::Error,
                    &shown,
                    format!("cannot read config: {e}; using default review settings"),
                );
                (ReviewConfig::default(), vec![d])
            }
        }
    }

    /// Parses config text; `path` is what diagnostics show.
    pub fn parse(path: &str, text: &str) -> (ReviewConfig, Vec<Diagnostic>) {
        let (cfg, _, diags) = parse_all(path, text);
        (cfg, diags)
    }
}

impl StudyConfig {
    /// The study settings of `path` (defaults when it is missing or unreadable; its diagnostics
    /// come from [`ReviewConfig::load`]).
    pub fn load(path: &Path) -> StudyConfig {
        std::fs::read_to_string(path)
            .map(|text| parse_all("", &text).1)
            .unwrap_or_default()
    }

    /// The study settings of config text.
    pub fn parse(text: &str) -> StudyConfig {
        parse_all("", text).1
    }
}

/// Both sections' settings of `[review]`, with every problem as a diagnostic.
pub fn parse_all(path: &str, text: &str) -> (ReviewConfig, StudyConfig, Vec<Diagnostic>) {
    {
        let map = SourceMap::new(path, text);
        let mut cfg = ReviewConfig::default();
        let mut study = StudyConfig::default();
        let (raw, mut diags) = match parse_lenient(text, &map) {
            Ok(parsed) => parsed,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = format!("{}; using default review settings", e.message().trim());
                return (cfg, study, vec![map.at(Severity::Error, span, msg)]);
            }
        };
        for (key, value) in raw.review.unwrap_or_default() {
            let name = key.get_ref().as_str();
            let span = value.span();
            let result = match name {
                "desired_retention" => {
                    number(value.get_ref(), 0.7, 0.99).map(|v| cfg.desired_retention = v)
                }
                "learning_steps" => steps(value.get_ref()).map(|v| cfg.learning_steps = v),
                "relearning_steps" => steps(value.get_ref()).map(|v| cfg.relearning_steps = v),
                "max_interval_days" => {
                    integer(value.get_ref(), 1, 36_500).map(|v| cfg.max_interval_days = v)
                }
                "fuzz" => value
                    .get_ref()
                    .as_bool()
                    .map(|v| cfg.fuzz = v)
                    .ok_or_else(|| "must be true or false".into()),
                "new_per_day" => integer(value.get_ref(), 0, 9_999).map(|v| cfg.new_per_day = v),
                "exam_date" => date(value.get_ref()).map(|v| cfg.exam_date = Some(v)),
                "exam_window_days" => {
                    integer(value.get_ref(), 1, 60).map(|v| study.exam_window_days = v)
                }
                "learn_ahead_minutes" => {
                    integer(value.get_ref(), 0, 1_440).map(|v| study.learn_ahead_minutes = v)
                }
                "day_starts_at" => clock(value.get_ref()).map(|v| study.day_starts_at = v),
                "max_reviews_per_day" => {
                    integer(value.get_ref(), 0, 9_999).map(|v| study.max_reviews_per_day = v)
                }
                "leech_lapses" => integer(value.get_ref(), 1, 99).map(|v| study.leech_lapses = v),
                _ => {
                    let help = crate::pack::validate::closest(name, KEYS).map_or_else(
                        || format!("known keys: {}", KEYS.join(", ")),
                        |c| format!("did you mean `{c}`?"),
                    );
                    diags.push(located(
                        &map,
                        key.span(),
                        format!("unknown key `review.{name}`"),
                        help,
                    ));
                    continue;
                }
            };
            if let Err(why) = result {
                let msg = format!("`review.{name}` {why}");
                diags.push(located(
                    &map,
                    span,
                    msg,
                    format!("using the default: {}", default_text(name)),
                ));
            }
        }
        diags.sort_by_key(|d| (d.line, d.col));
        (cfg, study, diags)
    }
}

/// How many bad `key = value` lines are set aside before the whole file is given up on.
const MAX_BAD_LINES: usize = 32;

/// Parses the file; a value the TOML parser itself refuses (an integer too large for 64 bits, a
/// malformed date) costs only its own `key = value` line: the line is blanked (same length, so
/// every other location stays right), reported, and the rest parsed again. Anything else (a
/// broken table header, a stray character) fails the whole file, as before.
fn parse_lenient(
    text: &str,
    map: &SourceMap<'_>,
) -> Result<(RawConfig, Vec<Diagnostic>), toml::de::Error> {
    let mut text = text.to_owned();
    let mut diags = Vec::new();
    let first = match toml::from_str::<RawConfig>(&text) {
        Ok(r) => return Ok((r, diags)),
        Err(e) => e,
    };
    let mut err = first.clone();
    for _ in 0..MAX_BAD_LINES {
        let Some((line, key)) = err.span().and_then(|s| value_line(&text, s)) else {
            return Err(first);
        };
        diags.push(located(
            map,
            err.span().unwrap_or(0..0),
            format!("`{key}` {}", value_problem(err.message().trim())),
            "this key is ignored; the others still apply".into(),
        ));
        text.replace_range(line.clone(), &" ".repeat(line.len()));
        match toml::from_str::<RawConfig>(&text) {
            Ok(r) => return Ok((r, diags)),
            Err(e) => err = e,
        }
    }
    Err(first)
}

/// The TOML parser's complaint about a value, in the words of the other config messages.
fn value_problem(msg: &str) -> String {
    if msg.contains("as i128") || msg.contains("overflow") {
        "is a whole number too large for any setting; it is ignored".into()
    } else {
        format!("cannot be read ({msg}); it is ignored")
    }
}

/// The byte range of the one line holding `span` and the key it sets, when that line is a
/// simple `key = value` whose value contains the span.
fn value_line(text: &str, span: Range<usize>) -> Option<(Range<usize>, String)> {
    let start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .get(span.start..)?
        .find('\n')
        .map_or(text.len(), |i| span.start + i);
    if span.end > end.max(span.start + 1) {
        return None;
    }
    let line = &text[start..end];
    let eq = line.find('=')?;
    let key = line[..eq].trim();
    let simple = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let table = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    let name = table.map_or_else(|| key.to_owned(), |t| format!("{t}.{key}"));
    (simple && span.start >= start + eq).then_some((start..end, name))
}

fn located(map: &SourceMap<'_>, span: Range<usize>, msg: String, help: String) -> Diagnostic {
    map.at(Severity::Error, span, msg).with_help(help)
}

fn default_text(key: &str) -> &'static str {
    match key {
        "desired_retention" => "0.9",
        "learning_steps" => "[\"1m\", \"10m\"]",
        "relearning_steps" => "[\"10m\"]",
        "max_interval_days" => "36500",
        "fuzz" => "true",
        "new_per_day" => "25",
        "exam_window_days" => "7",
        "learn_ahead_minutes" => "20",
        "day_starts_at" => "\"04:00\"",
        "max_reviews_per_day" => "200",
        "leech_lapses" => "8",
        _ => "none",
    }
}

fn number(v: &Value, lo: f64, hi: f64) -> Result<f64, String> {
    let x = match v {
        Value::Float(f) => *f,
        Value::Integer(i) => *i as f64,
        _ => {
            return Err(format!(
                "must be a number from {lo} to {hi}, not {}",
                v.type_str()
            ));
        }
    };
    if (lo..=hi).contains(&x) {
        Ok(x)
    } else {
        Err(format!("must be from {lo} to {hi}, not {x}"))
    }
}

fn integer(v: &Value, lo: i64, hi: i64) -> Result<u32, String> {
    match v {
        Value::Integer(i) if (lo..=hi).contains(i) => Ok(*i as u32),
        Value::Integer(i) => Err(format!("must be from {lo} to {hi}, not {i}")),
        _ => Err(format!(
            "must be a whole number from {lo} to {hi}, not {}",
            v.type_str()
        )),
    }
}

fn steps(v: &Value) -> Result<Vec<u32>, String> {
    let hint =
        "must be a list of durations like [\"1m\", \"10m\"] (units s, m, h, d; each at most 1d)";
    let Value::Array(items) = v else {
        return Err(hint.into());
    };
    items
        .iter()
        .map(|i| {
            i.as_str()
                .and_then(duration)
                .ok_or_else(|| hint.to_string())
        })
        .collect()
}

/// `30s`, `10m`, `1h`, `1d` → seconds, from 1 s to 1 day.
pub fn duration(s: &str) -> Option<u32> {
    let s = s.trim();
    let unit = match s.chars().last()? {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return None,
    };
    let n: u32 = s[..s.len() - 1].trim().parse().ok()?;
    n.checked_mul(unit)
        .filter(|secs| (1..=86_400).contains(secs))
}

/// `"04:00"` → minutes after midnight (00:00 to 23:59).
fn clock(v: &Value) -> Result<u32, String> {
    let hint = "must be a local time like \"04:00\" (00:00 to 23:59)";
    let s = v.as_str().ok_or(hint)?;
    let (h, m) = s.split_once(':').ok_or(hint)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| hint)?, m.parse().map_err(|_| hint)?);
    if h < 24 && m < 60 && s.len() == 5 {
        Ok(h * 60 + m)
    } else {
        Err(hint.into())
    }
}

fn date(v: &Value) -> Result<Date, String> {
    let hint = "must be a date like 2026-12-15";
    let (y, m, d) = match v {
        Value::Datetime(dt) if dt.time.is_none() => {
            let d = dt.date.ok_or(hint)?;
            (i32::from(d.year), d.month, d.day)
        }
        Value::String(s) => {
            let mut it = s.splitn(3, '-').map(str::parse::<i32>);
            match (it.next(), it.next(), it.next()) {
                (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) if s.len() == 10 => (y, m as u8, d as u8),
                _ => return Err(hint.into()),
            }
        }
        _ => return Err(hint.into()),
    };
    let month = time::Month::try_from(m).map_err(|_| hint.to_string())?;
    Date::from_calendar_date(y, month, d).map_err(|_| hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        assert_eq!(ReviewConfig::parse("c.toml", "").0, ReviewConfig::default());
        let text = "[ui]\ntheme = 1\n[review]\ndesired_retention = 0.85\nlearning_steps = [\"30s\", \"5m\", \"1h\"]\nrelearning_steps = []\nfuzz = false\nexam_date = 2026-12-15\nnew_per_day = 5\nmax_interval_days = 60\nday_starts_at = \"05:30\"\nlearn_ahead_minutes = 0\nmax_reviews_per_day = 50\nleech_lapses = 4\nexam_window_days = 5\n";
        let (c, study, d) = parse_all("c.toml", text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.desired_retention, 0.85);
        assert_eq!(c.learning_steps, vec![30, 300, 3600]);
        assert!(c.relearning_steps.is_empty() && !c.fuzz);
        assert_eq!(c.exam_date, Some(time::macros::date!(2026 - 12 - 15)));
        assert_eq!((c.new_per_day, c.max_interval_days), (5, 60));
        assert_eq!((study.day_starts_at, study.learn_ahead_minutes), (330, 0));
        assert_eq!((study.max_reviews_per_day, study.leech_lapses), (50, 4));
        assert_eq!(study.exam_window_days, 5);
        let (_, d) = ReviewConfig::parse("c.toml", "[review]\nday_starts_at = \"25:00\"\n");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn bad_values_name_the_key_and_place() {
        let text = "[review]\ndesired_retention = 1.5\nlearning_step = [\"1m\"]\nexam_date = \"soon\"\nfuzz = true\n";
        let (c, d) = ReviewConfig::parse("c.toml", text);
        assert!(c.fuzz);
        assert_eq!(c.desired_retention, 0.9);
        let shown: Vec<String> = d
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "c.toml:2:21: `review.desired_retention` must be from 0.7 to 0.99, not 1.5",
                "c.toml:3:1: unknown key `review.learning_step`",
                "c.toml:4:13: `review.exam_date` must be a date like 2026-12-15",
            ]
        );
        assert_eq!(d[1].help.as_deref(), Some("did you mean `learning_steps`?"));
        let (_, d) = ReviewConfig::parse("c.toml", "[review\n");
        assert_eq!(d[0].location(), "c.toml:1:8");
    }
}
