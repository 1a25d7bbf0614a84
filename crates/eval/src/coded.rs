//! The one event shape the scorer compares: gold rows, vigie's events and a
//! peer system's predictions are all turned into a [`CodedEvent`], so every
//! system is scored by the same code.
//!
//! On the wire ([`CodedEventRecord`]) it is the gold news format's event
//! object (`event_date`, `event_type`, `actor1`, `admin1`, `latitude`, …),
//! every field optional.

use serde::{Deserialize, Serialize};
use vigie_core::{
    DocumentExtraction, Event, EventType, GeoPrecision, Modality, SubEventType, TimePrecision,
};

/// One event with ACLED's codable fields. `None` means "not coded": the
/// field is not scored for that event (an empty `admin1` in the gold is "not
/// determinable"). Actors are different: an empty actor is a value ("no
/// second actor"), kept as `None` and scored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodedEvent {
    pub event_date: Option<jiff::civil::Date>,
    pub time_precision: Option<TimePrecision>,
    pub event_type: Option<EventType>,
    pub sub_event_type: Option<SubEventType>,
    pub actor1: Option<String>,
    pub assoc_actor_1: Vec<String>,
    pub actor2: Option<String>,
    pub assoc_actor_2: Vec<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub admin3: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: Option<GeoPrecision>,
    pub fatalities: Option<u32>,
    pub civilian_targeting: Option<bool>,
    pub claim: Option<Modality>,
    /// For a prediction: whether its date was read in the report (false:
    /// taken from the publication date because the text gives none).
    /// Unknown (`None`) for gold events and saved predictions.
    pub date_in_text: Option<bool>,
}

impl CodedEvent {
    /// Coordinates, when both are present and plausible.
    pub fn point(&self) -> Option<(f64, f64)> {
        match (self.latitude, self.longitude) {
            (Some(la), Some(lo))
                if la.is_finite() && lo.is_finite() && la.abs() <= 90.0 && lo.abs() <= 180.0 =>
            {
                Some((la, lo))
            }
            _ => None,
        }
    }

    /// The event type, from the sub-event type when only that is given.
    pub fn effective_event_type(&self) -> Option<EventType> {
        self.event_type
            .or(self.sub_event_type.map(SubEventType::event_type))
    }

    /// A one-line summary for failure listings.
    pub fn summary(&self) -> String {
        let date = self
            .event_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "no date".into());
        let sub = self.sub_event_type.map(|s| s.as_str()).unwrap_or("no type");
        let place = self
            .location
            .as_deref()
            .or(self.admin1.as_deref())
            .unwrap_or("no place");
        let a1 = self.actor1.as_deref().unwrap_or("no actor");
        format!("{date} | {sub} | {place} | {a1}")
    }

    /// Every actor named on the event (for recognition scores).
    pub fn actor_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        v.extend(self.actor1.as_deref());
        v.extend(self.actor2.as_deref());
        v.extend(self.assoc_actor_1.iter().map(String::as_str));
        v.extend(self.assoc_actor_2.iter().map(String::as_str));
        v
    }
}

/// The wire form of a [`CodedEvent`]: the gold news format's event object.
/// Unknown fields are ignored, missing ones are `None`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CodedEventRecord {
    pub event_date: Option<String>,
    pub time_precision: Option<u8>,
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
    pub actor1: Option<String>,
    /// `"; "`-separated, ACLED style.
    pub assoc_actor_1: Option<String>,
    pub actor2: Option<String>,
    pub assoc_actor_2: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub admin3: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: Option<u8>,
    pub fatalities: Option<u32>,
    pub civilian_targeting: Option<bool>,
    pub claim: Option<String>,
}

/// Turns an empty or blank string into `None`.
pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(crate) fn split_assoc(s: Option<&str>) -> Vec<String> {
    s.unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|e| format!("event_date {s:?}: {e}"))
}

impl TryFrom<CodedEventRecord> for CodedEvent {
    type Error = String;

    fn try_from(r: CodedEventRecord) -> Result<Self, String> {
        let event_date = match non_empty(r.event_date.as_deref()) {
            Some(s) => Some(parse_date(&s)?),
            None => None,
        };
        let time_precision = r.time_precision.map(TimePrecision::try_from).transpose()?;
        let event_type = non_empty(r.event_type.as_deref())
            .map(|s| s.parse::<EventType>().map_err(|e| e.to_string()))
            .transpose()?;
        let sub_event_type = non_empty(r.sub_event_type.as_deref())
            .map(|s| s.parse::<SubEventType>().map_err(|e| e.to_string()))
            .transpose()?;
        let geo_precision = r.geo_precision.map(GeoPrecision::try_from).transpose()?;
        let claim = match non_empty(r.claim.as_deref()) {
            Some(c) => Some(Modality::from_key(&c).ok_or_else(|| format!("unknown claim {c:?}"))?),
            None => None,
        };
        Ok(CodedEvent {
            event_date,
            time_precision,
            event_type,
            sub_event_type,
            actor1: non_empty(r.actor1.as_deref()),
            assoc_actor_1: split_assoc(r.assoc_actor_1.as_deref()),
            actor2: non_empty(r.actor2.as_deref()),
            assoc_actor_2: split_assoc(r.assoc_actor_2.as_deref()),
            country: non_empty(r.country.as_deref()),
            admin1: non_empty(r.admin1.as_deref()),
            admin2: non_empty(r.admin2.as_deref()),
            admin3: non_empty(r.admin3.as_deref()),
            location: non_empty(r.location.as_deref()),
            latitude: r.latitude,
            longitude: r.longitude,
            geo_precision,
            fatalities: r.fatalities,
            civilian_targeting: r.civilian_targeting,
            claim,
            date_in_text: None,
        })
    }
}

