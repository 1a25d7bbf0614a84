//! Annotation: every lexicon run once over the whole folded text, every hit
//! typed and placed. The later stages only read these lists.

use std::collections::HashMap;

use vigie_core::{GeoContext, GeoResolution, Geocoder, ToponymQuery};
use vigie_text::Prepared;

use crate::actors::{ActorHit, ActorLexicon};
use crate::attribution::Cue;
use crate::background::Marker;
use crate::dates::era::Eras;
use crate::dates::year::YearContext;
use crate::dates::{resolve, DateMention, ResolvedDate};
use crate::numbers::Quantity;
use crate::pack::{scan_order, LanguagePack};
use crate::tokens::{tokenize, Tok};
use crate::toponyms::{self, PlaceCue, ToponymSpan};
use crate::triggers::Trigger;
use crate::victims::VictimHit;

/// A sentence in clean and folded coordinates.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    pub cstart: usize,
    pub cend: usize,
    pub fstart: usize,
    pub fend: usize,
    /// Paragraph number (line breaks separate paragraphs).
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct DateAnn {
    pub mention: DateMention,
    pub resolved: Option<ResolvedDate>,
    /// The report's own dateline, not an event date.
    pub dateline: bool,
}

/// A date at the very start of the text followed by a dash or colon.
fn is_dateline(folded: &str, m: &DateMention) -> bool {
    if m.start > 60 {
        return false;
    }
    let after = folded.get(m.end..).unwrap_or("").trim_start();
    after.starts_with('-')
        || after.starts_with(':')
        || after.starts_with("(afp)")
        || after.starts_with("(reuters)")
}

/// A toponym with its place in both coordinate systems and its resolution.
#[derive(Debug, Clone)]
pub struct Topo {
    pub span: ToponymSpan,
    pub fstart: usize,
    pub fend: usize,
    pub sent: usize,
    pub resolution: GeoResolution,
}

/// Everything the lexicons found in one document (folded offsets).
pub struct Annotations<'p> {
    pub sents: Vec<Sent>,
    pub triggers: Vec<Trigger>,
    pub cues: Vec<Cue<'p>>,
    pub markers: Vec<Marker>,
    pub victims: Vec<VictimHit>,
    pub actors: Vec<ActorHit>,
    pub dates: Vec<DateAnn>,
    pub quantities: Vec<Quantity>,
    pub places: Vec<(usize, usize, PlaceCue)>,
    /// The publication date used: the given one, else the dateline's.
    pub published: Option<jiff::civil::Date>,
    /// Some date's year came from a weekday, not from the text or the
    /// publication date.
    pub year_inferred: bool,
    /// The era that chose some date's year, described ("from 2020 (…) to
    /// 2020 (…)"), when it did.
    pub year_era: Option<String>,
    /// Countries in focus (ISO alpha-2), most mentioned first.
    pub countries: Vec<String>,
    pub topos: Vec<Topo>,
}

/// Items of a sorted-by-start list that fall in `[start, end)`.
pub fn within<T>(items: &[T], start: usize, end: usize, key: impl Fn(&T) -> usize) -> &[T] {
    let a = items.partition_point(|x| key(x) < start);
    let b = items.partition_point(|x| key(x) < end);
    &items[a..b.max(a)]
}

/// Resolves every toponym of the document in its context. Each distinct
/// (name, cue) is resolved once; its answer is moved into its last toponym
/// and cloned only for the earlier ones (resolutions are large: places with
/// their admin paths, alternatives, reasons).
fn resolve_all(
    prepared: &Prepared,
    geocoder: &dyn Geocoder,
    spans: Vec<(ToponymSpan, usize)>,
    context: GeoContext,
) -> Vec<Topo> {
    let mut slot_of: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    let mut slots: Vec<usize> = Vec::with_capacity(spans.len());
    // One query, its name and cue overwritten: the context is not cloned
    // per toponym.
    let mut query = ToponymQuery {
        name: String::new(),
        cue: None,
        context,
    };
    let mut resolved: Vec<(Option<GeoResolution>, usize)> = Vec::new();
    for (span, _) in &spans {
        let key = (span.name.as_str(), span.cue_text.as_deref());
        let slot = *slot_of.entry(key).or_insert_with(|| {
            query.name.clone_from(&span.name);
            query.cue.clone_from(&span.cue_text);
            resolved.push((Some(geocoder.resolve(&query)), 0));
            resolved.len() - 1
        });
        resolved[slot].1 += 1;
        slots.push(slot);
    }
    spans
        .into_iter()
        .zip(slots)
        .map(|((span, sent), slot)| {
            let (answer, uses) = &mut resolved[slot];
            *uses -= 1;
            let resolution = if *uses == 0 {
                answer.take()
            } else {
                answer.clone()
            }
            .unwrap_or_else(|| GeoResolution::unresolved(span.name.clone()));
            Topo {
                fstart: folded_of(prepared, span.start),
                fend: folded_of(prepared, span.end),
                span,
                sent,
                resolution,
            }
        })
        .collect()
}

