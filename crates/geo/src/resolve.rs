//! From a name in its context to scored candidates.
//!
//! Evidence, each scored in 0..1 and weighed (see [`Weights`]):
//! * **name** — how the key matched: main name, other GeoNames name, curated
//!   variant, transliteration skeleton, or one or two edits away;
//! * **feature** — a town more often than a well; a region when the cue says
//!   "région de" (`data/places/feature_priors.tsv`);
//! * **population** — the bigger of two same-named towns is named more often;
//! * **country** — the countries the document is about;
//! * **admin** — the regions and cercles the document names;
//! * **nearby** — the document's other places: a Léré next to Niafunké.
//!
//! When the best two candidates are far apart and their scores close, the
//! answer says so (`ambiguous`, with the alternatives) rather than guess.

use crate::cue::{parse_cue, CueInfo};
use crate::fold::fold;
use crate::hot::{Hot, NO_ADMIN};
use crate::index::{NameKind, Posting};
use crate::lexicon::Role;
use crate::Gazetteer;
use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::Arc;
use vigie_core::hash::{FastMap, FxHasher};
use vigie_core::place::{
    haversine_km, GeoCandidate, GeoContext, GeoResolution, NameMatch, Place, ToponymQuery,
};
use vigie_core::precision::GeoPrecision;

/// Countries whose full GeoNames dumps are in the gazetteer, the three of
/// vigie's focus first.
pub(crate) const FOCUS: &[&str] = &["ML", "BF", "NE"];
pub(crate) const NEIGHBOURS: &[&str] = &["MR", "SN"];

/// Two candidates closer than this are the same locus (a town and the cercle
/// it seats), not an ambiguity.
const SAME_LOCUS_KM: f64 = 25.0;
/// Score gap under which two distinct loci are reported as ambiguous.
const AMBIGUITY_MARGIN: f32 = 0.04;
/// At most this many candidates are scored (the best by name and prior).
const MAX_CANDIDATES: usize = 300;
/// At most this many alternatives are returned, each at its own locus, best
/// first. Three: `ambiguous` is decided by the strongest rival alone, and a
/// reviewer weighs two or three other places, not five; every toponym of a
/// document carries its resolution (and an event's place a copy), so each
/// alternative is a full [`Place`] in every output line — with five, the
/// JSON was ~30× the input text and its writing a quarter of the time per
/// document.
const MAX_ALTERNATIVES: usize = 3;

/// The smallest city outside the Sahel countries a name alone may resolve
/// to (a capital or a large town; smaller namesakes abroad are noise).
const FAR_CITY_POPULATION: u64 = 100_000;

/// Weights of the evidence; they sum to 1 so a score stays in 0..1.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub name: f32,
    pub feature: f32,
    pub population: f32,
    pub country: f32,
    pub admin: f32,
    pub nearby: f32,
}

pub const WEIGHTS: Weights = Weights {
    name: 0.26,
    feature: 0.14,
    population: 0.12,
    country: 0.10,
    admin: 0.22,
    nearby: 0.16,
};

/// How a candidate's name matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Match {
    Exact(NameKind),
    Skeleton,
    /// The name without its qualifier words ("Birga-Dogon" → "Birga").
    Partial,
    Fuzzy(u32),
}

impl Match {
    /// The kind of match, as the output says it.
    fn name_match(self) -> NameMatch {
        match self {
            Match::Exact(NameKind::Main) => NameMatch::Main,
            Match::Exact(NameKind::Alternate) => NameMatch::Alternate,
            Match::Exact(NameKind::Variant) => NameMatch::Variant,
            Match::Exact(NameKind::AdminName) => NameMatch::AdminName,
            Match::Skeleton => NameMatch::Skeleton,
            Match::Partial => NameMatch::Partial,
            Match::Fuzzy(_) => NameMatch::Fuzzy,
        }
    }

    fn score(self) -> f32 {
        match self {
            Match::Exact(NameKind::Main) => 1.0,
            Match::Exact(NameKind::AdminName) => 0.98,
            Match::Exact(NameKind::Variant) => 0.97,
            Match::Exact(NameKind::Alternate) => 0.95,
            Match::Skeleton => 0.82,
            Match::Partial => 0.6,
            Match::Fuzzy(1) => 0.62,
            Match::Fuzzy(_) => 0.5,
        }
    }
    fn reason(self) -> String {
        match self {
            Match::Exact(NameKind::Main) => "name matches the GeoNames name".into(),
            Match::Exact(NameKind::AdminName) => "name matches ACLED's admin name".into(),
            Match::Exact(NameKind::Variant) => {
                "name is a curated variant (data/places/variants.tsv)".into()
            }
            Match::Exact(NameKind::Alternate) => "name matches a GeoNames alternate name".into(),
            Match::Skeleton => "name matches after transliteration folding".into(),
            Match::Partial => "name matches without its qualifier words".into(),
            Match::Fuzzy(d) => format!("name is {d} edit(s) from a known spelling"),
        }
    }
}