impl From<&CodedEvent> for CodedEventRecord {
    fn from(e: &CodedEvent) -> Self {
        let join = |v: &[String]| {
            if v.is_empty() {
                None
            } else {
                Some(v.join("; "))
            }
        };
        CodedEventRecord {
            event_date: e.event_date.map(|d| d.to_string()),
            time_precision: e.time_precision.map(TimePrecision::code),
            event_type: e.event_type.map(|t| t.as_str().to_string()),
            sub_event_type: e.sub_event_type.map(|t| t.as_str().to_string()),
            actor1: e.actor1.clone(),
            assoc_actor_1: join(&e.assoc_actor_1),
            actor2: e.actor2.clone(),
            assoc_actor_2: join(&e.assoc_actor_2),
            country: e.country.clone(),
            admin1: e.admin1.clone(),
            admin2: e.admin2.clone(),
            admin3: e.admin3.clone(),
            location: e.location.clone(),
            latitude: e.latitude,
            longitude: e.longitude,
            geo_precision: e.geo_precision.map(GeoPrecision::code),
            fatalities: e.fatalities,
            civilian_targeting: e.civilian_targeting,
            claim: e.claim.map(|c| c.as_str().to_string()),
        }
    }
}

impl From<&Event> for CodedEvent {
    /// vigie's event, read the way ACLED's export would show it.
    fn from(e: &Event) -> Self {
        let place = e.place_best();
        let location = e.location_name();
        let name = |a: &Option<vigie_core::ActorRef>| a.as_ref().map(|a| a.canonical.clone());
        CodedEvent {
            event_date: e.event_date.value,
            time_precision: Some(e.time_precision),
            event_type: Some(e.event_type),
            sub_event_type: Some(e.sub_event_type.value),
            actor1: name(&e.actor1.value),
            assoc_actor_1: e
                .assoc_actor_1
                .iter()
                .map(|a| a.canonical.clone())
                .collect(),
            actor2: name(&e.actor2.value),
            assoc_actor_2: e
                .assoc_actor_2
                .iter()
                .map(|a| a.canonical.clone())
                .collect(),
            country: place.map(|p| p.country.clone()),
            admin1: place.and_then(|p| p.admin1.clone()),
            admin2: place.and_then(|p| p.admin2.clone()),
            admin3: place.and_then(|p| p.admin3.clone()),
            location,
            latitude: place.map(|p| p.latitude),
            longitude: place.map(|p| p.longitude),
            geo_precision: e.geo_precision,
            fatalities: Some(e.fatalities.value),
            civilian_targeting: Some(e.civilian_targeting.value),
            claim: Some(e.claim.modality),
            date_in_text: Some(!e.event_date.evidence.is_empty()),
        }
    }
}

/// A gold document: the input text and the events coded from it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDocument {
    pub id: String,
    pub text: String,
    pub published_at: Option<jiff::civil::Date>,
    /// Language the gold states (`fr`, `en`), if any.
    pub language: Option<String>,
    pub events: Vec<CodedEvent>,
}

/// What a system predicted for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictedDocument {
    pub doc_id: String,
    pub events: Vec<CodedEvent>,
    /// Place names the system recognised in the text, as written.
    pub toponyms: Vec<String>,
    /// Actor names the system recognised (canonical names where it has them).
    pub actors: Vec<String>,
    /// Why the system produced nothing for this document (it panicked,
    /// rejected the input, …); `None` when it ran.
    pub failure: Option<String>,
}

impl PredictedDocument {
    /// vigie's extraction of one document.
    pub fn from_extraction(x: &DocumentExtraction) -> Self {
        let events: Vec<CodedEvent> = x.events.iter().map(CodedEvent::from).collect();
        let mut actors: Vec<String> = events
            .iter()
            .flat_map(|e| e.actor_names())
            .map(str::to_string)
            .collect();
        actors.sort();
        actors.dedup();
        PredictedDocument {
            doc_id: x.doc_id.clone(),
            events,
            toponyms: x.toponyms.iter().map(|t| t.evidence.text.clone()).collect(),
            actors,
            failure: None,
        }
    }

    /// A document the system could not process.
    pub fn failed(doc_id: impl Into<String>, why: impl Into<String>) -> Self {
        PredictedDocument {
            doc_id: doc_id.into(),
            failure: Some(why.into()),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips() {
        let json = r#"{"event_date":"2020-09-09","time_precision":1,"event_type":"Battles",
            "sub_event_type":"Armed clash","actor1":"A","assoc_actor_1":"B; C","actor2":"",
            "admin1":"Segou","latitude":14.68,"longitude":-6.01,"fatalities":3,
            "civilian_targeting":false,"claim":"asserted","extra":"ignored"}"#;
        let r: CodedEventRecord = serde_json::from_str(json).unwrap();
        let e = CodedEvent::try_from(r).unwrap();
        assert_eq!(e.actor2, None);
        assert_eq!(e.assoc_actor_1, vec!["B".to_string(), "C".to_string()]);
        assert_eq!(e.claim, Some(Modality::Asserted));
        let back = CodedEvent::try_from(CodedEventRecord::from(&e)).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn bad_labels_are_errors() {
        let r = CodedEventRecord {
            sub_event_type: Some("Battle royale".into()),
            ..Default::default()
        };
        assert!(CodedEvent::try_from(r)
            .unwrap_err()
            .contains("Battle royale"));
        let r = CodedEventRecord {
            event_date: Some("2020-13-01".into()),
            ..Default::default()
        };
        assert!(CodedEvent::try_from(r).is_err());
        let r = CodedEventRecord {
            claim: Some("rumoured".into()),
            ..Default::default()
        };
        assert!(CodedEvent::try_from(r).is_err());
    }
}
