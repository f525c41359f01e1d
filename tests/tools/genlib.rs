//! Synthetic but valid pack libraries and answer histories of any size, for benchmarks and the
//! cache tests. Deterministic: the same options give the same bytes.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub questions: usize,
    pub packs: usize,
    pub history: usize,
    /// Unix seconds of the last history event; the history spreads over the 365 days before it.
    pub end: i64,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            questions: 10_000,
            packs: 20,
            history: 100_000,
            end: 1_795_600_800,
            seed: 42,
        }
    }
}

/// Topics per pack.
const TOPICS: usize = 8;
/// Tips per topic.
const TIPS: usize = 3;

const WORDS: &[&str] = &[
    "queue",
    "consumer",
    "producer",
    "latency",
    "throughput",
    "Availability",
    "Zone",
    "region",
    "replica",
    "standby",
    "failover",
    "durable",
    "message",
    "visibility",
    "timeout",
    "instance",
    "Auto",
    "Scaling",
    "group",
    "target",
    "listener",
    "health",
    "check",
    "bucket",
    "object",
    "lifecycle",
    "policy",
    "encryption",
    "key",
    "rotation",
    "endpoint",
    "gateway",
    "subnet",
    "private",
    "public",
    "route",
    "table",
    "cache",
    "cluster",
    "node",
    "shard",
    "stream",
    "partition",
    "ordering",
    "duplicate",
    "retry",
    "backoff",
    "dead-letter",
    "alarm",
    "metric",
    "dashboard",
    "budget",
    "reserved",
    "capacity",
    "on-demand",
    "spot",
    "savings",
    "plan",
    "workload",
    "tier",
    "database",
    "read",
    "write",
    "snapshot",
    "backup",
    "restore",
    "recovery",
    "point",
    "objective",
    "company",
    "application",
    "architect",
    "solution",
    "requirement",
    "operational",
    "overhead",
    "cost-effective",
    "secure",
    "resilient",
    "scalable",
    "traffic",
    "spike",
    "request",
    "response",
    "function",
    "container",
    "task",
    "service",
    "account",
];

/// A small deterministic generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Prose of about `len` characters: words, commas and full stops, no quotes or backslashes.
fn prose(rng: &mut Rng, len: usize, tag: &str) -> String {
    let mut s = String::with_capacity(len + 24);
    s.push_str(tag);
    let mut since_stop = 0;
    while s.len() < len {
        s.push(' ');
        s.push_str(WORDS[rng.below(WORDS.len())]);
        since_stop += 1;
        if since_stop > 8 && rng.below(4) == 0 {
            s.push(if rng.below(3) == 0 { ',' } else { '.' });
            since_stop = 0;
        }
    }
    s.push('.');
    s
}

pub fn pack_id(p: usize) -> String {
    format!("pack-{:02}", p + 1)
}

pub fn question_id(q: usize) -> String {
    format!("q-{q:05}")
}

/// How many questions pack `p` of `packs` holds when `total` are spread over them.
pub fn questions_in(p: usize, packs: usize, total: usize) -> usize {
    total / packs + usize::from(p < total % packs)
}

/// The text of pack `p`, with questions numbered from `first`.
pub fn pack_text(opts: &Options, p: usize, first: usize) -> String {
    let n = questions_in(p, opts.packs, opts.questions);
    let mut rng = Rng::new(opts.seed ^ (p as u64).wrapping_mul(0x5851_f42d_4c95_7f2d));
    let mut t = String::with_capacity(n * 2_000 + 4_096);
    let id = pack_id(p);
    let _ = write!(
        t,
        "[pack]\nid = \"{id}\"\ntitle = \"Synthetic pack {} of {}\"\nversion = \"1.0.0\"\ndescription = \"{}\"\n\n",
        p + 1,
        opts.packs,
        prose(&mut rng, 160, "Generated")
    );
    let topics = TOPICS.min(n.max(1));
    for k in 0..topics {
        let domain = ["secure", "resilient", "performant", "cost"][k % 4];
        let _ = write!(
            t,
            "[[topic]]\nid = \"topic-{k}\"\ntitle = \"Topic {k} of {id}: {}\"\ndomain = \"{domain}\"\n\n",
            WORDS[rng.below(WORDS.len())]
        );
        for j in 0..TIPS {
            let _ = write!(
                t,
                "[[tip]]\nid = \"tip-{k}-{j}\"\ntopic = \"topic-{k}\"\ntext = '''\n{}\n'''\n\n",
                prose(&mut rng, 240, "Tip.")
            );
        }
    }
    for i in 0..n {
        let q = first + i;
        let k = i % topics;
        let with_diagram = i % 2 == 0;
        if with_diagram {
            diagram(&mut t, &mut rng, q);
        }
        let _ = write!(
            t,
            "[[question]]\nid = \"{}\"\ntopic = \"topic-{k}\"\n",
            question_id(q)
        );
        if with_diagram {
            let _ = writeln!(t, "diagram = \"d-{q}\"\nhighlight = [\"web\", \"queue\"]");
        } else {
            let _ = writeln!(t, "tips = [\"tip-{k}-{}\"]", rng.below(TIPS));
        }
        let _ = write!(
            t,
            "sources = [\"Service documentation, section {}\"]\nstem = '''\n{}\n'''\nexplanation = '''\n{}\n'''\n",
            rng.below(90) + 1,
            prose(&mut rng, 300, "Scenario."),
            prose(&mut rng, 120, "Because")
        );
        let choices = 4 + rng.below(2);
        let correct = rng.below(choices);
        for c in 0..choices {
            let _ = write!(
                t,
                "[[question.choice]]\ntext = \"{}\"\n{}why = \"{}\"\n",
                prose(&mut rng, 70, &format!("Option {c}:")),
                if c == correct { "correct = true\n" } else { "" },
                prose(&mut rng, 70, "Here")
            );
        }
        t.push('\n');
    }
    t
}

