//! How long until a question comes back, in words ("in 10 minutes", "in 3 days", "now").

/// "in 3 days", "in 10 minutes", "now".
pub fn until(now: time::OffsetDateTime, due: time::OffsetDateTime) -> String {
    let secs = (due - now).whole_seconds();
    let (n, unit) = match secs {
        // A one-minute learning step is shown as such even if the frame is drawn a moment later.
        s if s <= 0 => return "now".to_string(),
        s if s < 3600 => ((s + 59) / 60, "minute"),
        s if s < 86_400 => ((s + 1800) / 3600, "hour"),
        s if s < 86_400 * 60 => ((s + 43_200) / 86_400, "day"),
        s if s < 86_400 * 730 => ((s + 15 * 86_400) / (30 * 86_400), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    format!("in {n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::until;
    use time::macros::datetime;

    #[test]
    fn human_intervals() {
        let now = datetime!(2026-11-26 10:00 UTC);
        assert_eq!(until(now, datetime!(2026-11-26 10:10 UTC)), "in 10 minutes");
        assert_eq!(until(now, datetime!(2026-11-29 10:00 UTC)), "in 3 days");
        assert_eq!(until(now, datetime!(2026-11-27 10:00 UTC)), "in 1 day");
        assert_eq!(until(now, now), "now");
    }
}
