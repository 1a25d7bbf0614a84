//! Assembly: sentences with triggers become frames; frames marked as
//! background become mentions; the rest are grouped into events — a frame
//! joins the current event unless it brings its own different date or a
//! distant place.
//!
//! Invariant: an event always has at least one non-background frame, so no
//! event is ever invented from "in recent months" or a list of towns.

use vigie_core::{haversine_km, GeoPrecision, TimePrecision};

use crate::annotate::{within, Annotations};
use crate::background::BackgroundKind;
use crate::triggers::{Trigger, TriggerClass};

/// A sentence that carries at least one event trigger.
#[derive(Debug, Clone)]
pub struct Frame {
    pub sent: usize,
    pub triggers: Vec<Trigger>,
    pub background: Option<BackgroundKind>,
    /// The first date of the sentence that is not a speech date ("a annoncé jeudi").
    pub date: Option<usize>,
    /// The sentence's primary toponym (a locative cue, not an admin unit or list item).
    pub place: Option<usize>,
}

impl Frame {
    /// Whether one of the sentence's triggers is of `class`.
    pub fn has(&self, class: TriggerClass) -> bool {
        self.triggers.iter().any(|t| t.class == class)
    }
}

/// What assembly produced.
#[derive(Debug, Clone)]
pub enum Unit {
    Event(Vec<usize>),
    Mention { frame: usize, kind: BackgroundKind },
}

/// Background markers that, in one sentence, outrank the others.
fn background_rank(k: BackgroundKind) -> u8 {
    match k {
        BackgroundKind::Past => 5,
        BackgroundKind::Cumulative => 4,
        BackgroundKind::Ongoing => 3,
        BackgroundKind::List => 2,
        BackgroundKind::Future => 1,
    }
}

/// Builds the frames of a document.
pub fn frames(
    ann: &Annotations<'_>,
    folded: &str,
    published: Option<jiff::civil::Date>,
) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    for (si, s) in ann.sents.iter().enumerate() {
        let triggers: Vec<Trigger> = within(&ann.triggers, s.fstart, s.fend, |t| t.start).to_vec();
        if !triggers.iter().any(|t| t.class.is_event()) {
            continue;
        }
        // A marker frames the sentence's happening when it comes before the
        // first trigger ("Ces derniers mois, … a multiplié les attaques") or
        // right after it; further on it belongs to another clause
        // ("… demonstrated for the army, which in recent months suffered …").
        let first = triggers.iter().find(|t| t.class.is_event());
        let mut background = within(&ann.markers, s.fstart, s.fend, |m| m.start)
            .iter()
            .filter(|m| match first {
                Some(t) => m.start < t.start || words_between(folded, t.end, m.start) <= 3,
                None => true,
            })
            .map(|m| m.kind)
            .max_by_key(|k| background_rank(*k));
        // The first date that is not the date of a statement nor of another
        // happening the sentence compares with ("après celle du 5 juin").
        let date = ann
            .dates
            .iter()
            .enumerate()
            .filter(|(_, d)| d.mention.start >= s.fstart && d.mention.start < s.fend)
            .find(|(_, d)| {
                !d.dateline
                    && !d.mention.elsewhere
                    && !is_speech_date(ann, d.mention.start, d.mention.end)
            })
            .map(|(i, _)| i);
        // A date more than a year before publication is background.
        if let (Some(di), Some(p)) = (date, published) {
            if let Some(r) = ann.dates[di].resolved {
                if (p - r.date).get_days() > 365 && background.is_none() {
                    background = Some(BackgroundKind::Past);
                }
            }
        }
        let topos: Vec<usize> = ann
            .topos
            .iter()
            .enumerate()
            .filter(|(_, t)| t.sent == si)
            .map(|(i, _)| i)
            .collect();
        let place = topos.iter().copied().find(|&i| {
            let t = &ann.topos[i].span;
            !t.is_admin_context() && !t.in_list
        });
        if background.is_none()
            && date.is_none()
            && !topos.is_empty()
            && topos.iter().all(|&i| ann.topos[i].span.in_list)
        {
            background = Some(BackgroundKind::List);
        }
        // A question ("sont-ils en train de redevenir des rebelles ?") asks,
        // it does not report a happening.
        let question = is_question(folded, s.fstart, s.fend);
        if background.is_none() && question {
            background = Some(BackgroundKind::Future);
        }
        // A sentence without its own date continues the background of the
        // last event sentence of its paragraph, when no date came between
        // ("Il y a trois ans, le 23 mars 2019, ce village était attaqué. Des
        // chasseurs dozos pour la plupart. 160 civils ont été tués.").
        if background.is_none() && date.is_none() {
            if let Some(prev) = out.last() {
                let same_paragraph = ann.sents[prev.sent].paragraph == s.paragraph;
                let dated_between = ann.sents[prev.sent + 1..si].iter().any(|b| {
                    ann.dates
                        .iter()
                        .any(|d| d.mention.start >= b.fstart && d.mention.start < b.fend)
                });
                let asked = is_question(
                    folded,
                    ann.sents[prev.sent].fstart,
                    ann.sents[prev.sent].fend,
                );
                if same_paragraph && !dated_between && !asked {
                    background = prev.background;
                }
            }
        }
        out.push(Frame {
            sent: si,
            triggers,
            background,
            date,
            place,
        });
    }
    out
}

