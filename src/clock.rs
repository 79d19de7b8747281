//! The time a command sees: the system clock, or a fixed instant so that every output
//! is reproducible (`OPSCHECK_NOW`, read by the binary; tests and snapshots set it).

use chrono::{DateTime, FixedOffset, Local, NaiveDate};

/// The environment variable that fixes the clock, as RFC 3339
/// (`2026-11-29T10:00:00+08:00`).
pub const NOW_VARIABLE: &str = "OPSCHECK_NOW";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock, in the local time zone.
    #[default]
    System,
    /// Always this instant.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// A fixed clock from the value of [`NOW_VARIABLE`]; `Err` names what is wrong.
    pub fn from_variable(value: &str) -> Result<Clock, chrono::ParseError> {
        DateTime::parse_from_rfc3339(value.trim()).map(Clock::Fixed)
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(at) => *at,
        }
    }

    /// Today's date where the clock is.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_keeps_its_offset() {
        let clock = Clock::from_variable("2026-11-29T23:30:00+08:00").unwrap();
        assert_eq!(clock.now().to_rfc3339(), "2026-11-29T23:30:00+08:00");
        assert_eq!(clock.today().to_string(), "2026-11-29");
        assert!(Clock::from_variable("2026-11-29").is_err());
    }
}
