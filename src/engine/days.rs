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
        StudyDays::new(TimeZone::try_system().unwrap_or(TimeZone::UTC), start_min)
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

    /// The local wall-clock time of an instant, `HH:MM`.
    pub fn clock(&self, ms: Ms) -> String {
        let Ok(ts) = Timestamp::from_millisecond(ms) else {
            return String::new();
        };
        let t = self.tz.to_datetime(ts);
        format!("{:02}:{:02}", t.hour(), t.minute())
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
}
