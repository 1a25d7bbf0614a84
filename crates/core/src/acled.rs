//! ACLED's export columns, in ACLED's order, and how an [`Event`] fills them.
//!
//! `--format acled-csv` writes [`ACLED_COLUMNS`] then [`VIGIE_COLUMNS`], so
//! tools that read ACLED exports by column name (pandas, acledR) read vigie's
//! output unchanged and simply ignore the extra columns.

use crate::event::Event;

/// ACLED's 31 export columns, in the current API order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// vigie's own columns, after ACLED's.
pub const VIGIE_COLUMNS: [&str; 4] = ["claim", "source_cue", "doc_id", "confidence"];

/// All header names of an `acled-csv` row.
pub fn header() -> Vec<&'static str> {
    ACLED_COLUMNS
        .iter()
        .chain(VIGIE_COLUMNS.iter())
        .copied()
        .collect()
}

/// What a row needs beyond the event itself.
#[derive(Debug, Clone, Default)]
pub struct RowContext<'a> {
    /// The document's source (outlet), ACLED's `source` column.
    pub source: Option<&'a str>,
    /// Unix time of the extraction, ACLED's `timestamp` column.
    pub timestamp: i64,
}

/// One `acled-csv` row, aligned with [`header`].
pub fn record(event: &Event, ctx: &RowContext<'_>) -> Vec<String> {
    let place = event.place_best();
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let actor_name =
        |a: &Option<crate::ActorRef>| a.as_ref().map(|a| a.canonical.clone()).unwrap_or_default();
    let actor_inter = |a: &Option<crate::ActorRef>| {
        a.as_ref()
            .and_then(|a| a.inter)
            .map(|i| i.code().to_string())
            .unwrap_or_default()
    };
    let assoc = |v: &[crate::ActorRef]| {
        v.iter()
            .map(|a| a.canonical.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (date, year) = match event.event_date.value {
        Some(d) => (d.to_string(), d.year().to_string()),
        None => (String::new(), String::new()),
    };
    let location = event.location_name().unwrap_or_default();
    let mut row = vec![
        event.id.clone(),
        date,
        year,
        event.time_precision.code().to_string(),
        event.disorder_type.to_string(),
        event.event_type.to_string(),
        event.sub_event_type.value.to_string(),
        actor_name(&event.actor1.value),
        assoc(&event.assoc_actor_1),
        actor_inter(&event.actor1.value),
        actor_name(&event.actor2.value),
        assoc(&event.assoc_actor_2),
        actor_inter(&event.actor2.value),
        event.interaction.map(|i| i.to_string()).unwrap_or_default(),
        if event.civilian_targeting.value {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        place
            .and_then(|p| p.iso_numeric)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        opt(place.and_then(|p| p.region.as_deref())),
        opt(place.map(|p| p.country.as_str())),
        opt(place.and_then(|p| p.admin1.as_deref())),
        opt(place.and_then(|p| p.admin2.as_deref())),
        opt(place.and_then(|p| p.admin3.as_deref())),
        location,
        place
            .map(|p| format!("{:.4}", p.latitude))
            .unwrap_or_default(),
        place
            .map(|p| format!("{:.4}", p.longitude))
            .unwrap_or_default(),
        event
            .geo_precision
            .map(|g| g.code().to_string())
            .unwrap_or_default(),
        opt(ctx.source),
        String::new(),
        event.notes.clone(),
        event.fatalities.value.to_string(),
        String::new(),
        ctx.timestamp.to_string(),
    ];
    row.push(event.claim.modality.to_string());
    row.push(
        event
            .claim
            .source_cue
            .as_ref()
            .map(|e| e.text.clone())
            .unwrap_or_default(),
    );
    row.push(event.doc_id.clone());
    row.push(format!("{:.2}", event.confidence));
    debug_assert_eq!(row.len(), ACLED_COLUMNS.len() + VIGIE_COLUMNS.len());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_one_acled_columns_in_order() {
        assert_eq!(ACLED_COLUMNS.len(), 31);
        assert_eq!(ACLED_COLUMNS[0], "event_id_cnty");
        assert_eq!(ACLED_COLUMNS[30], "timestamp");
        let h = header();
        assert_eq!(&h[31..], &VIGIE_COLUMNS);
    }
}
