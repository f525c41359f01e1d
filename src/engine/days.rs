//! Study days: the learner's day runs from `day_starts_at` (local time, default 04:00) to the same
//! time the next day, like Anki's "next day starts at". "Due today", the daily limits, streaks and
//! answers per day all count in these days. The local time zone comes from `jiff`, which reads the
//! system time-zone database safely (and honours `TZ`).

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::utc::{self, DAY_MS, Ms};

/// The day boundary in force: a time zone and the local time a day starts at.
#[derive(Debug, Clone)]
pub struct StudyDays {
    tz: TimeZone,
    /// Minutes after local midnight.
    start_min: u32,
}

impl Default for StudyDays {
    fn default() -> Self {
        StudyDays::new(TimeZone::UTC, 0)
    }
}

impl StudyDays {
    pub fn new(tz: TimeZone, start_min: u32) -> StudyDays {
        StudyDays { tz, start_min }
    }

    /// The system's local time zone (`TZ` honoured; UTC when it cannot be found).
    pub fn local(start_min: u32) -> StudyDays {
        StudyDays::new(system_zone().unwrap_or(TimeZone::UTC), start_min)
    }

    /// Where instants of study day `day` lie, when that day has one UTC offset throughout (no
    /// clock change): then an instant is in the day exactly when it is in the range.
    pub fn range(&self, day: i64) -> Option<std::ops::Range<Ms>> {
        let (from, to) = (self.start(day), self.start(day + 1));
        let offset = |at: Ms| {
            Timestamp::from_millisecond(at)
                .ok()
                .map(|ts| self.tz.to_offset(ts))
        };
        (from < to && offset(from).is_some() && offset(from) == offset(to - 1)).then_some(from..to)
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The number of the study day holding the instant `ms` (the day of its local date,
    /// shifted back by the start time; day 0 began on 1970-01-01).
    pub fn day(&self, ms: Ms) -> i64 {
        let Ok(ts) = Timestamp::from_millisecond(ms) else {
            return utc::day(ms);
        };
        let local = self.tz.to_datetime(ts);
        let shifted = local
            .checked_sub(SignedDuration::from_mins(i64::from(self.start_min)))
            .unwrap_or(local);
        let d = shifted.date();
        utc::civil_day(i64::from(d.year()), d.month() as u32, d.day() as u32)
    }

    /// The instant the study day `day` starts.
    pub fn start(&self, day: i64) -> Ms {
        let (y, m, d) = utc::civil_from_day(day);
        let at = || -> Option<Ms> {
            let date = jiff::civil::Date::new(
                i16::try_from(y).ok()?,
                i8::try_from(m).ok()?,
                i8::try_from(d).ok()?,
            )
            .ok()?;
            let time = jiff::civil::Time::new(
                i8::try_from(self.start_min / 60).ok()?,
                i8::try_from(self.start_min % 60).ok()?,
                0,
                0,
            )
            .ok()?;
            let zoned = self
                .tz
                .to_ambiguous_zoned(DateTime::from_parts(date, time))
                .compatible()
                .ok()?;
            Some(zoned.timestamp().as_millisecond())
        };
        at().unwrap_or(day * DAY_MS)
    }

    /// The instant the study day holding `ms` ends (the next one starts).
    pub fn end_of_day(&self, ms: Ms) -> Ms {
        self.start(self.day(ms) + 1)
    }

    /// A cursor that answers [`StudyDays::day`] for many instants, remembering the last day's
    /// bounds: instants in time order (the answers) cost one time-zone look-up per day, not one
    /// per instant.
    pub fn cursor(&self) -> DayCursor<'_> {
        DayCursor {
            days: self,
            last: None,
        }
    }

    /// The local wall-clock time of an instant, `HH:MM`.
    pub fn clock(&self, ms: Ms) -> String {
        let Ok(ts) = Timestamp::from_millisecond(ms) else {
            return String::new();
        };
        let t = self.tz.to_datetime(ts);
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

/// The local time zone. Without `TZ`, `/etc/localtime` is read directly: jiff's own look-up
/// also walks the whole zoneinfo directory to name the zone, which a start-up does not need.
fn system_zone() -> Option<TimeZone> {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Some(tz) = std::fs::read("/etc/localtime")
            .ok()
            .and_then(|data| TimeZone::tzif("Local", &data).ok())
    {
        return Some(tz);
    }
    TimeZone::try_system().ok()
}

/// See [`StudyDays::cursor`]: remembers the last clean day looked up and its range.
pub struct DayCursor<'a> {
    days: &'a StudyDays,
    last: Option<(std::ops::Range<Ms>, i64)>,
}

impl DayCursor<'_> {
    /// The study day holding `ms`, the same as [`StudyDays::day`].
    pub fn day(&mut self, ms: Ms) -> i64 {
        if let Some((range, day)) = &self.last
            && range.contains(&ms)
        {
            return *day;
        }
        let day = self.days.day(ms);
        // Remembered only for a day without a clock change (the clocks going back can make `day`
        // step back inside such a day), so the answer is always `StudyDays::day`'s.
        self.last = self
            .days
            .range(day)
            .filter(|r| r.contains(&ms))
            .map(|r| (r, day));
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Ms {
        utc::parse(s).unwrap()
    }

    #[test]
    fn a_day_starts_at_four_local() {
        let tz = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let days = StudyDays::new(tz, 240);
        // 01:30 local on the 27th still belongs to the 26th.
        let late = at("2026-11-27T00:30:00Z");
        let morning = at("2026-11-27T06:00:00Z");
        assert_eq!(days.day(late) + 1, days.day(morning));
        assert_eq!(days.start(days.day(morning)), at("2026-11-27T03:00:00Z"));
        assert_eq!(days.end_of_day(morning), at("2026-11-28T03:00:00Z"));
        assert_eq!(days.clock(morning), "07:00");
        let utc0 = StudyDays::default();
        assert_eq!(utc0.day(morning), utc::day(morning));
        assert_eq!(utc0.start(utc0.day(morning)), utc::day(morning) * DAY_MS);
    }

    #[test]
    fn a_day_range_holds_exactly_its_instants_and_is_none_on_a_clock_change() {
        let tz = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let days = StudyDays::new(tz, 240);
        let day = days.day(at("2026-11-27T06:00:00Z"));
        let r = days.range(day).unwrap();
        assert_eq!(r, at("2026-11-27T03:00:00Z")..at("2026-11-28T03:00:00Z"));
        for ms in [r.start - 1, r.start, r.end - 1, r.end] {
            assert_eq!(r.contains(&ms), days.day(ms) == day);
        }
        // The clocks go back at 03:00 on 25 October 2026: inside the study day that starts at
        // 04:00 on the 24th.
        assert_eq!(days.range(days.day(at("2026-10-24T12:00:00Z"))), None);
    }

    #[test]
    fn the_cursor_agrees_with_day_across_daylight_saving_changes() {
        let tz = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        // Start times in, before and after the hours the clocks jump (02:00-03:00).
        for start_min in [0, 150, 240] {
            let days = StudyDays::new(tz.clone(), start_min);
            let mut cursor = days.cursor();
            let first = at("2026-03-27T00:00:00Z");
            let mut ms = first;
            while ms < at("2026-11-03T00:00:00Z") {
                assert_eq!(cursor.day(ms), days.day(ms), "start {start_min} at {ms}");
                ms += 7 * 60 * 1000;
            }
            // Out of order too.
            for back in [
                at("2026-10-25T01:30:00Z"),
                first,
                at("2026-03-29T01:59:00Z"),
            ] {
                assert_eq!(cursor.day(back), days.day(back));
            }
        }
    }
}