/// The folded keys of a name, computed once.
struct Keys {
    folded: String,
    stripped: String,
    skeleton: String,
    roles: Vec<Role>,
}

fn keys(g: &Gazetteer, name: &str) -> Rc<Keys> {
    memoised(
        g,
        |m| &mut m.keys,
        name,
        || {
            let folded = fold(name);
            let (stripped, roles) = g.lx.strip_generic(&folded);
            let skeleton = g.lx.skeleton_rules.skeleton(&stripped);
            Rc::new(Keys {
                folded,
                stripped,
                skeleton,
                roles,
            })
        },
    )
}

/// Per-thread answers of pure functions of a string — a name's keys,
/// whether it is a known place, what a cue says — for one gazetteer
/// instance. Reports name the same places and write the same cues over and
/// over ("Gao", "near"), and each answer costs thousands of instructions of
/// folding and map lookups. Bounded: a map is emptied when full.
#[derive(Default)]
struct Memo {
    /// [`Gazetteer::instance`] the answers belong to (0: none yet).
    gazetteer: u64,
    keys: FastMap<String, Rc<Keys>>,
    knows: FastMap<String, bool>,
    cues: FastMap<String, Rc<CueInfo>>,
    /// Folded key → candidates by name.
    lookups: FastMap<String, Rc<Found>>,
    /// Place number → the place as a candidate ([`candidate_place`]).
    places: FastMap<u32, Arc<Place>>,
    /// Hash of (name, hint, context) → its [`rank`].
    ranks: FastMap<u64, RankEntry>,
}

/// Entries per map of [`Memo`] before it is emptied.
const MEMO_MAX: usize = 10_000;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// `compute()`, or its answer remembered for `key` on this thread.
/// `compute` runs outside the memo's borrow: it may use other memoised
/// functions.
fn memoised<V: Clone>(
    g: &Gazetteer,
    map: impl Fn(&mut Memo) -> &mut FastMap<String, V>,
    key: &str,
    compute: impl FnOnce() -> V,
) -> V {
    let known = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.gazetteer != g.instance {
            *m = Memo {
                gazetteer: g.instance,
                ..Memo::default()
            };
        }
        map(&mut m).get(key).cloned()
    });
    if let Some(v) = known {
        return v;
    }
    let v = compute();
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.gazetteer == g.instance {
            let map = map(&mut m);
            if map.len() >= MEMO_MAX {
                map.clear();
            }
            map.insert(key.to_string(), v.clone());
        }
    });
    v
}

/// Candidate places by number, with their best name match. Every consumer
/// is order-independent (scores are sorted with ties broken by place
/// number), so the map uses the fast hash: common names have hundreds of
/// postings.
type Found = FastMap<u32, Match>;

fn put(out: &mut Found, p: Posting, m: Match) {
    out.entry(p.place)
        .and_modify(|old| {
            if m.score() > old.score() {
                *old = m;
            }
        })
        .or_insert(m);
}

/// Candidates by name only: exact folded keys and the skeleton key. A pure
/// function of the folded key (the other keys derive from it), remembered
/// per thread like the keys themselves.
fn lookup(g: &Gazetteer, k: &Keys) -> Rc<Found> {
    memoised(
        g,
        |m| &mut m.lookups,
        &k.folded,
        || Rc::new(lookup_uncached(g, k)),
    )
}

fn lookup_uncached(g: &Gazetteer, k: &Keys) -> Found {
    let mut out = Found::default();
    for p in g.index.exact(&k.folded) {
        put(&mut out, p, Match::Exact(p.kind));
    }
    if k.stripped != k.folded {
        for p in g.index.exact(&k.stripped) {
            put(&mut out, p, Match::Exact(p.kind));
        }
    }
    if k.skeleton.len() >= 3 {
        for p in g.index.skeleton(&k.skeleton) {
            put(&mut out, p, Match::Skeleton);
        }
    }
    out
}

/// Adds places one edit (two for long names) from the skeleton, only in
/// `countries`: a misspelt village of the country in focus, never a
/// look-alike city across the world.
fn fuzzy_into(g: &Gazetteer, k: &Keys, out: &mut Found, countries: &[u16], max_edits: u32) {
    for (d, min_len) in [(1u32, 4usize), (2, 8)] {
        if k.skeleton.len() < min_len || d > max_edits {
            break;
        }
        let before = out.len();
        for (_, list) in g.index.fuzzy(&k.skeleton, d, 60).iter() {
            for &p in list {
                let cc = g.hot.places[p.place as usize].country;
                if countries.contains(&cc) && !out.contains_key(&p.place) {
                    put(out, p, Match::Fuzzy(d));
                }
            }
        }
        if out.len() > before {
            break;
        }
    }
}

