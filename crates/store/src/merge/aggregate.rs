//! Builds a merged event from its reports, and applies analysts' corrections.
//!
//! ACLED's rule for conflicting figures is the conservative one: the lowest
//! fatality figure reported. A report that gives no figure is not a report
//! of zero, so only reports that state a figure take part.

use crate::error::{Result, StoreError};
use crate::model::{
    CorrectableField, Correction, DocumentId, EventId, MergedEvent, ReportEventId, SourceReport,
    SourcedFigure,
};
use serde_json::Value as Json;
use std::sync::Arc;
use vigie_core::{
    ActorRef, Event, EventPlace, Field, GeoCandidate, GeoPrecision, GeoResolution, Place,
    SubEventType, TimePrecision,
};

/// One report event with what the merged view shows about its document.
#[derive(Debug, Clone)]
pub struct Member {
    pub report_event_id: ReportEventId,
    pub document_id: DocumentId,
    pub external_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<jiff::civil::Date>,
    pub event: Event,
}

/// Whether a figure counts deaths.
fn is_fatality(what: &str) -> bool {
    let w = what.to_lowercase();
    ["kill", "dead", "death", "fatalit", "tué", "tue", "mort"]
        .iter()
        .any(|k| w.starts_with(k))
}

/// The fatality figure a report states, or `None` if it states none.
pub fn reported_fatalities(e: &Event) -> Option<u32> {
    let stated =
        !e.fatalities.evidence.is_empty() || e.figures.iter().any(|f| is_fatality(&f.what));
    stated.then_some(e.fatalities.value)
}

/// The merged view of `members` (at least one), corrections applied in order.
pub fn build(
    id: EventId,
    members: &[Member],
    corrections: &[Correction],
    created_at_ms: i64,
    updated_at_ms: i64,
) -> Result<MergedEvent> {
    let rep = members
        .iter()
        .max_by(|a, b| {
            a.event
                .confidence
                .total_cmp(&b.event.confidence)
                .then(b.report_event_id.cmp(&a.report_event_id))
        })
        .ok_or_else(|| StoreError::invalid("merged event", format!("{id} has no reports")))?;

    let mut documents: Vec<DocumentId> = members.iter().map(|m| m.document_id).collect();
    documents.sort_unstable();
    documents.dedup();

    let sources: Vec<SourceReport> = members
        .iter()
        .map(|m| SourceReport {
            report_event_id: m.report_event_id,
            event_key: m.event.id.clone(),
            document_id: m.document_id,
            external_id: m.external_id.clone(),
            source: m.source.clone(),
            url: m.url.clone(),
            published_at: m.published_at,
            event_date: m.event.event_date.value,
            location: m.event.place.value.as_ref().map(|p| p.written.clone()),
            fatalities: reported_fatalities(&m.event),
            modality: m.event.claim.modality,
            claimant: m.event.claim.source.clone(),
        })
        .collect();

    let figures: Vec<SourcedFigure> = members
        .iter()
        .flat_map(|m| {
            m.event.figures.iter().map(move |f| SourcedFigure {
                document_id: m.document_id,
                source: m.source.clone(),
                what: f.what.clone(),
                value: f.value,
                high: f.high,
                approximate: f.approximate,
                victims: f.victims.clone(),
                modality: f.claim.modality,
                claimant: f.claim.source.clone(),
                quote: f.evidence.text.clone(),
            })
        })
        .collect();

    // Conservative figure: the lowest stated; its evidence goes with it.
    let stated: Vec<(&Member, u32)> = members
        .iter()
        .filter_map(|m| reported_fatalities(&m.event).map(|v| (m, v)))
        .collect();
    let low = stated.iter().min_by_key(|(m, v)| (*v, m.report_event_id));
    let (fatalities, fatalities_max) = match low {
        Some((_, v)) => (*v, stated.iter().map(|(_, v)| *v).max().unwrap_or(*v)),
        None => (rep.event.fatalities.value, rep.event.fatalities.value),
    };
    let mut distinct: Vec<u32> = stated.iter().map(|(_, v)| *v).collect();
    distinct.sort_unstable();
    distinct.dedup();

    let mut event = rep.event.clone();
    if let Some((m, _)) = low {
        event.fatalities = m.event.fatalities.clone();
    }
    event.figures = members
        .iter()
        .flat_map(|m| m.event.figures.iter().cloned())
        .collect();

    let mut merged = MergedEvent {
        id,
        event,
        corroboration: documents.len() as u32,
        sources,
        figures,
        fatalities_conservative: fatalities,
        fatalities_max,
        conflicting_fatalities: distinct.len() > 1,
        corrected_fields: Vec::new(),
        created_at_ms,
        updated_at_ms,
    };
    for c in corrections {
        apply_correction(&mut merged, c.field, &c.value)?;
        let name = c.field.as_str().to_string();
        if !merged.corrected_fields.contains(&name) {
            merged.corrected_fields.push(name);
        }
    }
    Ok(merged)
}