/// Whether only spaces and apostrophes lie between two folded offsets
/// ("place de l'|Indépendance").
fn only_gap(folded: &str, from: usize, to: usize) -> bool {
    folded
        .get(from..to)
        .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '\''))
}

/// Folded offset of a clean offset.
fn folded_of(p: &Prepared, clean: usize) -> usize {
    p.folded.map.partition_point(|&m| (m as usize) < clean)
}

pub fn annotate<'p>(
    prepared: &Prepared,
    pack: &'p LanguagePack,
    actors: &ActorLexicon,
    eras: &Eras,
    geocoder: &dyn Geocoder,
    published: Option<jiff::civil::Date>,
    // The day reports are read, asked only when a year must be inferred
    // (reading the clock is not free on every document).
    reference: &dyn Fn() -> jiff::civil::Date,
) -> Annotations<'p> {
    let folded = prepared.folded.text.as_str();
    let mut paragraph = 0usize;
    let mut last_end = 0usize;
    let sents: Vec<Sent> = prepared
        .sentences
        .iter()
        .map(|s| {
            paragraph += prepared.clean[last_end..s.start].matches('\n').count();
            last_end = s.start;
            Sent {
                cstart: s.start,
                cend: s.end,
                fstart: folded_of(prepared, s.start),
                fend: folded_of(prepared, s.end),
                paragraph,
            }
        })
        .collect();
    let raw = pack.scan.scan(folded);
    let raw_of = |k: usize| raw.get(k).map(Vec::as_slice).unwrap_or_default();
    let triggers = pack.triggers.find_raw(folded, raw_of(scan_order::TRIGGERS));
    let cues = pack
        .attribution
        .find_raw(folded, raw_of(scan_order::ATTRIBUTION));
    let markers = pack
        .background
        .find_raw(folded, raw_of(scan_order::BACKGROUND));
    let victims = pack.victims.find_raw(folded, raw_of(scan_order::VICTIMS));
    let actor_hits = actors.find(folded);
    let office_holders = eras.find(folded);
    let places = pack.places.find_raw(folded, raw_of(scan_order::PLACES));
    // Each sentence is tokenised once for the date and the number parsers.
    let sent_toks: Vec<Vec<Tok<'_>>> = sents
        .iter()
        .map(|s| tokenize(folded, s.fstart, s.fend))
        .collect();
    let mut mentions: Vec<DateMention> = Vec::new();
    for (s, toks) in sents.iter().zip(&sent_toks) {
        mentions.extend(pack.dates.find_in_scanned(
            folded,
            s.fstart,
            s.fend,
            toks,
            Some(raw_of(scan_order::DATES)),
        ));
    }
    // A dateline ("Bamako, 12 mars 2024 —") dates the report, not the event;
    // it anchors relative dates when no publication date was given.
    // So does a publication line of a scraped page ("Publié le 12/03/2024").
    let dateline = mentions
        .first()
        .filter(|m| is_dateline(folded, m))
        .or_else(|| {
            mentions
                .iter()
                .find(|m| pack.dates.publication_line_before(folded, m.start))
        })
        .copied();
    let published = published.or_else(|| {
        dateline
            .and_then(|m| resolve(&m, None))
            .filter(|r| r.explicit_year)
            .map(|r| r.date)
    });
    // Without a publication date, a named weekday and the era of the
    // office holders and groups the text names can still fix the year.
    let years = published.is_none().then(|| {
        let era = eras.era(folded, pack.language, &office_holders, &actor_hits, actors);
        YearContext::new(&mentions, folded, reference(), era)
    });
    let mut year_inferred = false;
    let mut year_by_era = false;
    let dates: Vec<DateAnn> = mentions
        .iter()
        .map(|m| {
            let inferred = || years.as_ref().and_then(|y| y.resolve(m));
            let resolved = resolve(m, published).or_else(|| {
                let r = inferred()?;
                year_inferred |= !r.by_era;
                year_by_era |= r.by_era;
                Some(r.date)
            });
            DateAnn {
                mention: *m,
                resolved,
                dateline: Some(*m) == dateline,
            }
        })
        .collect();
    let mut quantities = Vec::new();
    for (s, toks) in sents.iter().zip(&sent_toks) {
        for q in pack.numbers.find_in_scanned(
            folded,
            s.fstart,
            s.fend,
            toks,
            Some(raw_of(scan_order::NUMBERS)),
        ) {
            // A number inside a date is part of the date.
            if !dates
                .iter()
                .any(|d| q.start < d.mention.end && d.mention.start < q.end)
            {
                quantities.push(q);
            }
        }
    }
    // Countries in focus.
    let mut country_counts: HashMap<String, usize> = HashMap::new();
    for (_, _, cue) in &places {
        if let PlaceCue::Country(code) = cue {
            *country_counts.entry(code.as_str().to_string()).or_default() += 1;
        }
    }
    for h in &actor_hits {
        if let Some(c) = actors.focus_country(h.id) {
            *country_counts.entry(c.to_string()).or_default() += 1;
        }
    }
    let mut countries: Vec<(String, usize)> = country_counts.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let countries: Vec<String> = countries.into_iter().map(|(c, _)| c).collect();

    // Toponyms, sentence by sentence.
    let excluded = |a: usize, b: usize| -> bool {
        let (fa, fb) = (folded_of(prepared, a), folded_of(prepared, b));
        actor_hits.iter().any(|h| h.start < fb && fa < h.end)
            || office_holders.iter().any(|h| h.start < fb && fa < h.end)
            || dates
                .iter()
                .any(|d| d.mention.start < fb && fa < d.mention.end)
            || quantities
                .iter()
                .any(|q| !q.article && q.start < fb && fa < q.end)
            || places.iter().any(|&(s, e, c)| match c {
                PlaceCue::Stop | PlaceCue::Country(_) => s <= fa && fb <= e,
                // "place de l'Indépendance": the name right after the words.
                PlaceCue::LandmarkBefore => e <= fa && fa - e <= 3 && only_gap(folded, e, fa),
                // "Independence Square": the words right after the name.
                PlaceCue::LandmarkAfter => fb <= s && s - fb <= 1 && only_gap(folded, fb, s),
                _ => false,
            })
    };
    let mut spans: Vec<(ToponymSpan, usize)> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        for t in toponyms::find(&prepared.clean, s.cstart, s.cend, geocoder, &excluded) {
            spans.push((t, si));
        }
    }
    // Cue of each toponym: the place cue that ends right before it.
    for (t, _) in spans.iter_mut() {
        let fa = folded_of(prepared, t.start);
        let before = places
            .iter()
            .filter(|&&(_, e, _)| e <= fa && fa - e <= 3)
            .filter(|&&(_, e, _)| only_gap(folded, e, fa));
        t.cue = before
            .filter(|(_, _, c)| !c.blocks())
            .max_by_key(|&&(s, e, _)| (e, e - s))
            .map(|&(_, _, c)| c);
        // Cue text: the words before the name in its sentence (at most six).
        let sent_start = sents
            .iter()
            .rev()
            .find(|s| s.cstart <= t.start)
            .map(|s| s.cstart)
            .unwrap_or(0);
        let head = &prepared.clean[sent_start..t.start];
        let words: Vec<&str> = head.split_whitespace().collect();
        let from = words.len().saturating_sub(6);
        let cue_text = words[from..].join(" ");
        if !cue_text.is_empty() {
            t.cue_text = Some(cue_text);
        }
    }
    {
        let mut only: Vec<&mut ToponymSpan> = spans.iter_mut().map(|(t, _)| t).collect();
        toponyms::mark_lists(&prepared.clean, &mut only);
    }
    let admin_mentions: Vec<String> = spans
        .iter()
        .filter(|(t, _)| {
            t.admin_path
                || matches!(
                    t.cue,
                    Some(PlaceCue::Admin1 | PlaceCue::Admin2 | PlaceCue::Admin3)
                )
        })
        .map(|(t, _)| t.name.clone())
        .collect();
    let other_places: Vec<String> = spans.iter().map(|(t, _)| t.name.clone()).collect();
    let context = GeoContext {
        countries: countries.clone(),
        admin_mentions,
        other_places,
    };
    let mut topos = resolve_all(prepared, geocoder, spans, context);
    // A sentence's first word is capitalised whatever it is: one that only
    // a well, a wadi or a hill bears ("More than 20 …", "Nous avons …",
    // "Tel est le bilan …") is a place only where the text says so, with a
    // cue or as an admin path.
    topos.retain(|t| {
        let minor = t
            .resolution
            .best
            .as_ref()
            .is_some_and(|b| !matches!(b.place.feature_class.as_str(), "P" | "A"));
        let first_word = sents.get(t.sent).is_some_and(|s| {
            prepared.clean.get(s.cstart..t.span.start).is_some_and(|h| {
                h.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .is_empty()
            })
        });
        !(minor && first_word) || t.span.cue.is_some() || t.span.admin_path
    });
    quantities.sort_by_key(|q| q.start);
    Annotations {
        sents,
        triggers,
        cues,
        markers,
        victims,
        actors: actor_hits,
        dates,
        quantities,
        places,
        published,
        year_inferred,
        year_era: year_by_era
            .then(|| years.as_ref().map(|y| y.era.describe()))
            .flatten(),
        countries,
        topos,
    }
}