/// The name with its distinguishing words dropped ("Birga-Dogon" → "Birga",
/// "Essakane-Site" → "Essakane", "X - Y road" → "X"): a fallback when the
/// full name is unknown. Qualifier words live in `data/places/qualifiers.txt`.
fn reduced_keys(g: &Gazetteer, name: &str, k: &Keys) -> Option<Rc<Keys>> {
    let head = name.split(['(', '/', ',']).next().unwrap_or(name);
    let head = head.split(" - ").next().unwrap_or(head);
    let folded = fold(head);
    let kept: Vec<&str> = folded
        .split(' ')
        .filter(|t| !t.is_empty() && !g.lx.is_qualifier(t))
        .collect::<Vec<_>>();
    let reduced = kept.join(" ");
    if reduced.is_empty() || reduced == k.stripped || reduced == k.folded {
        return None;
    }
    Some(keys(g, &reduced))
}

/// The coordinates ACLED would code for a place: admin units at their seat.
fn coded_point(g: &Gazetteer, i: u32) -> (f64, f64) {
    let h = &g.hot.places[i as usize];
    (h.lat, h.lon)
}

/// What the document's admin mentions pin down.
#[derive(Default)]
struct AdminEvidence {
    admin1: AdminSet,
    admin2: AdminSet,
}

/// A set of (country, admin name) as [`crate::hot`] ids: a handful at
/// most, tested for every candidate of every toponym.
#[derive(Default)]
struct AdminSet(Vec<(u16, u32)>);

impl AdminSet {
    fn insert(&mut self, item: (u16, u32)) {
        if !self.0.contains(&item) {
            self.0.push(item);
        }
    }

