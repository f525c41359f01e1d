//! UTC instants as milliseconds since the Unix epoch: day numbers and a fast RFC 3339 codec.
//!
//! The engine keeps every time as an `i64` of milliseconds because replay does arithmetic on
//! hundreds of thousands of them; `OffsetDateTime` only appears at the public API. Days are UTC
//! days (see docs/scheduling.md): the same rule the FSRS reference uses for elapsed days.
//! Hand-written on the replay hot path; `parse_timestamps` in `cargo bench --bench history` compares it with `time`.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, UtcOffset};

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Ms = i64;

pub const SECOND_MS: Ms = 1_000;
pub const DAY_MS: Ms = 86_400_000;

/// The instant of a date-time, floored to whole milliseconds.
pub fn from_datetime(t: OffsetDateTime) -> Ms {
    t.unix_timestamp_nanos().div_euclid(1_000_000) as Ms
}

/// The date-time (UTC) of an instant.
pub fn to_datetime(ms: Ms) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The UTC day number of an instant (day 0 is 1970-01-01).
pub fn day(ms: Ms) -> i64 {
    ms.div_euclid(DAY_MS)
}

/// The UTC day number of a calendar date.
pub fn date_day(d: Date) -> i64 {
    days_from_civil(
        i64::from(d.year()),
        u32::from(u8::from(d.month())),
        u32::from(d.day()),
    )
}

/// The day number of a proleptic Gregorian date.
pub fn civil_day(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d)
}

/// The (year, month, day) of a day number.
pub fn civil_from_day(day: i64) -> (i64, u32, u32) {
    civil_from_days(day)
}

/// Formats as RFC 3339 in UTC: `2026-11-26T10:00:00Z`, or `…00.250Z` when there are milliseconds.
pub fn format(ms: Ms) -> String {
    let mut s = String::with_capacity(24);
    write(ms, &mut s);
    s
}

/// Appends the RFC 3339 form of `ms` to `out` (see [`format()`]).
pub fn write(ms: Ms, out: &mut String) {
    use std::fmt::Write as _;
    let (y, m, d) = civil_from_days(day(ms));
    let in_day = ms.rem_euclid(DAY_MS);
    let (h, min, sec, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000,
    );
    let _ = write!(out, "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{sec:02}");
    if milli != 0 {
        let _ = write!(out, ".{milli:03}");
    }
    out.push('Z');
}

/// The first instant a history may hold: 1970-01-01T00:00:00Z.
pub const EARLIEST: Ms = 0;
/// The first instant past what a history may hold: 9999-01-01T00:00:00Z. Times of year 9999
/// are refused so that every date derived from one (a due date, an interval later) still has a
/// four-digit year and prints as RFC 3339.
pub const END: Ms = 2_932_532 * DAY_MS;

/// Whether `ms` is in the years a history may hold, 1970 to 9998.
pub fn in_range(ms: Ms) -> bool {
    (EARLIEST..END).contains(&ms)
}

/// Parses an RFC 3339 date-time with any offset, in the years 1970 to 9998 (UTC). The common
/// `YYYY-MM-DDTHH:MM:SS[.fff]Z` form is decoded by hand (replay parses one per event); anything
/// else goes through `time`.
pub fn parse(s: &str) -> Option<Ms> {
    parse_fast(s.as_bytes())
        .or_else(|| {
            OffsetDateTime::parse(s, &Rfc3339)
                .ok()
                .map(|t| from_datetime(t.to_offset(UtcOffset::UTC)))
        })
        .filter(|&ms| in_range(ms))
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` only; `None` for anything else (including valid RFC 3339
/// with an offset or a leap second, which [`parse`] leaves to `time`).
pub(crate) fn parse_fast(b: &[u8]) -> Option<Ms> {
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r].iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let mut milli = 0;
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                milli = milli * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if !(1..=9).contains(&digits) {
            return None;
        }
        for _ in digits..3 {
            milli *= 10;
        }
    }
    if i + 1 != b.len() || (b[i] != b'Z' && b[i] != b'z') {
        return None;
    }
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(days * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1_000 + milli).filter(|&ms| in_range(ms))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A file-name-safe UTC stamp, e.g. `20261126T100000Z` (no colons, so it works on every OS).
pub fn file_stamp(ms: Ms) -> String {
    let s = format(ms - ms.rem_euclid(SECOND_MS));
    s.replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_agrees_with_time() {
        for ms in [
            0,
            1,
            999,
            1_795_687_200_000,
            1_795_687_200_250,
            951_782_400_000,
            -86_400_000 * 400,
        ] {
            let s = format(ms);
            // Times before 1970 format, but a history may not hold them.
            assert_eq!(parse(&s), in_range(ms).then_some(ms), "{s}");
            let t = OffsetDateTime::parse(&s, &Rfc3339).unwrap();
            assert_eq!(from_datetime(t), ms);
            assert_eq!(to_datetime(ms), t);
        }
        assert_eq!(format(1_795_687_200_000), "2026-11-26T10:00:00Z");
    }

    #[test]
    fn fast_path_rejects_what_it_does_not_know() {
        assert_eq!(parse_fast(b"2026-02-29T00:00:00Z"), None);
        assert_eq!(parse_fast(b"2026-11-26T10:00:00+01:00"), None);
        assert_eq!(
            parse("2026-11-26T10:00:00+01:00"),
            parse("2026-11-26T09:00:00Z")
        );
        assert_eq!(parse("2026-11-26T10:00:00.1Z"), Some(1_795_687_200_100));
        assert_eq!(
            parse("2026-11-26T10:00:00.123456789Z"),
            Some(1_795_687_200_123)
        );
        assert_eq!(parse("2026-11-26 10:00:00Z"), parse("2026-11-26T10:00:00Z"));
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn years_outside_1970_to_9998_are_refused() {
        assert_eq!(END, days_from_civil(9999, 1, 1) * DAY_MS);
        assert!(parse("9998-12-31T23:59:59Z").is_some());
        assert!(parse("9999-01-01T00:00:00Z").is_none());
        assert!(parse("9998-12-31T23:00:00-01:00").is_none());
        assert!(parse("1969-12-31T23:59:59Z").is_none());
        assert!(parse("1970-01-01T00:30:00+01:00").is_none());
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn days() {
        assert_eq!(day(-1), -1);
        assert_eq!(
            date_day(time::macros::date!(2026 - 11 - 26)),
            day(1_795_687_200_000)
        );
        assert_eq!(file_stamp(1_795_687_200_250), "20261126T100000Z");
    }
}