fn bad(field: CorrectableField, value: &Json, want: &str) -> StoreError {
    StoreError::invalid(
        "correction",
        format!("{} must be {want}, not {value}", field.as_str()),
    )
}

fn as_text(field: CorrectableField, v: &Json) -> Result<Option<String>> {
    match v {
        Json::Null => Ok(None),
        Json::String(s) if s.trim().is_empty() => Ok(None),
        Json::String(s) => Ok(Some(s.trim().to_string())),
        _ => Err(bad(field, v, "a string or null")),
    }
}

fn as_u8(field: CorrectableField, v: &Json) -> Result<u8> {
    v.as_u64()
        .and_then(|n| u8::try_from(n).ok())
        .ok_or_else(|| bad(field, v, "a small integer"))
}

/// The place to edit, created (unresolved) when the event had none.
fn best_place(event: &mut Event) -> &mut Place {
    let place = event.place.value.get_or_insert_with(|| EventPlace {
        written: String::new(),
        resolution: GeoResolution::unresolved(""),
    });
    let written = place.written.clone();
    // The candidate's place may be shared with other copies of the
    // resolution: copied on write.
    let best = place.resolution.best.get_or_insert_with(|| GeoCandidate {
        place: Arc::new(Place {
            geonameid: 0,
            name: written,
            country_code: String::new(),
            country: String::new(),
            iso_numeric: None,
            region: None,
            admin1: None,
            admin2: None,
            admin3: None,
            latitude: 0.0,
            longitude: 0.0,
            feature_class: String::new(),
            feature_code: String::new(),
            population: 0,
        }),
        score: 1.0,
        reasons: vec!["set by an analyst".to_string()],
        name_match: Default::default(),
    });
    Arc::make_mut(&mut best.place)
}