    /// Whether the place's admin (`NO_ADMIN`: none, never in the set) is.
    fn contains(&self, country: u16, admin: u32) -> bool {
        admin != NO_ADMIN && self.0.contains(&(country, admin))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn admin_evidence(g: &Gazetteer, mentions: &[String]) -> AdminEvidence {
    let mut ev = AdminEvidence::default();
    for m in mentions.iter().take(20) {
        let k = keys(g, m);
        if k.stripped.is_empty() {
            continue;
        }
        let level = k.roles.iter().find_map(|r| match r {
            Role::Adm1 => Some(1u8),
            Role::Adm2 => Some(2),
            _ => None,
        });
        let mut found = lookup(g, &k);
        if found.is_empty() {
            let found = Rc::make_mut(&mut found);
            let sahel = g.hot.country_ids([FOCUS, NEIGHBOURS].concat());
            fuzzy_into(g, &k, found, &sahel, 1);
        }
        for &i in found.keys() {
            let h = &g.hot.places[i as usize];
            let cc = h.country;
            match (g.hot.feature(h).code.as_str(), level) {
                ("ADM1", None | Some(1)) if h.admin1 != NO_ADMIN => {
                    ev.admin1.insert((cc, h.admin1));
                }
                ("ADM2", None | Some(2)) => {
                    if h.admin2 != NO_ADMIN {
                        ev.admin2.insert((cc, h.admin2));
                    }
                    if h.admin1 != NO_ADMIN {
                        ev.admin1.insert((cc, h.admin1));
                    }
                }
                _ => {}
            }
        }
    }
    ev
}

/// Where one of the document's other places may be: its coded point and
/// admin path, per candidate.
struct OtherPlace {
    /// Its keys (the skeleton: a toponym is no evidence for itself).
    keys: Rc<Keys>,
    points: Vec<Point>,
}

/// A coded point with the cosine of its latitude, which every distance to
/// it needs: each candidate of each toponym is measured against each point
/// of each other place, and the cosines were most of that cost.
#[derive(Debug, Clone, Copy)]
struct Point {
    lat: f64,
    lon: f64,
    cos_lat: f64,
    place: u32,
    /// The place's country and admin ids, which [`support`] compares.
    country: u16,
    admin1: u32,
    admin2: u32,
}

impl Point {
    fn coded(g: &Gazetteer, place: u32) -> Point {
        let h: &Hot = &g.hot.places[place as usize];
        Point {
            lat: h.lat,
            lon: h.lon,
            cos_lat: h.cos_lat,
            place,
            country: h.country,
            admin1: h.admin1,
            admin2: h.admin2,
        }
    }

    /// Whether `other` may be close enough for a [`closeness`] above `best`.
    /// A great-circle distance is at least the latitude difference along a
    /// meridian; that floor (less 0.1% for rounding) bounds the closeness
    /// from above without any trigonometry. Errs on "may be".
    fn may_be_closer_than(&self, other: &Point, best: f64) -> bool {
        if self.cos_lat < 0.0 || other.cos_lat < 0.0 {
            return true;
        }
        let floor_km = (other.lat - self.lat).abs().to_radians() * 6371.0088 * 0.999;
        closeness(floor_km) > best
    }

    /// [`haversine_km`] between two points, bit for bit, from their cached
    /// cosines (same operations in the same order).
    fn km_to(&self, other: &Point) -> f64 {
        let r = 6371.0088_f64;
        let dp = (other.lat - self.lat).to_radians();
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + self.cos_lat * other.cos_lat * (dl / 2.0).sin().powi(2);
        2.0 * r * a.sqrt().asin()
    }
}

/// The document's other places: for each, the candidates it may be.
fn nearby_points(g: &Gazetteer, others: &[String]) -> Vec<OtherPlace> {
    // Skeletons already taken (at most 30: a list, not a hashed set of
    // copies).
    let mut seen: Vec<Rc<Keys>> = Vec::new();
    let mut out = Vec::new();
    for o in others.iter().take(30) {
        let k = keys(g, o);
        if k.stripped.is_empty() || seen.iter().any(|s| s.skeleton == k.skeleton) {
            continue;
        }
        seen.push(k.clone());
        if g.lx.is_stopword(&k.stripped) {
            continue;
        }
        let found = lookup(g, &k);
        let in_sahel = |i: &u32| {
            let c = g.hot.country(&g.hot.places[*i as usize]);
            c.focus || c.neighbour
        };
        // A name with more than 60 Sahel places says nothing: counted
        // before any point is made.
        let n = found.keys().filter(|i| in_sahel(i)).count();
        if n == 0 || n > 60 {
            continue;
        }
        let mut points: Vec<Point> = found
            .keys()
            .copied()
            .filter(in_sahel)
            .map(|i| Point::coded(g, i))
            .collect();
        points.sort_by_key(|a| a.place);
        out.push(OtherPlace { keys: k, points });
    }
    out
}

/// How near a place at `km` is, on the Sahel's scale: 1 on the spot, ½ at
/// 100 km. Never increases with the distance.
fn closeness(km: f64) -> f64 {
    1.0 / (1.0 + (km / 100.0).powi(2))
}

/// How strongly another place of the document supports a candidate: close
/// by (on the Sahel's scale: 100 km is near), or in the same cercle/region.
fn support(here: &Point, other: &OtherPlace) -> (f32, f64) {
    let mut best = 0.0f64;
    let mut best_km = f64::INFINITY;
    for there in &other.points {
        let same_country = there.country == here.country;
        let same2 = same_country && here.admin2 != NO_ADMIN && there.admin2 == here.admin2;
        let same1 = same_country && here.admin1 != NO_ADMIN && there.admin1 == here.admin1;
        let admin = if same2 {
            0.9
        } else if same1 {
            0.55
        } else {
            0.0
        };
        if admin <= best && !here.may_be_closer_than(there, best) {
            // Neither its admin path nor its distance can beat the best:
            // the (costly) distance is not needed.
            continue;
        }
        let d = here.km_to(there);
        let closeness = closeness(d);
        let s = closeness.max(admin);
        if s > best {
            best = s;
            best_km = d;
        }
    }
    let specificity = 1.0 / (other.points.len() as f64).sqrt();
    ((best * specificity) as f32, best_km)
}

/// What a document's context says, computed once per document: the
/// extraction engine resolves each toponym of a document with the same
/// context, so the last one is kept per thread.
struct ContextEvidence {
    admin: AdminEvidence,
    nearby: Vec<OtherPlace>,
}

type CachedEvidence = (u64, GeoContext, Rc<ContextEvidence>);

thread_local! {
    static LAST_CONTEXT: RefCell<Option<CachedEvidence>> = const { RefCell::new(None) };
}

fn context_evidence(g: &Gazetteer, ctx: &GeoContext) -> Rc<ContextEvidence> {
    let id = g.instance;
    let cached = LAST_CONTEXT.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(gid, cctx, _)| *gid == id && cctx == ctx)
            .map(|(_, _, ev)| ev.clone())
    });
    if let Some(ev) = cached {
        return ev;
    }
    let ev = Rc::new(ContextEvidence {
        admin: admin_evidence(g, &ctx.admin_mentions),
        nearby: nearby_points(g, &ctx.other_places),
    });
    LAST_CONTEXT.with(|c| *c.borrow_mut() = Some((id, ctx.clone(), ev.clone())));
    ev
}