/// Whether a sentence ends with a question mark (closing quotes aside).
fn is_question(folded: &str, start: usize, end: usize) -> bool {
    folded
        .get(start..end)
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')' | '\''))
        .ends_with('?')
}

fn words_between(folded: &str, a: usize, b: usize) -> usize {
    folded
        .get(a.min(b)..b)
        .map(|g| g.split_whitespace().count())
        .unwrap_or(usize::MAX)
}

/// "a annoncé jeudi", "said on Thursday", "on Monday denied": the date of a
/// statement, right after or right before an attribution verb.
pub fn is_speech_date(ann: &Annotations<'_>, date_start: usize, date_end: usize) -> bool {
    ann.cues.iter().filter(|c| c.info.label.is_some()).any(|c| {
        // "a annoncé jeudi" … or "the army on Monday denied".
        (c.end <= date_start && date_start - c.end <= 4)
            || (date_end <= c.start && c.start - date_end <= 2)
    })
}

/// Groups frames into events and mentions.
pub fn assemble(ann: &Annotations<'_>, frames: &[Frame]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut current: Option<usize> = None; // index into units of the open event
    for (fi, f) in frames.iter().enumerate() {
        if let Some(kind) = f
            .background
            .or_else(|| recalled_earlier(ann, frames, &units, f))
        {
            units.push(Unit::Mention { frame: fi, kind });
            continue;
        }
        let starts_new = match current {
            None => true,
            Some(ui) => match &units[ui] {
                Unit::Event(members) => differs(ann, frames, members, f),
                Unit::Mention { .. } => true,
            },
        };
        if starts_new {
            units.push(Unit::Event(vec![fi]));
            current = Some(units.len() - 1);
        } else if let Some(Unit::Event(members)) = current.and_then(|ui| units.get_mut(ui)) {
            members.push(fi);
        }
    }
    units
}

/// A frame dated weeks before an event already found recalls the past
/// ("Ten soldiers had been killed on 3 September in Guiré").
fn recalled_earlier(
    ann: &Annotations<'_>,
    frames: &[Frame],
    units: &[Unit],
    f: &Frame,
) -> Option<BackgroundKind> {
    let date = f.date.and_then(|d| ann.dates[d].resolved)?;
    let earlier = units.iter().any(|u| match u {
        Unit::Event(members) => members
            .iter()
            .filter_map(|&m| frames[m].date.and_then(|d| ann.dates[d].resolved))
            .any(|e| (e.date - date.date).get_days() > 30),
        Unit::Mention { .. } => false,
    });
    earlier.then_some(BackgroundKind::Past)
}

/// Whether frame `f` describes another happening than the event made of `members`.
fn differs(ann: &Annotations<'_>, frames: &[Frame], members: &[usize], f: &Frame) -> bool {
    if f.has(TriggerClass::Separate) {
        return true;
    }
    let event_date = members
        .iter()
        .filter_map(|&m| frames[m].date)
        .find_map(|d| ann.dates[d].resolved);
    let frame_date = f.date.and_then(|d| ann.dates[d].resolved);
    if let (Some(a), Some(b)) = (event_date, frame_date) {
        let tolerance = a
            .precision
            .tolerance_days()
            .max(b.precision.tolerance_days())
            .max(
                if a.precision == TimePrecision::Day && b.precision == TimePrecision::Day {
                    0
                } else {
                    1
                },
            );
        if (a.date - b.date).get_days().abs() > tolerance {
            return true;
        }
    }
    let violent = f.triggers.iter().any(|t| t.class.is_violent());
    let event_place = members.iter().filter_map(|&m| frames[m].place).next();
    if let (Some(a), Some(b), true) = (event_place, f.place, violent) {
        let (pa, pb) = (&ann.topos[a], &ann.topos[b]);
        if let (Some(x), Some(y)) = (pa.resolution.best.as_ref(), pb.resolution.best.as_ref()) {
            let d = haversine_km(
                x.place.latitude,
                x.place.longitude,
                y.place.latitude,
                y.place.longitude,
            );
            let radius_of = |p: &crate::annotate::Topo| {
                p.resolution
                    .precision
                    .unwrap_or(GeoPrecision::Near)
                    .radius_km()
            };
            // A new place far away, with its own date, is another happening
            // — unless one place holds the other ("central Mali" … "Bounti").
            let holds = contains(&x.place, &y.place) || contains(&y.place, &x.place);
            if d > radius_of(pa).max(radius_of(pb)) && f.date.is_some() && !holds {
                return true;
            }
        }
    }
    false
}

/// Whether admin unit `outer` (a country, region or cercle) holds `inner`.
fn contains(outer: &vigie_core::Place, inner: &vigie_core::Place) -> bool {
    if outer.feature_class != "A" || outer.country_code != inner.country_code {
        return false;
    }
    match outer.feature_code.as_str() {
        c if c.starts_with("PCL") => true,
        "ADM1" => outer.admin1.is_some() && outer.admin1 == inner.admin1,
        "ADM2" => outer.admin2.is_some() && outer.admin2 == inner.admin2,
        _ => false,
    }
}

/// The classes of a frame that found an event.
pub fn event_classes(f: &Frame) -> impl Iterator<Item = TriggerClass> + '_ {
    f.triggers.iter().map(|t| t.class).filter(|c| c.is_event())
}
