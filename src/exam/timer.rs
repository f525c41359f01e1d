//! The exam clock: active time only. Pure: clock readings come in as arguments.
//!
//! The attempt stores "elapsed active milliseconds". Each message adds the time since the previous
//! clock reading; the runtime reads the clock at least every 250 ms. A step longer than
//! `MAX_STEP_MS` means the program was not running in between (a suspended laptop, a stopped
//! process), and counts as nothing. Time while the program is closed is never seen at all: a
//! resumed attempt continues from its stored elapsed time.

use time::OffsetDateTime;

/// Longest gap between two clock readings that still counts as exam time.
pub const MAX_STEP_MS: u64 = 5_000;

/// Under this much time left, the countdown changes style (the last 10 minutes).
pub const LOW_MS: u64 = 10 * 60 * 1000;

/// Active milliseconds between two clock readings: negative steps (the clock was set back) and
/// gaps longer than `MAX_STEP_MS` count as zero.
pub fn step_ms(last: OffsetDateTime, now: OffsetDateTime) -> u64 {
    let d = (now - last).whole_milliseconds();
    match u64::try_from(d) {
        Ok(ms) if ms <= MAX_STEP_MS => ms,
        _ => 0,
    }
}

/// A countdown as `mm:ss`, or `h:mm:ss` from an hour. Rounded up, so it reads 00:00 only when the
/// time is really over.
pub fn countdown(ms: u64) -> String {
    let s = ms.div_ceil(1000);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// A spent duration as `12m 05s` or `1h 02m` (rounded down to the second).
pub fn spent(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}h {:02}m", s / 3600, s / 60 % 60)
    } else {
        format!("{}m {:02}s", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    #[test]
    fn steps_count_only_while_running() {
        let t = datetime!(2026-11-26 10:00 UTC);
        assert_eq!(step_ms(t, t + Duration::milliseconds(250)), 250);
        assert_eq!(step_ms(t, t + Duration::seconds(5)), 5_000);
        assert_eq!(step_ms(t, t + Duration::hours(8)), 0, "laptop lid closed");
        assert_eq!(step_ms(t, t - Duration::seconds(3)), 0, "clock set back");
    }

    #[test]
    fn countdown_rounds_up() {
        assert_eq!(countdown(130 * 60 * 1000), "2:10:00");
        assert_eq!(countdown(40 * 60 * 1000), "40:00");
        assert_eq!(countdown(599_001), "10:00");
        assert_eq!(countdown(1), "00:01");
        assert_eq!(countdown(0), "00:00");
        assert_eq!(spent(61_999), "1m 01s");
        assert_eq!(spent(3_720_000), "1h 02m");
    }
}