fn feature_fit(hint: Option<Role>, class: &str, code: &str) -> Option<bool> {
    let hint = hint?;
    Some(match hint {
        Role::Adm1 => code == "ADM1",
        Role::Adm2 => code == "ADM2",
        Role::Adm3 => code == "ADM3" || class == "P",
        Role::Town | Role::Village => class == "P",
        Role::Camp => matches!(code, "CMP" | "MILB" | "INSM") || class == "P",
        Role::Well => code.starts_with("WLL") || code == "WTRH",
        Role::Wadi => matches!(code, "WAD" | "STM" | "STMI" | "VAL"),
        Role::Airport => code.starts_with("AIR"),
        Role::Area => matches!(class, "L" | "V" | "T" | "H"),
        Role::Near | Role::Skip => return None,
    })
}

struct Scored {
    place: u32,
    m: Match,
    score: f32,
    reasons: Vec<String>,
}

/// Resolves one toponym in its context.
pub fn resolve(g: &Gazetteer, q: &ToponymQuery) -> GeoResolution {
    let k = keys(g, &q.name);
    if k.stripped.is_empty() {
        return GeoResolution::unresolved(q.name.clone());
    }
    let cue: Rc<CueInfo> = q
        .cue
        .as_deref()
        .map(|c| memoised(g, |m| &mut m.cues, c, || Rc::new(parse_cue(&g.lx, c))))
        .unwrap_or_default();
    let name_hint = k.roles.iter().copied().find(|r| r.is_type_hint());
    let hint = cue.type_hint.or(name_hint);
    let mut offset = cue.offset.clone();
    if offset.is_none() && k.roles.contains(&Role::Near) {
        offset = Some(vigie_core::place::RelativeOffset {
            distance_km: None,
            direction: None,
            text: q.name.clone(),
            span: None,
        });
    }

    match ranked(g, q, &k, hint).as_ref() {
        Outcome::NoCandidates => GeoResolution {
            offset,
            ..GeoResolution::unresolved(q.name.clone())
        },
        Outcome::NoneStands => GeoResolution::unresolved(q.name.clone()),
        Outcome::Resolved {
            best,
            alternatives,
            ambiguous,
            precision,
        } => {
            let mut precision = *precision;
            if offset.is_some() && precision == GeoPrecision::Town {
                precision = GeoPrecision::Near;
            }
            GeoResolution {
                query: q.name.clone(),
                best: Some(best.clone()),
                alternatives: alternatives.clone(),
                ambiguous: *ambiguous,
                precision: Some(precision),
                offset,
            }
        }
    }
}

/// The candidates of a name in a context, the cue reduced to the kind of
/// place it names: everything of an answer but its query and offset.
enum Outcome {
    /// No place of that name: unresolved, with the cue's offset.
    NoCandidates,
    /// Places of that name, none of which may stand for it here.
    NoneStands,
    Resolved {
        best: GeoCandidate,
        alternatives: Vec<GeoCandidate>,
        ambiguous: bool,
        /// The best place's precision, before the offset is accounted for.
        precision: GeoPrecision,
    },
}

/// A remembered [`Outcome`] with what it was computed from.
struct RankEntry {
    name: String,
    hint: Option<Role>,
    context: GeoContext,
    outcome: Rc<Outcome>,
}

/// Entries of [`Memo::ranks`] before it is emptied (each holds a context
/// and up to four candidates).
const RANKS_MAX: usize = 4_096;

/// [`rank`], remembered per thread: a pure function of the name, the kind
/// of place the cue names and the document's context, and reports of one
/// place name the same places over and over ("Djibo (Soum, Sahel)").
fn ranked(g: &Gazetteer, q: &ToponymQuery, k: &Keys, hint: Option<Role>) -> Rc<Outcome> {
    let hash = {
        let mut h = FxHasher::default();
        q.name.hash(&mut h);
        hint.hash(&mut h);
        q.context.hash(&mut h);
        h.finish()
    };
    let known = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.gazetteer != g.instance {
            *m = Memo {
                gazetteer: g.instance,
                ..Memo::default()
            };
        }
        m.ranks
            .get(&hash)
            .filter(|e| e.name == q.name && e.hint == hint && e.context == q.context)
            .map(|e| e.outcome.clone())
    });
    if let Some(o) = known {
        return o;
    }
    let outcome = Rc::new(rank(g, q, k, hint));
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.gazetteer == g.instance {
            if m.ranks.len() >= RANKS_MAX {
                m.ranks.clear();
            }
            m.ranks.insert(
                hash,
                RankEntry {
                    name: q.name.clone(),
                    hint,
                    context: q.context.clone(),
                    outcome: outcome.clone(),
                },
            );
        }
    });
    outcome
}

