//! GeoJSON FeatureCollection: one Point feature per merged event (geometry
//! null when the place did not resolve), ACLED's fields as properties.

use super::{event_id_cnty, fatalities_by_source, source_names};
use crate::error::Result;
use crate::model::{EventFilter, MergedEvent};
use crate::Store;
use serde_json::{json, Value};
use std::io::Write;

pub fn feature(m: &MergedEvent) -> Value {
    let e = &m.event;
    let place = e.place_best();
    let geometry = match place {
        Some(p) => json!({"type": "Point", "coordinates": [p.longitude, p.latitude]}),
        None => Value::Null,
    };
    json!({
        "type": "Feature",
        "id": m.id,
        "geometry": geometry,
        "properties": {
            "event_id_cnty": event_id_cnty(m),
            "event_date": e.event_date.value.map(|d| d.to_string()),
            "time_precision": e.time_precision.code(),
            "disorder_type": e.disorder_type.as_str(),
            "event_type": e.event_type.as_str(),
            "sub_event_type": e.sub_event_type.value.as_str(),
            "actor1": e.actor1.value.as_ref().map(|a| a.canonical.as_str()),
            "actor2": e.actor2.value.as_ref().map(|a| a.canonical.as_str()),
            "interaction": e.interaction,
            "civilian_targeting": e.civilian_targeting.value,
            "country": place.map(|p| p.country.as_str()),
            "admin1": place.and_then(|p| p.admin1.as_deref()),
            "admin2": place.and_then(|p| p.admin2.as_deref()),
            "admin3": place.and_then(|p| p.admin3.as_deref()),
            "location": e.location_name(),
            "geo_precision": e.geo_precision.map(|g| g.code()),
            "fatalities": m.fatalities_conservative,
            "fatalities_max": m.fatalities_max,
            "conflicting_fatalities": m.conflicting_fatalities,
            "fatalities_by_source": fatalities_by_source(m),
            "corroboration": m.corroboration,
            "source": source_names(m),
            "notes": e.notes,
            "claim": e.claim.modality.as_str(),
        }
    })
}

pub fn write<W: Write>(store: &dyn Store, filter: &EventFilter, out: W) -> Result<u64> {
    let mut out = std::io::BufWriter::new(out);
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    let mut first = true;
    let n = store.for_each_event(filter, &mut |m| {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        out.write_all(&serde_json::to_vec(&feature(&m))?)?;
        Ok(())
    })?;
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    Ok(n)
}