/// A boxes-and-arrows diagram `d-{q}` with the regions `web` and `queue`.
fn diagram(t: &mut String, rng: &mut Rng, q: usize) {
    let _ = write!(
        t,
        "[[diagram]]\nid = \"d-{q}\"\ntitle = \"Flow {q}\"\nalt = \"{}\"\nart = '''\n",
        prose(rng, 90, "Diagram.")
    );
    let w = 14 + rng.below(6);
    let bar = "-".repeat(w);
    let _ = writeln!(t, "+{bar}+     +{bar}+     +{bar}+");
    let _ = writeln!(
        t,
        "| {:<w2$} | --> | {:<w2$} | --> | {:<w2$} |",
        "web",
        "queue",
        "workers",
        w2 = w - 2
    );
    let _ = writeln!(t, "+{bar}+     +{bar}+     +{bar}+");
    let pad = " ".repeat(w + 7);
    let _ = writeln!(t, "{pad}|\n{pad}v");
    let _ = writeln!(t, "{pad}+{bar}+");
    let _ = writeln!(t, "{pad}| {:<w2$} |", "storage", w2 = w - 2);
    let _ = writeln!(t, "{pad}+{bar}+");
    let _ = write!(
        t,
        "'''\n[[diagram.region]]\nid = \"web\"\ntext = \"web\"\n[[diagram.region]]\nid = \"queue\"\ntext = \"queue\"\n\n"
    );
}

/// RFC 3339 UTC with whole seconds, as the history stores times.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// One answer line exactly as the engine writes it (with its newline).
pub fn answer_line(unix: i64, key: &str, chosen: usize, correct: bool, ms: u64) -> String {
    format!(
        "{{\"v\":1,\"kind\":\"answer\",\"at\":\"{}\",\"question\":\"{key}\",\"mode\":\"review\",\"chosen\":[{chosen}],\"correct\":{correct},\"rating\":{},\"ms\":{ms}}}\n",
        rfc3339(unix),
        if correct { 3 } else { 1 }
    )
}

/// `opts.history` answer events in time order over the year before `opts.end`: new questions
/// are introduced in order, the rest are reviews of questions already seen.
pub fn history_text(opts: &Options) -> String {
    let mut rng = Rng::new(opts.seed ^ 0xdead_beef);
    let keys: Vec<String> = (0..opts.packs)
        .flat_map(|p| {
            let first: usize = (0..p)
                .map(|i| questions_in(i, opts.packs, opts.questions))
                .sum();
            (0..questions_in(p, opts.packs, opts.questions))
                .map(move |i| format!("{}/{}", pack_id(p), question_id(first + i)))
        })
        .collect();
    let mut out = String::with_capacity(opts.history * 170);
    let span = 365 * 86_400;
    let mut introduced = 0usize;
    for i in 0..opts.history {
        let at = opts.end - span + (i as i64 * span) / opts.history.max(1) as i64;
        let q = if introduced < keys.len() && (introduced == 0 || rng.below(10) < 3) {
            introduced += 1;
            introduced - 1
        } else {
            rng.below(introduced.max(1))
        };
        let correct = rng.below(10) < 8;
        let key = keys.get(q).map_or("pack-01/q-00000", String::as_str);
        out.push_str(&answer_line(
            at,
            key,
            rng.below(4),
            correct,
            2_000 + rng.below(20_000) as u64,
        ));
    }
    out
}

/// Writes `DIR/packs/pack-NN.toml` and `DIR/history.jsonl` (a data dir the app can open with
/// `--data-dir DIR --no-builtin`). Returns the bytes of packs and history written.
pub fn write(opts: &Options, dir: &Path) -> std::io::Result<(usize, usize)> {
    let packs = dir.join("packs");
    std::fs::create_dir_all(&packs)?;
    let mut first = 0;
    let mut pack_bytes = 0;
    for p in 0..opts.packs {
        let text = pack_text(opts, p, first);
        pack_bytes += text.len();
        std::fs::write(packs.join(format!("{}.toml", pack_id(p))), text)?;
        first += questions_in(p, opts.packs, opts.questions);
    }
    let history = history_text(opts);
    std::fs::write(dir.join("history.jsonl"), &history)?;
    Ok((pack_bytes, history.len()))
}