/// Scores the candidates of a name (see the module's documentation).
fn rank(g: &Gazetteer, q: &ToponymQuery, k: &Keys, hint: Option<Role>) -> Outcome {
    let evidence = context_evidence(g, &q.context);
    let admin = &evidence.admin;
    let countries: Vec<String> = q
        .context
        .countries
        .iter()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let allowed: Vec<&str> = if countries.is_empty() {
        [FOCUS, NEIGHBOURS].concat()
    } else {
        countries.iter().map(String::as_str).collect()
    };
    // The same lists as gazetteer ids (a code no place has matches no
    // candidate either way).
    let allowed = g.hot.country_ids(allowed);
    let country_ids = g.hot.country_ids(countries.iter().map(String::as_str));
    let first_country = countries.first().and_then(|c| g.hot.country_id(c));
    // Is there a candidate the context can accept? If not, look further:
    // misspellings (edit distance) and the name without its qualifiers.
    let acceptable = |found: &Found| {
        found.keys().any(|i| {
            let h = &g.hot.places[*i as usize];
            allowed.contains(&h.country)
                && (admin.admin1.is_empty() || admin.admin1.contains(h.country, h.admin1))
        })
    };
    // The remembered candidates are read in place; copied only if the
    // fallbacks below add to them (cloning the map per toponym cost more
    // than the rest of the pre-ranking).
    let by_name = lookup(g, k);
    let mut found: Cow<'_, Found> = Cow::Borrowed(&*by_name);
    // A town of this name in the country, though in another region, is a
    // namesake more often than a misspelling: then the (costly) edit-distance
    // search is skipped.
    let town_in_country = found.keys().any(|i| {
        let h = &g.hot.places[*i as usize];
        g.hot.feature(h).class == "P" && allowed.contains(&h.country)
    });
    if found.is_empty() || (!town_in_country && !acceptable(&found)) {
        // Two edits only when nothing matched at all: a known name in the
        // wrong place is more often a namesake than a misspelling twice over.
        let max_edits = if found.is_empty() { 2 } else { 1 };
        fuzzy_into(g, k, found.to_mut(), &allowed, max_edits);
    }
    if !acceptable(&found) {
        if let Some(rk) = reduced_keys(g, &q.name, k) {
            let found = found.to_mut();
            for (&i, &m) in lookup(g, &rk).iter() {
                found.entry(i).or_insert(match m {
                    Match::Exact(_) => Match::Partial,
                    _ => Match::Fuzzy(2),
                });
            }
        }
    }
    if found.is_empty() {
        return Outcome::NoCandidates;
    }
    let common_word = g.lx.is_stopword(&k.stripped) && hint.is_none();

    // Pre-rank by name and prior, keep the best few hundred for full scoring.
    // Order-free: sorted below with ties broken by place number.
    let mut pre: Vec<(u32, Match, f32)> = found
        .iter()
        .map(|(&i, &m)| {
            let h = &g.hot.places[i as usize];
            let prior = g.hot.feature(h).prior.prior;
            (i, m, m.score() + prior + h.pop_score)
        })
        .collect();
    pre.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    pre.truncate(MAX_CANDIDATES);

    let nearby: Vec<&OtherPlace> = evidence
        .nearby
        .iter()
        .filter(|o| o.keys.skeleton != k.skeleton)
        .collect();
    let w = WEIGHTS;

    // Scores one candidate; the reasons (strings) are written only for the
    // few candidates returned.
    let score_one = |i: u32, m: Match, explain: bool| -> Scored {
        let h = &g.hot.places[i as usize];
        // The full place only for the few candidates explained.
        let p = || &g.places[i as usize];
        let feat = g.hot.feature(h);
        let mut reasons = if explain {
            vec![m.reason()]
        } else {
            Vec::new()
        };
        let name = if common_word {
            if explain {
                reasons.push("a common word: ranked down without a cue".into());
            }
            m.score() * 0.5
        } else {
            m.score()
        };
        let fp = feat.prior;
        // A cue that names the kind of place ("région de", "le village
        // de") is strong evidence: a mismatch costs a fifth of the score.
        let fit = feature_fit(hint, &feat.class, &feat.code);
        let (feature, fit_factor) = match fit {
            Some(true) => {
                if explain {
                    reasons.push(format!("{} fits the cue", feat.code));
                }
                (1.0, 1.0)
            }
            Some(false) => (fp.prior * 0.4, 0.8),
            None => (fp.prior, 1.0),
        };
        // An admin unit's population is its whole area's: not comparable
        // with a town's, so it does not count (the feature prior does).
        let population = if feat.class == "A" { 0.0 } else { h.pop_score };
        let country_of = g.hot.country(h);
        // Country evidence is both additive and, outside the countries a
        // document is about, a factor: a big namesake abroad must not
        // outweigh the village next door.
        let (country, country_factor) = if countries.is_empty() {
            if country_of.focus {
                (0.8, 1.0)
            } else if country_of.neighbour {
                (0.55, 0.95)
            } else {
                (0.3, 0.85)
            }
        } else if first_country == Some(h.country) {
            if explain {
                reasons.push(format!("in {}, the country in focus", p().country));
            }
            (1.0, 1.0)
        } else if country_ids.contains(&h.country) {
            (0.8, 1.0)
        } else {
            (0.15, 0.75)
        };
        let admin_score = {
            let in1 = admin.admin1.contains(h.country, h.admin1);
            let in2 = admin.admin2.contains(h.country, h.admin2);
            if in2 && explain {
                reasons.push(format!(
                    "in the cercle/province the document names ({})",
                    p().admin2.as_deref().unwrap_or_default()
                ));
            }
            if in1 && explain {
                reasons.push(format!(
                    "in the region the document names ({})",
                    p().admin1.as_deref().unwrap_or_default()
                ));
            }
            match (admin.admin1.is_empty(), admin.admin2.is_empty()) {
                (true, true) => 0.5,
                (false, true) => f32::from(u8::from(in1)),
                (_, false) => 0.4 * f32::from(u8::from(in1)) + 0.6 * f32::from(u8::from(in2)),
            }
        };
        let nearby_score = if nearby.is_empty() {
            0.5
        } else {
            let here = Point::coded(g, i);
            let mut best = 0.0f32;
            let mut best_km = f64::INFINITY;
            for other in nearby.iter().copied() {
                let (sc, km) = support(&here, other);
                if sc > best {
                    best = sc;
                    best_km = km;
                }
            }
            if best > 0.3 && explain {
                reasons.push(format!(
                    "{best_km:.0} km from another place of the document"
                ));
            }
            best
        };
        let score = w.name * name
            + w.feature * feature
            + w.population * population
            + w.country * country
            + w.admin * admin_score
            + w.nearby * nearby_score;
        let score = score * fit_factor * country_factor;
        Scored {
            place: i,
            m,
            score,
            reasons,
        }
    };
    let mut scored: Vec<Scored> = pre
        .iter()
        .map(|&(i, m, _)| score_one(i, m, false))
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.place.cmp(&b.place)));

    // A namesake abroad is not the Sahel village GeoNames lacks: outside
    // Mali, Burkina Faso, Niger and the countries the document names, a
    // place of a neighbour (Mauritania, Senegal) stands only on an exact
    // name, and one further away only under its own GeoNames name and as a
    // city of some size ("Istanbul", not a hamlet whose alternate name
    // matches "Kiel" or "Ataq").
    scored.retain(|s| {
        let named = country_ids.contains(&g.hot.places[s.place as usize].country);
        stands(g, s.place, s.m, named)
    });
    let Some(best) = scored.first() else {
        return Outcome::NoneStands;
    };
    let best_pt = coded_point(g, best.place);
    // The strongest competitor at a different locus decides ambiguity.
    let rival = scored.iter().skip(1).find(|s| {
        let pt = coded_point(g, s.place);
        haversine_km(best_pt.0, best_pt.1, pt.0, pt.1) > SAME_LOCUS_KM
    });
    let ambiguous = rival.is_some_and(|r| best.score - r.score < AMBIGUITY_MARGIN);

    let fp = g.hot.feature(&g.hot.places[best.place as usize]).prior;
    let precision = GeoPrecision::try_from(fp.precision).unwrap_or(GeoPrecision::Near);

    let to_candidate = |s: &Scored| {
        let place = candidate_place(g, s.place);
        let mut reasons = score_one(s.place, s.m, true).reasons;
        if g.seats[s.place as usize].is_some() {
            reasons.push("coordinates of the unit's seat, as ACLED codes it".into());
        }
        GeoCandidate {
            place,
            score: (s.score * 1000.0).round() / 1000.0,
            reasons,
            name_match: s.m.name_match(),
        }
    };
    let mut alternatives = Vec::new();
    let mut loci: Vec<(f64, f64)> = vec![best_pt];
    for s in scored.iter().skip(1) {
        if alternatives.len() >= MAX_ALTERNATIVES {
            break;
        }
        let pt = coded_point(g, s.place);
        if loci
            .iter()
            .all(|l| haversine_km(l.0, l.1, pt.0, pt.1) > SAME_LOCUS_KM)
        {
            loci.push(pt);
            alternatives.push(to_candidate(s));
        }
    }
    Outcome::Resolved {
        best: to_candidate(best),
        alternatives,
        ambiguous,
        precision,
    }
}

