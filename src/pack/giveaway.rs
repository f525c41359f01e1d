//! Give-away terms: AWS services and features that a question's diagram and a correct choice
//! name but neither the stem nor any wrong choice, so the picture gives the answer away.
//!
//! Pure: works on the validated model. The validator turns findings into located warnings and
//! honours `# giveaway-ok: <term>: <reason>` comments (see `validate::giveaway`).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::model::{Diagram, Question};

/// The terms `check` looks for, matched case-insensitively on word boundaries (a letter or digit
/// may not touch either end). Kept in sync with the list the content writers' script uses
/// (`lengthrank.py`): add a term to both.
pub const TERMS: &[&str] = &[
    "SQS",
    "SNS",
    "ALB",
    "Application Load Balancer",
    "NLB",
    "Network Load Balancer",
    "GWLB",
    "Gateway Load Balancer",
    "ElastiCache",
    "Valkey",
    "Redis",
    "Memcached",
    "DynamoDB",
    "TTL",
    "EventBridge",
    "Kinesis",
    "alias",
    "failover routing",
    "latency-based",
    "latency routing",
    "API Gateway",
    "usage plan",
    "Step Functions",
    "Lambda",
    "DLQ",
    "dead-letter",
    "FIFO",
    "sticky",
    "stickiness",
    "health check",
    "cross-zone",
    "Multi-AZ",
    "Auto Scaling",
    "target tracking",
    "CloudFront",
    "WAF",
    "Shield",
    "KMS",
    "Secrets Manager",
    "Parameter Store",
    "NAT gateway",
    "Transit Gateway",
    "VPC endpoint",
    "gateway endpoint",
    "interface endpoint",
    "PrivateLink",
    "Global Accelerator",
    "Cognito",
    "Glacier",
    "Intelligent-Tiering",
    "EBS",
    "EFS",
    "FSx",
    "Aurora",
    "read replica",
    "DAX",
    "global table",
    "Savings Plan",
    "Spot",
    "Reserved Instance",
    "Fargate",
    "ECS",
    "EKS",
    "Direct Connect",
    "VPN",
    "peering",
    "Organizations",
    "SCP",
    "IAM role",
    "bucket policy",
    "presigned",
    "Object Lock",
    "replication",
    "lifecycle",
    "RDS Proxy",
    "Global Database",
    "on-demand",
    "provisioned concurrency",
    "DataSync",
    "Snowball",
    "Storage Gateway",
    "GuardDuty",
    "Macie",
    "Inspector",
    "CloudTrail",
    "Config",
    "Compute Optimizer",
    "Graviton",
    "Amazon MQ",
    "read replicas",
    "Outposts",
    "Route 53",
];

/// Whether `text` contains `term` as a whole word or phrase, ignoring ASCII case.
pub fn mentions(text: &str, term: &str) -> bool {
    contains_word(&text.to_ascii_lowercase(), &term.to_ascii_lowercase())
}

/// [`mentions`] on text and term already lowercased.
fn contains_word(hay: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    hay.match_indices(needle).any(|(i, m)| {
        !word(hay[..i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
    })
}

/// Texts joined by newlines and lowercased once, so each term is one search (a term never spans
/// a newline).
fn lowered<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in texts {
        out.push_str(t);
        out.push('\n');
    }
    out.make_ascii_lowercase();
    out
}

/// Every term of [`TERMS`] at once (ASCII case ignored): one pass over a diagram's text.
static FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(TERMS)
        .expect("the give-away terms build an automaton")
});

/// The terms that `diagram` gives away for `q`: named in the diagram (title, alt or art) and in a
/// correct choice, but neither in the stem nor in any wrong choice. In `TERMS` order. This runs
/// for every question of every pack that is parsed, so the diagram is scanned once for all terms
/// (Aho-Corasick) and each other text is lowercased once.
pub fn give_aways(q: &Question, diagram: &Diagram) -> Vec<&'static str> {
    let drawn = lowered([
        diagram.title.as_str(),
        diagram.alt.as_str(),
        diagram.art.as_str(),
    ]);
    let mut found = vec![false; TERMS.len()];
    for m in FINDER.find_overlapping_iter(drawn.as_str()) {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !word(drawn[..m.start()].chars().next_back()) && !word(drawn[m.end()..].chars().next()) {
            found[m.pattern().as_usize()] = true;
        }
    }
    if !found.contains(&true) {
        return Vec::new();
    }
    let right = lowered(
        q.choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str()),
    );
    let wrong = lowered(
        q.choices
            .iter()
            .filter(|c| !c.correct)
            .map(|c| c.text.as_str()),
    );
    let stem = q.stem.to_ascii_lowercase();
    TERMS
        .iter()
        .zip(found)
        .filter(|(_, f)| *f)
        .map(|(t, _)| (*t, t.to_ascii_lowercase()))
        .filter(|(_, n)| contains_word(&right, n))
        .filter(|(_, n)| !contains_word(&stem, n))
        .filter(|(_, n)| !contains_word(&wrong, n))
        .map(|(t, _)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_ignoring_case() {
        assert!(mentions("An Amazon SQS queue", "SQS"));
        assert!(mentions("sqs", "SQS"));
        assert!(mentions("(ALB)", "ALB"));
        assert!(!mentions("ALBs", "ALB"));
        assert!(!mentions("BALB", "ALB"));
        assert!(mentions("the Route 53 record", "Route 53"));
        assert!(!mentions("Route 530", "Route 53"));
        assert!(mentions("a dead-letter queue", "dead-letter"));
        assert!(mentions("Amazon EBS-optimized", "EBS"));
    }
}