/// Sets one field of a merged event to an analyst's value (validated).
pub fn apply_correction(
    merged: &mut MergedEvent,
    field: CorrectableField,
    value: &Json,
) -> Result<()> {
    use CorrectableField as F;
    let e = &mut merged.event;
    match field {
        F::EventDate => {
            e.event_date = match as_text(field, value)? {
                None => Field::new(None, vec![], 1.0),
                Some(s) => {
                    let d: jiff::civil::Date = s
                        .parse()
                        .map_err(|_| bad(field, value, "a date YYYY-MM-DD"))?;
                    Field::new(Some(d), vec![], 1.0)
                }
            }
        }
        F::TimePrecision => {
            e.time_precision = TimePrecision::try_from(as_u8(field, value)?)
                .map_err(|m| StoreError::invalid("correction", m))?
        }
        F::EventType => {
            let s =
                as_text(field, value)?.ok_or_else(|| bad(field, value, "an ACLED event type"))?;
            e.event_type = s
                .parse()
                .map_err(|_| bad(field, value, "an ACLED event type"))?;
        }
        F::SubEventType => {
            let s = as_text(field, value)?
                .ok_or_else(|| bad(field, value, "an ACLED sub-event type"))?;
            let sub: SubEventType = s
                .parse()
                .map_err(|_| bad(field, value, "an ACLED sub-event type"))?;
            e.sub_event_type = Field::new(sub, vec![], 1.0);
            e.event_type = sub.event_type();
            e.disorder_type = sub.disorder_type();
        }
        F::Actor1 | F::Actor2 => {
            let actor = as_text(field, value)?.map(|name| ActorRef {
                key: format!("analyst:{}", crate::merge::fold(&name)),
                canonical: name,
                inter: None,
                country: None,
            });
            let slot = if field == F::Actor1 {
                &mut e.actor1
            } else {
                &mut e.actor2
            };
            // Keep the inter code when the analyst only fixes the spelling.
            let inter = slot.value.as_ref().and_then(|a| a.inter);
            *slot = Field::new(actor.map(|a| ActorRef { inter, ..a }), vec![], 1.0);
        }
        F::Location => {
            let name = as_text(field, value)?.unwrap_or_default();
            best_place(e).name = name.clone();
            if let Some(p) = e.place.value.as_mut() {
                p.written = name;
            }
        }
        F::Admin1 => best_place(e).admin1 = as_text(field, value)?,
        F::Admin2 => best_place(e).admin2 = as_text(field, value)?,
        F::Latitude | F::Longitude => {
            let v = value
                .as_f64()
                .ok_or_else(|| bad(field, value, "a number"))?;
            let (range, name) = if field == F::Latitude {
                (90.0, "latitude")
            } else {
                (180.0, "longitude")
            };
            if !(-range..=range).contains(&v) {
                return Err(bad(field, value, &format!("a {name} within ±{range}")));
            }
            let p = best_place(e);
            if field == F::Latitude {
                p.latitude = v
            } else {
                p.longitude = v
            }
        }
        F::GeoPrecision => {
            e.geo_precision = Some(
                GeoPrecision::try_from(as_u8(field, value)?)
                    .map_err(|m| StoreError::invalid("correction", m))?,
            )
        }
        F::Fatalities => {
            let n = value
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| bad(field, value, "a non-negative integer"))?;
            e.fatalities = Field::new(n, vec![], 1.0);
            merged.fatalities_conservative = n;
        }
        F::CivilianTargeting => {
            let b = value
                .as_bool()
                .ok_or_else(|| bad(field, value, "true or false"))?;
            e.civilian_targeting = Field::new(b, vec![], 1.0);
        }
        F::Notes => e.notes = as_text(field, value)?.unwrap_or_default(),
    }
    Ok(())
}

/// The current value of a field, as JSON (the `previous` of a correction).
pub fn field_value(merged: &MergedEvent, field: CorrectableField) -> Json {
    use CorrectableField as F;
    let e = &merged.event;
    let place = e.place_best();
    match field {
        F::EventDate => e
            .event_date
            .value
            .map(|d| Json::String(d.to_string()))
            .unwrap_or(Json::Null),
        F::TimePrecision => Json::from(e.time_precision.code()),
        F::EventType => Json::from(e.event_type.as_str()),
        F::SubEventType => Json::from(e.sub_event_type.value.as_str()),
        F::Actor1 => e
            .actor1
            .value
            .as_ref()
            .map(|a| Json::from(a.canonical.as_str()))
            .unwrap_or(Json::Null),
        F::Actor2 => e
            .actor2
            .value
            .as_ref()
            .map(|a| Json::from(a.canonical.as_str()))
            .unwrap_or(Json::Null),
        F::Location => place
            .map(|p| Json::from(p.name.as_str()))
            .or_else(|| {
                e.place
                    .value
                    .as_ref()
                    .map(|p| Json::from(p.written.as_str()))
            })
            .unwrap_or(Json::Null),
        F::Admin1 => place
            .and_then(|p| p.admin1.as_deref())
            .map(Json::from)
            .unwrap_or(Json::Null),
        F::Admin2 => place
            .and_then(|p| p.admin2.as_deref())
            .map(Json::from)
            .unwrap_or(Json::Null),
        F::Latitude => place.map(|p| Json::from(p.latitude)).unwrap_or(Json::Null),
        F::Longitude => place.map(|p| Json::from(p.longitude)).unwrap_or(Json::Null),
        F::GeoPrecision => e
            .geo_precision
            .map(|g| Json::from(g.code()))
            .unwrap_or(Json::Null),
        F::Fatalities => Json::from(merged.fatalities_conservative),
        F::CivilianTargeting => Json::from(e.civilian_targeting.value),
        F::Notes => Json::from(e.notes.as_str()),
    }
}