/// A place as a candidate hands it out: admin units at their seat (ACLED
/// codes a region or cercle there). Built once per thread and place, then
/// shared.
fn candidate_place(g: &Gazetteer, i: u32) -> Arc<Place> {
    let known = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.gazetteer != g.instance {
            *m = Memo {
                gazetteer: g.instance,
                ..Memo::default()
            };
        }
        m.places.get(&i).cloned()
    });
    if let Some(p) = known {
        return p;
    }
    let mut place: Place = g.places[i as usize].clone();
    if let Some((lat, lon)) = g.seats[i as usize] {
        place.latitude = lat;
        place.longitude = lon;
    }
    let place = Arc::new(place);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.gazetteer == g.instance {
            if m.places.len() >= MEMO_MAX {
                m.places.clear();
            }
            m.places.insert(i, place.clone());
        }
    });
    place
}

/// Whether a candidate may stand for a name: any place of Mali, Burkina
/// Faso, Niger or of a country the document names; a neighbour's
/// (Mauritania, Senegal) on an exact name; a place further away only under
/// its own GeoNames name and as a city of [`FAR_CITY_POPULATION`].
fn stands(g: &Gazetteer, place: u32, m: Match, country_named: bool) -> bool {
    let c = g.hot.country(&g.hot.places[place as usize]);
    if c.focus || country_named {
        true
    } else if c.neighbour {
        matches!(m, Match::Exact(_))
    } else {
        matches!(m, Match::Exact(NameKind::Main))
            && g.places[place as usize].population >= FAR_CITY_POPULATION
    }
}

