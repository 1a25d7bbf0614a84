//! ACLED's time and geo precision codes.

use serde::{Deserialize, Serialize};

/// ACLED time_precision: how exactly the date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum TimePrecision {
    /// 1: the exact day is known.
    Day = 1,
    /// 2: only the week (or weekend) is known; the date is mid-week.
    Week = 2,
    /// 3: only the month is known; the date is mid-month.
    Month = 3,
}

impl TimePrecision {
    pub fn code(self) -> u8 {
        self as u8
    }
    /// One step less precise (used when the anchoring date is missing).
    pub fn coarser(self) -> Self {
        match self {
            TimePrecision::Day => TimePrecision::Week,
            _ => TimePrecision::Month,
        }
    }
    /// How many days either side of the coded date the true date may lie.
    pub fn tolerance_days(self) -> i32 {
        match self {
            TimePrecision::Day => 0,
            TimePrecision::Week => 3,
            TimePrecision::Month => 15,
        }
    }
}

impl From<TimePrecision> for u8 {
    fn from(p: TimePrecision) -> u8 {
        p.code()
    }
}

impl TryFrom<u8> for TimePrecision {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        match v {
            1 => Ok(TimePrecision::Day),
            2 => Ok(TimePrecision::Week),
            3 => Ok(TimePrecision::Month),
            _ => Err(format!("time_precision must be 1, 2 or 3, not {v}")),
        }
    }
}

/// ACLED geo_precision: how exactly the place is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum GeoPrecision {
    /// 1: the town or village itself.
    Town = 1,
    /// 2: near a town, or a small part of a region (district capital coded).
    Near = 2,
    /// 3: only a larger region is known (provincial capital coded).
    Region = 3,
}

impl GeoPrecision {
    pub fn code(self) -> u8 {
        self as u8
    }
    /// The distance (km) within which two events of this precision may be the
    /// same place, used when merging reports.
    pub fn radius_km(self) -> f64 {
        match self {
            GeoPrecision::Town => 10.0,
            GeoPrecision::Near => 50.0,
            GeoPrecision::Region => 250.0,
        }
    }
}

impl From<GeoPrecision> for u8 {
    fn from(p: GeoPrecision) -> u8 {
        p.code()
    }
}

impl TryFrom<u8> for GeoPrecision {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        match v {
            1 => Ok(GeoPrecision::Town),
            2 => Ok(GeoPrecision::Near),
            3 => Ok(GeoPrecision::Region),
            _ => Err(format!("geo_precision must be 1, 2 or 3, not {v}")),
        }
    }
}