/// Whether the name is a place the gazetteer knows, under the same folding
/// as [`resolve`] (exact and skeleton keys; edit-distance matches are left to
/// `resolve`, so that recognition stays strict). Common words of the
/// stoplist and one- or two-letter names are not places.
pub fn knows(g: &Gazetteer, name: &str) -> bool {
    memoised(
        g,
        |m| &mut m.knows,
        name,
        || {
            let k = keys(g, name);
            if k.stripped.len() < 3 || g.lx.is_stopword(&k.stripped) || g.lx.is_stopword(&k.folded)
            {
                return false;
            }
            let indexed = g.index.has_exact(&k.folded)
                || g.index.has_exact(&k.stripped)
                || (k.skeleton.len() >= 4 && g.index.has_skeleton(&k.skeleton));
            // A name only a small town abroad bears is not a place here
            // (see `stands`).
            indexed
                && lookup(g, &k).iter().any(|(&i, &m)| {
                    matches!(m, Match::Exact(_) | Match::Skeleton) && stands(g, i, m, false)
                })
        },
    )
}

/// 1 when the name is a region (ADM1) of a Sahel country of the gazetteer,
/// 2 when it is a cercle / province / department (ADM2).
pub fn admin_level(g: &Gazetteer, name: &str) -> Option<u8> {
    let k = keys(g, name);
    if k.stripped.len() < 2 {
        return None;
    }
    let mut level = None;
    for (&i, &m) in lookup(g, &k).iter() {
        if matches!(m, Match::Fuzzy(_)) {
            continue;
        }
        let p = &g.places[i as usize];
        if !FOCUS.contains(&p.country_code.as_str())
            && !NEIGHBOURS.contains(&p.country_code.as_str())
        {
            continue;
        }
        let l = match p.feature_code.as_str() {
            "ADM1" => 1,
            "ADM2" => 2,
            _ => continue,
        };
        level = Some(level.map_or(l, |x: u8| x.min(l)));
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cached-cosine distance is the shared formula, bit for bit: scores
    /// (and so outputs) must not move by a rounding.
    #[test]
    fn point_distance_is_haversine_bit_for_bit() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..10_000 {
            let (lat1, lon1, lat2, lon2) = (
                next() * 180.0 - 90.0,
                next() * 360.0 - 180.0,
                next() * 180.0 - 90.0,
                next() * 360.0 - 180.0,
            );
            let pt = |lat: f64, lon: f64| Point {
                lat,
                lon,
                cos_lat: lat.to_radians().cos(),
                place: 0,
                country: 0,
                admin1: NO_ADMIN,
                admin2: NO_ADMIN,
            };
            let d = pt(lat1, lon1).km_to(&pt(lat2, lon2));
            assert_eq!(
                d.to_bits(),
                haversine_km(lat1, lon1, lat2, lon2).to_bits(),
                "{lat1} {lon1} {lat2} {lon2}"
            );
        }
    }
}
