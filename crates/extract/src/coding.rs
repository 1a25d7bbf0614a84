//! Coding: one assembled event → an ACLED record with evidence.
//!
//! Decides the sub-event type from the trigger classes and who was hit,
//! assigns actors to their roles, applies ACLED's conservative fatality
//! rule, sets the claim (who says it, with what modality), and writes the
//! notes sentence.

use std::collections::BTreeMap;

use jiff::civil::Date;
use vigie_core::taxonomy::interaction;
use vigie_core::{
    ActorRef, Claim, Event, EventPlace, Evidence, Field, FigureClaim, GeoPrecision, Modality,
    SubEventType, TimePrecision,
};
use vigie_text::Prepared;

use crate::actors::{ActorHit, ActorKind, ActorLexicon};
use crate::annotate::{within, Annotations, Topo};
use crate::assemble::Frame;
use crate::attribution::modality_rank;
use crate::notes::write_notes;
use crate::numbers::Quantity;
use crate::toponyms::PlaceCue;
use crate::triggers::{Trigger, TriggerClass};
use crate::victims::{VictimClass, VictimHit};

/// actor1, assoc_actor_1, actor2, assoc_actor_2.
type ActorRoles = (
    Field<Option<ActorRef>>,
    Vec<ActorRef>,
    Field<Option<ActorRef>>,
    Vec<ActorRef>,
);

/// Everything coding reads about one document.
pub struct Coder<'a> {
    pub prepared: &'a Prepared,
    pub ann: &'a Annotations<'a>,
    pub frames: &'a [Frame],
    pub actors: &'a ActorLexicon,
    pub published: Option<Date>,
    pub doc_id: &'a str,
}

const PASSIVE_WORDS: &[&str] = &[
    "ete", "was", "were", "been", "being", "is", "are", "sont", "est", "got",
];
const AGENT_WORDS: &[&str] = &["par", "by"];
/// Participles before "par"/"by" that name a companion, not the doer:
/// "escorté par les FAMa", "accompanied by gendarmes", "appuyés par".
const COMPANY_WORDS: &[&str] = &[
    "escorte",
    "escortes",
    "escortee",
    "escortees",
    "escorted",
    "accompagne",
    "accompagnes",
    "accompagnee",
    "accompagnees",
    "accompanied",
    "appuye",
    "appuyes",
    "soutenu",
    "soutenus",
    "supported",
    "backed",
    "encadre",
    "encadres",
    "protege",
    "proteges",
    "protected",
    "guarded",
];
/// Act words whose subject is who was hit.
const SUFFERED_ACTS: &[&str] = &[
    "came under fire",
    "came under attack",
    "come under fire",
    "come under attack",
    "under fire",
    "essuye des tirs",
];
/// Words between "attaque de" and its doer: "une attaque de présumés djihadistes".
const DOER_QUALIFIERS: &[&str] = &["presumes", "presume", "supposes", "suppose", "les", "l"];
/// The longest headline, in words (wire headlines run 6 to 15).
const HEADLINE_MAX_WORDS: usize = 20;
/// Auxiliaries of the active voice ("ont tué", "accusés d'avoir exécuté").
const ACTIVE_AUX: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "auraient", "avoir", "ayant", "have", "has", "had",
];
/// Death words whose subject is the dead ("ont trouvé la mort", "dead").
const INTRANSITIVE_DEATH: &[&str] = &[
    "mort",
    "morts",
    "peri",
    "perdu la vie",
    "deces",
    "victime",
    "victimes",
    "pertes",
    "pertes humaines",
    "importantes pertes",
    "lourdes pertes",
    "dead",
    "deaths",
    "fatalities",
    "casualties",
    "heavy losses",
    "lost their lives",
    "trouve la mort",
    "ont peri",
    "bilan",
];
/// Words that put an act after a crowd's state ("the population, shocked after the abduction").
const AFTER_WORDS: &[&str] = &["after", "following", "apres", "suite"];
/// Words that make a crowd armed ("armed individuals", "armed youths").
const ARMED_WORDS: &[&str] = &[
    "armed",
    "arme",
    "armes",
    "armee",
    "armees",
    "unknown",
    "unidentified",
];
/// Words that introduce the owner of a thing ("the house of a councilman").
const OWNER_WORDS: &[&str] = &["of", "belonging", "owned", "de", "du", "appartenant"];
/// Words that make what follows the topic of a protest, not an act in it.
const TOPIC_WORDS: &[&str] = &[
    "against",
    "over",
    "denounce",
    "denounced",
    "denouncing",
    "wake",
    "contre",
    "denoncer",
    "denoncant",
    "suite",
];
/// Words that deny the trigger after them ("no casualties", "sans victime").
const NEGATIONS: &[&str] = &["no", "without", "aucune", "aucun", "sans", "pas", "ni"];
/// Words that introduce a part of a toll already counted ("dont trois enfants").
const SUBSET_WORDS: &[&str] = &[
    "including",
    "among",
    "dont",
    "parmi",
    "notamment",
    "incluant",
    "y",
];
const ARTICLES: &[&str] = &[
    "des",
    "les",
    "le",
    "la",
    "l",
    "de",
    "d",
    "du",
    "un",
    "une",
    "the",
    "a",
    "an",
    "unknown",
    "unidentified",
    "suspected",
    "presumed",
    "presumes",
    "presume",
    "'",
];

impl<'a> Coder<'a> {
    fn folded(&self) -> &str {
        &self.prepared.folded.text
    }

    /// Evidence for a folded range.
    pub fn evidence(&self, fstart: usize, fend: usize) -> Evidence {
        let (cs, ce) = self.prepared.clean_range(fstart, fend);
        self.prepared.evidence(cs, ce)
    }

    fn sentence_evidence(&self, sent: usize) -> Evidence {
        let s = &self.ann.sents[sent];
        self.prepared.evidence(s.cstart, s.cend)
    }

    /// Word tokens of folded text between two offsets.
    fn words_between(&self, a: usize, b: usize) -> Vec<&str> {
        self.folded()
            .get(a.min(b)..b)
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The last `n` words of folded text between `floor` and `at` (the
    /// words [`Self::words_between`] would end with), found by walking back
    /// from `at`: called for every hit, it must not split whole sentences.
    fn words_before(&self, at: usize, n: usize, floor: usize) -> Vec<&str> {
        let text = self.folded().get(floor.min(at)..at).unwrap_or("");
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let mut end = None;
        for (i, c) in text.char_indices().rev() {
            match (c.is_alphanumeric(), end) {
                (true, None) => end = Some(i + c.len_utf8()),
                (false, Some(e)) => {
                    out.push(&text[i + c.len_utf8()..e]);
                    end = None;
                    if out.len() == n {
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(e) = end {
            out.push(&text[..e]);
        }
        out.reverse();
        out
    }

    /// Whether a death trigger has the dead as its subject (passive or intransitive).
    fn death_subject_is_victim(&self, t: &Trigger, sent_start: usize) -> bool {
        let text = &self.folded()[t.start..t.end];
        if INTRANSITIVE_DEATH.contains(&text) {
            return true;
        }
        let before = self.words_before(t.start, 2, sent_start);
        if before.iter().any(|w| PASSIVE_WORDS.contains(w)) {
            return true;
        }
        let english = self.prepared.language.language() == Some(vigie_core::Language::En);
        if text.ends_with("ant")
            || text.ends_with("ing")
            || english && text.ends_with('s') && !text.ends_with("es")
        {
            return false; // "tuant", "killing", "kills": active
        }
        // French participles without auxiliary avoir are passive ("trois
        // soldats tués", "douze soldats abattus"); in English an -e word is
        // a bare verb ("attempted to assassinate", "execute").
        if english {
            return false;
        }
        let french_participle = text.ends_with('e')
            || text.ends_with("es")
            || text.ends_with("ee")
            || text.ends_with("ees")
            || text.ends_with("us");
        if french_participle && !before.iter().any(|w| ACTIVE_AUX.contains(w)) {
            return true;
        }
        false
    }

    /// Whether the words before the anchor name who was hit: a death said
    /// of the dead ("two soldiers were killed") or an act in the passive
    /// ("the gendarmerie post was attacked by gunmen", "post attacked by").
    fn subject_is_hit(&self, t: &Trigger, sent_start: usize) -> bool {
        use TriggerClass as T;
        match t.class {
            T::Kill => self.death_subject_is_victim(t, sent_start),
            // "the patrol came under fire", "la patrouille a essuyé des tirs".
            T::Attack if SUFFERED_ACTS.contains(&&self.folded()[t.start..t.end]) => true,
            T::Attack | T::Abduct | T::Loot | T::Ied | T::Shelling | T::Grenade => {
                let next = self
                    .words_between(t.end, self.folded().len().min(t.end + 12))
                    .into_iter()
                    .next();
                let aux = self
                    .words_before(t.start, 2, sent_start)
                    .iter()
                    .any(|w| PASSIVE_WORDS.contains(w));
                aux || next.is_some_and(|w| AGENT_WORDS.contains(&w))
            }
            _ => false,
        }
    }

    /// Whether an actor only speaks in the sentence: a statement verb right
    /// after it ("the army said", "l'armée a indiqué", "the military says")
    /// or "according to"/"selon" right before it. Unlike
    /// [`Self::is_source_span`], an adverb of reserve ("JNIM reportedly
    /// attacked") or a claim ("ISGS claimed to have killed") leaves the
    /// actor a party to the act.
    fn is_speaker(&self, h: &ActorHit) -> bool {
        self.ann
            .cues
            .iter()
            .filter(|c| c.info.label.is_some())
            .any(|c| {
                (c.info.modality == Modality::Asserted && h.end <= c.start && c.start - h.end <= 2)
                    || (c.end <= h.start && h.start - c.end <= 12)
            })
    }

    /// Whether a span names who speaks ("…, police said", "selon l'armée").
    fn is_source_span(&self, start: usize, end: usize) -> bool {
        self.ann
            .cues
            .iter()
            .filter(|c| c.info.label.is_some())
            .any(|c| {
                (end <= c.start && c.start - end <= 2)
                    || (c.end <= start && start - c.end <= 12)
                    || (c.start <= start && end <= c.end)
            })
    }

    /// The doer a later sentence of the event's paragraph names when the
    /// main sentence names none: "The device was likely planted by JNIM
    /// militants.", "JNIM claimed responsibility.", "L'attaque a été
    /// revendiquée par l'EIGS." A sentence of another happening ends the
    /// search. With "by"/"par", only a non-state armed group counts ("the
    /// attack was repelled by the army" names the defender); a claim of the
    /// act names its doer whoever makes it.
    fn doer_named_later(&self, members: &[usize], targets: &[ActorHit]) -> Option<ActorHit> {
        let main = self.frames.get(*members.first()?)?.sent;
        let paragraph = self.ann.sents.get(main)?.paragraph;
        for (si, s) in self.ann.sents.iter().enumerate().skip(main + 1) {
            if s.paragraph != paragraph {
                break;
            }
            if self.tells_another_event(si, members) {
                break;
            }
            for h in within(&self.ann.actors, s.fstart, s.fend, |h| h.start) {
                if targets.iter().any(|t| t.id == h.id) {
                    continue;
                }
                let kind = self.actors.kind(h.id);
                let armed_group = matches!(
                    kind,
                    ActorKind::Rebel
                        | ActorKind::Jihadist
                        | ActorKind::PoliticalMilitia
                        | ActorKind::IdentityMilitia
                );
                // "planted by JNIM", "posé par des éléments d'Ansaroul Islam".
                let by = self
                    .words_before(h.start, 4, s.fstart)
                    .iter()
                    .any(|w| AGENT_WORDS.contains(w));
                let claims = self.ann.cues.iter().any(|c| {
                    c.info.modality == Modality::Claimed && h.end <= c.start && c.start - h.end <= 2
                });
                if (by && armed_group) || (claims && (armed_group || kind.is_state())) {
                    return Some(*h);
                }
            }
        }
        None
    }

    /// The country most of the report's resolved places are in: the
    /// context of an event whose own place is unknown ("in the village of
    /// Anzourou", missing from GeoNames, beside "Bankilaré" and "Tillabéri").
    fn country_of_places(&self) -> Option<String> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for t in &self.ann.topos {
            let Some(best) = t.resolution.best.as_ref() else {
                continue;
            };
            let code = best.place.country_code.as_str();
            match counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
        // Most places first; a tie goes to the first named.
        let top = counts.iter().map(|&(_, n)| n).max()?;
        counts
            .iter()
            .find(|&&(_, n)| n == top)
            .map(|&(c, _)| c.to_string())
    }

    /// The event's members with its lead first: a headline ("Mali: an
    /// ambush near Boni") names the event in a few words, and the first
    /// sentence of the story that follows tells who did what to whom. The
    /// headline stays a member (its words still count), after the lead.
    fn lead_first(&self, members: &[usize]) -> Vec<usize> {
        let mut ordered = members.to_vec();
        let headline = |m: usize| self.is_headline(self.frames[m].sent);
        if ordered.first().is_some_and(|&m| headline(m)) {
            if let Some(pos) = ordered.iter().position(|&m| !headline(m)) {
                let lead = ordered.remove(pos);
                ordered.insert(0, lead);
            }
        }
        ordered
    }

    /// Whether sentence `si` is a headline: a short line of its own with
    /// no closing punctuation (a lead paragraph that lost its full stop is
    /// longer).
    fn is_headline(&self, si: usize) -> bool {
        let Some(s) = self.ann.sents.get(si) else {
            return false;
        };
        let clean = &self.prepared.clean;
        let text = clean.get(s.cstart..s.cend).unwrap_or("").trim_end();
        let closed = text.ends_with(['.', '!', '?', '…', ';']);
        let line_ends = clean
            .get(s.cstart + text.len()..)
            .unwrap_or("")
            .chars()
            .find(|c| !matches!(c, ' ' | '\t'))
            .is_none_or(|c| c == '\n' || c == '\r');
        let line_starts = clean
            .get(..s.cstart)
            .unwrap_or("")
            .chars()
            .rev()
            .find(|c| !matches!(c, ' ' | '\t'))
            .is_none_or(|c| c == '\n' || c == '\r');
        let short = text.split_whitespace().count() <= HEADLINE_MAX_WORDS;
        !closed && short && line_starts && line_ends && !text.is_empty()
    }

    /// Whether "par"/"by" introduces the noun at `start` ("tués par des
    /// hommes armés", "killed by two gunmen"): articles and a count may
    /// stand between.
    fn introduced_as_agent(&self, start: usize, floor: usize) -> bool {
        let at = self
            .ann
            .quantities
            .iter()
            .find(|q| q.start >= floor && q.end <= start && start - q.end <= 1)
            .map_or(start, |q| q.start);
        let before = self.words_before(at, 5, floor);
        let mut words = before.iter().rev().skip_while(|w| ARTICLES.contains(w));
        // The act's agent, not an escort's: "un convoi escorté par les FAMa"
        // names who guarded the convoy, not who attacked it.
        words.next().is_some_and(|w| AGENT_WORDS.contains(w))
            && words.next().is_none_or(|w| !COMPANY_WORDS.contains(w))
    }

    /// Whether an armed actor is the doer of the act noun right before it:
    /// "une attaque de présumés djihadistes contre un détachement", "l'embuscade
    /// des terroristes". Only French builds the doer this way; English says
    /// "an attack by" (see [`Self::introduced_as_agent`]).
    fn doer_of_noun(&self, h: &ActorHit, sent_start: usize) -> bool {
        let kind = self.actors.kind(h.id);
        if matches!(
            kind,
            ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
        ) {
            return false;
        }
        within(&self.ann.triggers, sent_start, h.start, |t| t.start)
            .iter()
            .filter(|t| {
                matches!(
                    t.class,
                    TriggerClass::Attack
                        | TriggerClass::Clash
                        | TriggerClass::Ied
                        | TriggerClass::Airstrike
                        | TriggerClass::Shelling
                )
            })
            .any(|t| {
                let between = self.words_between(t.end, h.start);
                !between.is_empty()
                    && between.len() <= 3
                    && matches!(between.first(), Some(&("de" | "des" | "d" | "du")))
                    && between[1..].iter().all(|w| DOER_QUALIFIERS.contains(w))
            })
    }

    /// Agents and targets of the frame's anchor trigger, in text order.
    fn roles(&self, f: &Frame, anchor: &Trigger) -> (Vec<ActorHit>, Vec<ActorHit>) {
        let s = &self.ann.sents[f.sent];
        let mut agents = Vec::new();
        let mut targets = Vec::new();
        let victim_subject = self.subject_is_hit(anchor, s.fstart);
        for h in within(&self.ann.actors, s.fstart, s.fend, |h| h.start)
            .iter()
            .filter(|h| !self.is_speaker(h))
        {
            if self.introduced_as_agent(h.start, s.fstart) || self.doer_of_noun(h, s.fstart) {
                agents.push(*h);
            } else if h.end <= anchor.start {
                let between = self.words_between(h.end, anchor.start);
                if victim_subject || between.iter().any(|w| PASSIVE_WORDS.contains(w)) {
                    targets.push(*h);
                } else {
                    agents.push(*h);
                }
            } else {
                targets.push(*h);
            }
        }
        (agents, targets)
    }

    /// Who the act falls on: the nearest person or place hit after the act
    /// ("attacked the village of …"), or before a death said in the passive
    /// ("two soldiers were killed"). Returns (armed, civilian).
    fn hit_side(
        &self,
        f: &Frame,
        anchor: &Trigger,
        victim_subject: bool,
        targets: &[ActorHit],
    ) -> (bool, bool) {
        let s = &self.ann.sents[f.sent];
        let armed_kind = |k: ActorKind| {
            !matches!(
                k,
                ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
            )
        };
        // (position, armed, civilian) of each candidate.
        // The agent ("killed by unknown gunmen") is not who was hit.
        let is_agent = |start: usize| self.introduced_as_agent(start, s.fstart);
        let mut cands: Vec<(usize, bool, bool)> =
            within(&self.ann.victims, s.fstart, s.fend, |v| v.start)
                .iter()
                .filter(|v| !is_agent(v.start))
                .map(|v| (v.start, v.class.is_armed(), v.class.is_civilian()))
                .collect();
        let victims_here = within(&self.ann.victims, s.fstart, s.fend, |v| v.start);
        for h in targets {
            // A longer victim phrase around the actor's words decides
            // ("supplétifs civils" are armed auxiliaries, not "civils").
            let covered = victims_here
                .iter()
                .any(|v| v.start <= h.start && h.end <= v.end && v.end - v.start > h.end - h.start);
            if covered {
                continue;
            }
            let k = self.actors.kind(h.id);
            cands.push((h.start, armed_kind(k), k == ActorKind::Civilians));
        }
        // "a gendarmerie vehicle", "the FAMa convoy's truck": an armed noun or
        // actor right before a thing makes the thing theirs.
        let armed_ends: Vec<usize> = within(&self.ann.victims, s.fstart, s.fend, |v| v.start)
            .iter()
            .filter(|v| v.class.is_armed())
            .map(|v| v.end)
            .chain(
                targets
                    .iter()
                    .filter(|h| armed_kind(self.actors.kind(h.id)))
                    .map(|h| h.end),
            )
            .collect();
        for c in cands.iter_mut().filter(|c| c.2) {
            if armed_ends.iter().any(|&e| e < c.0 && c.0 - e <= 2) {
                *c = (c.0, true, false);
            }
        }
        let after = cands
            .iter()
            .filter(|c| c.0 >= anchor.end)
            .min_by_key(|c| c.0);
        let before = cands
            .iter()
            .filter(|c| c.0 < anchor.start)
            .max_by_key(|c| c.0);
        let pick = if victim_subject {
            before.or(after)
        } else {
            after
        };
        // Armed people killed or hurt later in the sentence ("attacked the
        // market and killed a policeman") make it a fight.
        let armed_person_hit = within(&self.ann.victims, s.fstart, s.fend, |v| v.start)
            .iter()
            .any(|v| {
                v.class == VictimClass::Armed
                    && v.start >= anchor.end
                    && !is_agent(v.start)
                    && !self.is_source_span(v.start, v.end)
                    && !self.subject_of_act(v.end, s.fend)
                    && self.near_harm(v.start, v.end, s.fstart, s.fend)
            });
        // "a gendarme at his home", "a National Guard on a family visit":
        // state forces hit off duty are hit as civilians. Members of armed
        // groups stay combatants wherever they are ("a Dozo chief at his
        // home", "VDP fighters at their homes"), as ACLED codes them.
        let off_duty = within(&self.ann.victims, s.fstart, s.fend, |v| v.start)
            .iter()
            .any(|v| v.class == VictimClass::OffDuty);
        let group_member_hit = targets.iter().any(|h| {
            let k = self.actors.kind(h.id);
            armed_kind(k) && !k.is_state() && k != ActorKind::UnidentifiedArmed
        });
        match pick {
            Some(_) if off_duty && !f.has(TriggerClass::Clash) && !group_member_hit => {
                (false, true)
            }
            Some(&(_, armed, civilian)) => {
                (armed || armed_person_hit, civilian && !armed_person_hit)
            }
            None => (armed_person_hit, false),
        }
    }

    /// Whether the noun ending at `end` is the subject of a violent verb
    /// right after it ("… when gunmen on motorcycles attacked …").
    /// A coordination or a comma in between starts another clause whose
    /// subject is elsewhere ("killed two militiamen and seized livestock").
    fn subject_of_act(&self, end: usize, sto: usize) -> bool {
        within(&self.ann.triggers, end, sto, |t| t.start)
            .iter()
            .any(|t| {
                matches!(
                    t.class,
                    TriggerClass::Attack
                        | TriggerClass::Clash
                        | TriggerClass::Abduct
                        | TriggerClass::Loot
                ) && self.words_between(end, t.start).len() <= 3
                    && !self.folded().get(end..t.start).is_some_and(|g| {
                        g.contains(',') || g.contains(" and ") || g.contains(" et ")
                    })
            })
    }

    /// Whether the noun ending at `end` does the act rather than suffer it:
    /// the subject of an attack or looting verb, or of an active killing
    /// verb right after it ("The assailants killed nineteen people").
    fn is_doer(&self, end: usize, sfrom: usize, sto: usize) -> bool {
        self.subject_of_act(end, sto)
            || within(&self.ann.triggers, end, sto, |t| t.start)
                .iter()
                .find(|t| t.class == TriggerClass::Kill)
                .is_some_and(|t| {
                    self.words_between(end, t.start).len() <= 2
                        && !self.death_subject_is_victim(t, sfrom)
                })
    }

    /// Whether the subject of the act is an unarmed crowd: a civilian noun
    /// ("residents", "youths", "villagers") right before the act word, in
    /// the active voice, not qualified as armed, with no armed noun before.
    fn crowd_does(&self, t: &Trigger, sent_start: usize) -> bool {
        let victims = within(&self.ann.victims, sent_start, t.start, |v| v.start);
        let armed_actor = within(&self.ann.actors, sent_start, t.start, |h| h.start)
            .iter()
            .any(|h| {
                !matches!(
                    self.actors.kind(h.id),
                    ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
                )
            });
        // Communities attacking each other are militias; a passive act
        // ("abducted by gunmen") has its doer after it.
        if armed_actor
            || victims
                .iter()
                .any(|v| v.class.is_armed() || v.class == VictimClass::Community)
            || self.subject_is_hit(t, sent_start)
            || self.agent_after(t)
        {
            return false;
        }
        // The crowd is the clause's subject: the last person noun before
        // the act ("Residents barricaded the roads and burned …").
        victims
            .iter()
            .rev()
            .find(|v| v.class.is_person())
            .is_some_and(|v| {
                let between = self.words_between(v.end, t.start);
                v.class == VictimClass::Crowd
                    && between.len() <= 10
                    && !between
                        .iter()
                        .any(|w| PASSIVE_WORDS.contains(w) || AFTER_WORDS.contains(w))
                    && !self
                        .words_before(v.start, 3, sent_start)
                        .iter()
                        .any(|w| ARMED_WORDS.contains(w))
            })
    }

    /// Whether an agent ("by armed men", "par des hommes armés") follows the
    /// act later in its sentence: the act is told in the passive.
    fn agent_after(&self, t: &Trigger) -> bool {
        let end = self
            .ann
            .sents
            .iter()
            .find(|s| t.start >= s.fstart && t.start < s.fend)
            .map(|s| s.fend)
            .unwrap_or(t.end);
        self.words_between(t.end, end)
            .iter()
            .any(|w| AGENT_WORDS.contains(w))
    }

    /// Whether a death or injury word stands within four words of a noun.
    fn near_harm(&self, start: usize, end: usize, sfrom: usize, sto: usize) -> bool {
        within(&self.ann.triggers, sfrom, sto, |t| t.start)
            .iter()
            .any(|t| {
                matches!(t.class, TriggerClass::Kill | TriggerClass::Wound)
                    && ((t.end <= start && self.words_between(t.end, start).len() <= 4)
                        || (t.start >= end && self.words_between(end, t.start).len() <= 4))
            })
    }

    fn resolve_actor(
        &self,
        id: crate::actors::ActorId,
        country: Option<&str>,
        date: Option<Date>,
    ) -> Option<ActorRef> {
        self.actors.resolve(id, country, date)
    }

    fn generic(&self, key: &str, country: Option<&str>, date: Option<Date>) -> Option<ActorRef> {
        let id = self.actors.id_of_key(key)?;
        self.actors.resolve(id, country, date)
    }

    /// Codes one event made of `members` (frame indices).
    pub fn code_event(&self, members: &[usize], n: usize) -> Option<Event> {
        let members = &self.lead_first(members);
        let main = &self.frames[*members.first()?];
        let (class, anchor) = self.choose_class(members)?;
        let anchor_frame = self.frames.iter().find(|f| {
            let s = &self.ann.sents[f.sent];
            anchor.start >= s.fstart && anchor.start < s.fend
        })?;
        let sent_start = self.ann.sents[anchor_frame.sent].fstart;
        let victim_subject = self.subject_is_hit(&anchor, sent_start);

        // --- date
        // A change of a group, an agreement, a handover are made by being
        // announced: the day of the statement is the event's day.
        let announced = matches!(
            class,
            TriggerClass::Change
                | TriggerClass::Agreement
                | TriggerClass::Transfer
                | TriggerClass::Base
        );
        let (event_date, time_precision) = self.code_date(members, announced);
        let date_value = event_date.value;

        // --- place
        let place_idx = self.choose_place(members);
        let place_field = match place_idx {
            Some(i) => {
                let t = &self.ann.topos[i];
                let conf = if t.resolution.best.is_some() {
                    if t.resolution.ambiguous {
                        0.5
                    } else {
                        0.8
                    }
                } else {
                    0.3
                };
                Field::new(
                    Some(EventPlace {
                        written: t.span.name.clone(),
                        resolution: t.resolution.clone(),
                    }),
                    vec![self.prepared.evidence(t.span.start, t.span.end)],
                    conf,
                )
            }
            None => Field::inferred(None, 0.0),
        };
        let geo_precision = place_idx.and_then(|i| {
            let t = &self.ann.topos[i];
            t.resolution.best.as_ref()?;
            let p = t.resolution.precision.unwrap_or(GeoPrecision::Town);
            Some(match t.span.cue {
                Some(PlaceCue::Near | PlaceCue::Between) => p.max(GeoPrecision::Near),
                _ => p,
            })
        });
        let country: Option<String> = place_idx
            .and_then(|i| self.ann.topos[i].resolution.best.as_ref())
            .map(|c| c.place.country_code.clone())
            .or_else(|| self.ann.countries.first().cloned())
            .or_else(|| self.country_of_places());
        let country = country.as_deref();
        let actor_date = date_value.or(self.published);

        // --- actors and sub-event type
        let kind = |h: &ActorHit| self.actors.kind(h.id);
        let (mut agents, targets) = self.roles(anchor_frame, &anchor);
        let named_doer = agents.iter().any(|h| {
            !matches!(
                kind(h),
                ActorKind::UnidentifiedArmed | ActorKind::Civilians | ActorKind::Protesters
            )
        });
        if !named_doer {
            if let Some(h) = self.doer_named_later(members, &targets) {
                agents.insert(0, h);
            }
        }
        let (mut target_armed, mut target_civilian) =
            self.hit_side(anchor_frame, &anchor, victim_subject, &targets);
        if !target_armed && !target_civilian {
            // Nothing said in the main sentence: the first person hit later in the event.
            if let Some(v) = members.iter().skip(1).find_map(|&m| {
                let s = &self.ann.sents[self.frames[m].sent];
                within(&self.ann.victims, s.fstart, s.fend, |v| v.start)
                    .iter()
                    .find(|v| v.class.is_person() && !self.is_doer(v.end, s.fstart, s.fend))
                    .copied()
            }) {
                target_armed = v.class.is_armed();
                target_civilian = v.class.is_civilian();
            }
        }
        let protest_context = self
            .frames_have(members, &[TriggerClass::Protest, TriggerClass::Riot])
            || agents
                .iter()
                .chain(targets.iter())
                .any(|h| matches!(kind(h), ActorKind::Protesters | ActorKind::Rioters));
        let mut sub = self.sub_event_type(
            class,
            members,
            &agents,
            target_armed,
            target_civilian,
            protest_context,
        );
        // "residents burned tyres and barricaded roads", "youths ransacked
        // a bar", "villagers beat a thief": an unarmed crowd doing violence riots.
        if matches!(
            class,
            TriggerClass::Loot | TriggerClass::Attack | TriggerClass::Kill | TriggerClass::Abduct
        ) && !self.frames_have(members, &[TriggerClass::Protest, TriggerClass::Riot])
            && !target_armed
            && self.crowd_does(&anchor, sent_start)
        {
            sub = if self.frames_have(members, &[TriggerClass::Violent]) {
                SubEventType::ViolentDemonstration
            } else {
                SubEventType::MobViolence
            };
        }

        let all_hits: Vec<ActorHit> = members
            .iter()
            .flat_map(|&m| {
                let s = &self.ann.sents[self.frames[m].sent];
                within(&self.ann.actors, s.fstart, s.fend, |h| h.start).to_vec()
            })
            .collect();
        let (actor1, assoc1, actor2, assoc2) = self.assign_actors(
            sub,
            &agents,
            &targets,
            &all_hits,
            country,
            actor_date,
            target_civilian,
        );
        let inter1 = actor1.value.as_ref().and_then(|a| a.inter);
        let inter2 = actor2.value.as_ref().and_then(|a| a.inter);

        // --- fatalities
        let figures = self.figures(members);
        let fatalities = conservative_fatalities(&figures);

        // --- claim
        let claim = self.claim(members, &all_hits, actor_date, country);

        let civilian = sub.always_targets_civilians()
            || matches!(sub, SubEventType::ExcessiveForceAgainstProtesters)
            || (sub.event_type() == vigie_core::EventType::ExplosionsRemoteViolence
                && target_civilian
                && !target_armed);
        let trigger_ev = self.evidence(anchor.start, anchor.end);
        let sub_field = Field::new(
            sub,
            vec![trigger_ev.clone()],
            if class.priority() >= 60 { 0.85 } else { 0.7 },
        );
        let mut event = Event {
            id: format!("{}#{}", self.doc_id, n),
            doc_id: self.doc_id.to_string(),
            event_date,
            time_precision,
            disorder_type: sub.disorder_type(),
            event_type: sub.event_type(),
            sub_event_type: sub_field,
            actor1,
            assoc_actor_1: assoc1,
            actor2,
            assoc_actor_2: assoc2,
            interaction: interaction(inter1, inter2),
            civilian_targeting: Field::new(
                civilian,
                vec![trigger_ev],
                if civilian { 0.8 } else { 0.6 },
            ),
            place: place_field,
            geo_precision,
            fatalities,
            figures,
            notes: String::new(),
            claim,
            trigger: self.sentence_evidence(main.sent),
            confidence: 0.0,
        };
        event.confidence = overall_confidence(&event);
        event.notes = write_notes(&event);
        Some(event)
    }

    /// Whether the main sentence names only unarmed people (no armed actor or victim).
    fn only_civilian_parties(&self, members: &[usize]) -> bool {
        let Some(&m) = members.first() else {
            return false;
        };
        let s = &self.ann.sents[self.frames[m].sent];
        let hits = within(&self.ann.actors, s.fstart, s.fend, |h| h.start);
        let victims = within(&self.ann.victims, s.fstart, s.fend, |v| v.start);
        let armed_actor = hits.iter().any(|h| {
            !matches!(
                self.actors.kind(h.id),
                ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
            )
        });
        let armed_victim = victims.iter().any(|v| v.class.is_armed());
        let civilians = victims.iter().any(|v| {
            matches!(
                v.class,
                VictimClass::Civilian | VictimClass::Community | VictimClass::Crowd
            )
        }) || hits
            .iter()
            .any(|h| self.actors.kind(h.id) == ActorKind::Civilians);
        // Communities fighting each other ("Fulani and Dogon clashed",
        // "farmers and herders clashed") are identity militias in a clash.
        let communal = victims.iter().any(|v| v.class == VictimClass::Community);
        civilians && !armed_actor && !armed_victim && !communal
    }

    /// Whether an attack only fell on property: a looting or burning word in
    /// the event, no death, wound, abduction or fight, and no person hit
    /// after the attack word (the attackers themselves, "the gunmen seized",
    /// are not hit).
    fn property_only(&self, members: &[usize]) -> bool {
        use TriggerClass as T;
        let harmed = members.iter().any(|&m| {
            let f = &self.frames[m];
            let from = self.ann.sents[f.sent].fstart;
            f.triggers.iter().any(|t| {
                matches!(
                    t.class,
                    T::Kill | T::Wound | T::Abduct | T::Sexual | T::Clash | T::Arrest
                ) && !self.negated(t, from)
            })
        });
        if harmed || !self.frames_have(members, &[T::Loot]) {
            return false;
        }
        let first_attack = members
            .first()
            .and_then(|&m| {
                self.frames[m]
                    .triggers
                    .iter()
                    .find(|t| t.class == T::Attack)
            })
            .map(|t| t.end)
            .unwrap_or(0);
        !members.iter().any(|&m| {
            let s = &self.ann.sents[self.frames[m].sent];
            let victims = within(&self.ann.victims, s.fstart, s.fend, |v| v.start);
            victims.iter().any(|v| {
                v.class.is_person()
                    && v.start >= first_attack
                    && !self.subject_of_act(v.end, s.fend)
                    && !self.owner_of_site(v, victims, s.fstart)
            })
        })
    }

    /// Whether a person noun only says whose property was hit: it qualifies
    /// a site right after it ("the chief's house") or follows one as its
    /// owner ("the house of a councilman", "shops belonging to traders").
    /// A community named on a village ("the Dogon village") is not an owner:
    /// a village attacked for its community is violence against its people.
    fn owner_of_site(&self, v: &VictimHit, victims: &[VictimHit], sent_start: usize) -> bool {
        if v.class == VictimClass::Community {
            return false;
        }
        let site_after = victims.iter().any(|w| {
            w.class == VictimClass::CivilianSite && w.start >= v.end && w.start - v.end <= 3
        });
        let owner_words = self
            .words_before(v.start, 4, sent_start)
            .into_iter()
            .rev()
            .skip_while(|w| ARTICLES.contains(w) || *w == "to" || *w == "by")
            .take(1)
            .any(|w| OWNER_WORDS.contains(&w));
        let site_before = victims.iter().any(|w| {
            w.class == VictimClass::CivilianSite && w.end <= v.start && v.start - w.end <= 24
        });
        site_after || (owner_words && site_before)
    }

    /// Whether a fight happens during a protest, not as its topic: "clashed
    /// with gendarmes", but not "to protest against intercommunal violence"
    /// nor "in the wake of intercommunal violence".
    fn protesters_fight(&self, members: &[usize]) -> bool {
        members.iter().any(|&m| {
            let f = &self.frames[m];
            let from = self.ann.sents[f.sent].fstart;
            f.triggers.iter().any(|t| {
                t.class == TriggerClass::Clash
                    && !self
                        .words_before(t.start, 4, from)
                        .iter()
                        .any(|w| TOPIC_WORDS.contains(w))
            })
        })
    }

    /// A trigger denied right before it ("no casualties", "sans faire de victimes").
    fn negated(&self, t: &Trigger, sent_start: usize) -> bool {
        self.words_before(t.start, 3, sent_start)
            .iter()
            .any(|w| NEGATIONS.contains(w))
    }

    /// A bare toll word ("victims", "casualties") rather than a killing verb.
    fn is_intransitive_toll(&self, t: &Trigger) -> bool {
        let text = &self.folded()[t.start..t.end];
        matches!(
            text,
            "victime" | "victimes" | "casualties" | "bilan" | "pertes" | "losses"
        )
    }

    /// Whether the sentence right before the event's first one carries `class`
    /// ("Residents barricaded the road. The demonstrators demanded …").
    fn before_has(&self, members: &[usize], class: TriggerClass) -> bool {
        let Some(&m) = members.first() else {
            return false;
        };
        let sent = self.frames[m].sent;
        let Some(prev) = sent.checked_sub(1).and_then(|p| self.ann.sents.get(p)) else {
            return false;
        };
        within(&self.ann.triggers, prev.fstart, prev.fend, |t| t.start)
            .iter()
            .any(|t| t.class == class)
    }

    fn main_has(&self, members: &[usize], class: TriggerClass) -> bool {
        members
            .first()
            .map(|&m| self.frames[m].has(class))
            .unwrap_or(false)
    }

    fn frames_have(&self, members: &[usize], classes: &[TriggerClass]) -> bool {
        members.iter().any(|&m| {
            self.frames[m]
                .triggers
                .iter()
                .any(|t| classes.contains(&t.class))
        })
    }

    /// The event's class: the strongest trigger of the main frame (earlier
    /// words weigh more), upgraded by a specific weapon named later.
    fn choose_class(&self, members: &[usize]) -> Option<(TriggerClass, Trigger)> {
        let main = &self.frames[*members.first()?];
        let mut best: Option<(i32, Trigger)> = None;
        for (rank, t) in main
            .triggers
            .iter()
            .filter(|t| t.class.is_event())
            .enumerate()
        {
            let score = i32::from(t.class.priority()) - 8 * rank as i32;
            if best.map(|(b, _)| score > b).unwrap_or(true) {
                best = Some((score, *t));
            }
        }
        let (_, mut trig) = best?;
        let generic = matches!(
            trig.class,
            TriggerClass::Kill | TriggerClass::Attack | TriggerClass::Loot | TriggerClass::Change
        );
        if generic {
            for &m in &members[1..] {
                let from = self.ann.sents[self.frames[m].sent].fstart;
                // "(no clash reported)" names no fight.
                for t in self.frames[m]
                    .triggers
                    .iter()
                    .filter(|t| !self.negated(t, from))
                {
                    let specific = matches!(
                        t.class,
                        TriggerClass::Clash
                            | TriggerClass::Ied
                            | TriggerClass::Suicide
                            | TriggerClass::Airstrike
                            | TriggerClass::Shelling
                            | TriggerClass::Grenade
                    );
                    if specific && t.class.priority() > trig.class.priority() {
                        // The main sentence's own word for it, when it has
                        // one ("tués dans une embuscade"), anchors the roles.
                        trig = main
                            .triggers
                            .iter()
                            .find(|u| u.class == t.class)
                            .copied()
                            .unwrap_or(*t);
                    }
                }
            }
        }
        // "found and defused an IED", "killed while planting a mine", "an
        // unexploded rocket": the weapon was not used as intended.
        if matches!(
            trig.class,
            TriggerClass::Ied | TriggerClass::Grenade | TriggerClass::Shelling
        ) {
            if let Some(d) = main
                .triggers
                .iter()
                .find(|t| t.class == TriggerClass::Defuse)
            {
                trig = *d;
            }
        }
        // "abducted and executed": the killing decides the type.
        // "abducted …; the body was found days later": the killing decides too.
        if trig.class == TriggerClass::Abduct {
            let killed = members
                .iter()
                .flat_map(|&m| self.frames[m].triggers.iter())
                .find(|t| t.class == TriggerClass::Kill && !self.is_intransitive_toll(t));
            if let Some(k) = killed {
                trig = *k;
            }
        }
        // "arrested … and summarily executed", "detained and tortured": the
        // harm done to the detainees decides (violence against civilians).
        if trig.class == TriggerClass::Arrest {
            let harm = members.iter().find_map(|&m| {
                let from = self.ann.sents[self.frames[m].sent].fstart;
                self.frames[m].triggers.iter().copied().find(|t| {
                    matches!(t.class, TriggerClass::Kill | TriggerClass::Attack)
                        && t.start > trig.start
                        && !self.is_intransitive_toll(t)
                        && !self.negated(t, from)
                })
            });
            // The arrest stays the anchor: its agent and its object are the
            // perpetrators and the victims.
            if let Some(h) = harm {
                return Some((h.class, trig));
            }
        }
        Some((trig.class, trig))
    }

    fn sub_event_type(
        &self,
        class: TriggerClass,
        members: &[usize],
        agents: &[ActorHit],
        target_armed: bool,
        target_civilian: bool,
        protest_context: bool,
    ) -> SubEventType {
        use SubEventType as S;
        use TriggerClass as T;
        let has = |c: TriggerClass| self.frames_have(members, &[c]) || self.before_has(members, c);
        let agent_state = agents.iter().any(|h| self.actors.kind(h.id).is_state());
        let protest_type = || {
            if has(T::Excessive) || (has(T::Kill) && has(T::Intervention)) {
                S::ExcessiveForceAgainstProtesters
            } else if has(T::Violent)
                || has(T::Riot)
                || has(T::Loot)
                || self.protesters_fight(members)
            {
                // Demonstrators who fight ("clashed with the police") riot.
                S::ViolentDemonstration
            } else if has(T::Intervention) || has(T::Arrest) {
                S::ProtestWithIntervention
            } else {
                S::PeacefulProtest
            }
        };
        match class {
            // A combined air-ground operation with fighting is one armed clash.
            T::Airstrike if self.main_has(members, T::Clash) => S::ArmedClash,
            T::Airstrike => S::AirDroneStrike,
            // A complex attack (car bomb or mortar barrage, then an armed
            // assault or an exchange of fire) is one armed clash.
            T::Suicide | T::Shelling | T::Grenade if self.frames_have(members, &[T::Clash]) => {
                S::ArmedClash
            }
            T::Suicide => S::SuicideBomb,
            T::Shelling => S::ShellingArtilleryMissileAttack,
            T::Grenade => S::Grenade,
            // An ambush opened by an IED and followed by gunfire is one armed clash.
            T::Ied if self.main_has(members, T::Clash) => S::ArmedClash,
            T::Ied => S::RemoteExplosiveLandmineIed,
            T::Sexual => S::SexualViolence,
            // Combatants captured by the other side: a battle, not a
            // disappearance of civilians.
            T::Abduct if target_armed && !target_civilian => S::ArmedClash,
            T::Abduct => S::AbductionForcedDisappearance,
            T::Protest => protest_type(),
            T::Riot => S::ViolentDemonstration,
            T::Mob => S::MobViolence,
            T::Clash if protest_context => S::ViolentDemonstration,
            // Fighting between unarmed groups (students, villagers, miners) is mob violence.
            T::Clash if self.only_civilian_parties(members) => S::MobViolence,
            T::Clash => S::ArmedClash,
            T::Attack | T::Kill => {
                if protest_context && has(T::Protest) {
                    protest_type()
                } else if class == T::Attack && !target_armed && self.property_only(members) {
                    // "attacked the village and seized livestock, no casualties":
                    // nobody was hurt, property was taken or burned.
                    S::LootingPropertyDestruction
                } else if target_armed || self.main_has(members, T::Clash) {
                    // Hit armed people, or met resistance ("the attack was repelled").
                    S::ArmedClash
                } else if target_civilian || agent_state {
                    S::Attack
                } else if class == T::Attack {
                    S::ArmedClash
                } else {
                    S::Attack
                }
            }
            // Property seized from people who were also hurt: the harm decides.
            T::Loot
                if self.frames_have(members, &[T::Wound, T::Kill, T::Abduct])
                    && !members.iter().any(|&m| {
                        self.frames[m]
                            .triggers
                            .iter()
                            .any(|t| self.is_intransitive_toll(t))
                    }) =>
            {
                if target_armed {
                    S::ArmedClash
                } else {
                    S::Attack
                }
            }
            T::Loot => S::LootingPropertyDestruction,
            T::Arrest => S::Arrests,
            T::Agreement => S::Agreement,
            T::Transfer => S::NonViolentTransferOfTerritory,
            T::Regain | T::Overtake => {
                if agent_state {
                    S::GovernmentRegainsTerritory
                } else {
                    S::NonStateActorOvertakesTerritory
                }
            }
            T::Base => S::HeadquartersOrBaseEstablished,
            T::Change => S::ChangeToGroupActivity,
            T::Defuse => S::DisruptedWeaponsUse,
            T::Intervention | T::Violent | T::Excessive | T::Wound | T::Block | T::Separate => {
                S::Other
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn assign_actors(
        &self,
        sub: SubEventType,
        agents: &[ActorHit],
        targets: &[ActorHit],
        all: &[ActorHit],
        country: Option<&str>,
        date: Option<Date>,
        target_civilian: bool,
    ) -> ActorRoles {
        use vigie_core::EventType as E;
        let kind = |h: &ActorHit| self.actors.kind(h.id);
        let armed = |h: &&ActorHit| {
            !matches!(
                kind(h),
                ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
            )
        };
        let field = |h: Option<&ActorHit>, conf: f32| -> Field<Option<ActorRef>> {
            match h.and_then(|h| self.resolve_actor(h.id, country, date).map(|a| (h, a))) {
                Some((h, a)) => Field::new(Some(a), vec![self.evidence(h.start, h.end)], conf),
                None => Field::inferred(None, 0.0),
            }
        };
        let generic =
            |key: &str, conf: f32| Field::inferred(self.generic(key, country, date), conf);
        let etype = sub.event_type();
        let (mut a1, mut a2): (Field<Option<ActorRef>>, Field<Option<ActorRef>>);
        let mut assoc1: Vec<ActorRef> = Vec::new();
        match etype {
            E::Protests | E::Riots if sub != SubEventType::MobViolence => {
                let (gkey, k) = if etype == E::Protests {
                    ("protesters", ActorKind::Protesters)
                } else {
                    ("rioters", ActorKind::Rioters)
                };
                let named = all
                    .iter()
                    .find(|h| kind(h) == k && !self.actors.is_generic(h.id));
                let written = all.iter().find(|h| {
                    self.actors.is_generic(h.id)
                        && matches!(kind(h), ActorKind::Protesters | ActorKind::Rioters)
                });
                a1 = match written {
                    Some(h) => Field::new(
                        self.generic(gkey, country, date),
                        vec![self.evidence(h.start, h.end)],
                        0.8,
                    ),
                    None => generic(gkey, 0.6),
                };
                if let Some(h) = named {
                    if let Some(a) = self.resolve_actor(h.id, country, date) {
                        assoc1.push(a);
                    }
                }
                let force = all.iter().find(|h| self.actors.kind(h.id).is_state());
                a2 = if sub == SubEventType::PeacefulProtest {
                    Field::inferred(None, 0.6)
                } else {
                    field(force, 0.7)
                };
            }
            _ => {
                let agent = agents.iter().find(armed).or_else(|| agents.first());
                a1 = field(agent, 0.8);
                // A katiba is coded as its umbrella group, the katiba associated.
                if let Some(h) = agent {
                    if let Some(parent) = self.actors.part_of(h.id) {
                        if let Some(u) = self.resolve_actor(parent, country, date) {
                            if let Some(c) = a1.value.take() {
                                assoc1.push(c);
                            }
                            a1 = Field::new(Some(u), vec![self.evidence(h.start, h.end)], 0.75);
                        }
                    }
                }
                // Two names of one actor ("six Nigerien soldiers" … "the soldiers").
                let same_actor = |a: &ActorHit, b: &ActorHit| {
                    let canon =
                        |h: &ActorHit| self.resolve_actor(h.id, country, date).map(|r| r.canonical);
                    self.actors.key(a.id) == self.actors.key(b.id) || canon(a) == canon(b)
                };
                if a1.value.is_none() {
                    // An armed actor named elsewhere in the event and not hit.
                    // Not who only speaks ("…, the army said"), nor the side
                    // that was hit under another name ("soldiers … the army").
                    let other = all.iter().find(|h| {
                        armed(h)
                            && !self.is_speaker(h)
                            && !targets
                                .iter()
                                .any(|t| t.start == h.start || same_actor(t, h))
                    });
                    a1 = field(other, 0.6);
                }
                let violent = matches!(
                    etype,
                    E::Battles | E::ExplosionsRemoteViolence | E::ViolenceAgainstCivilians
                );
                // Property taken or burned by people nobody names: an
                // unidentified armed group, as for violence.
                let looting = sub == SubEventType::LootingPropertyDestruction;
                if a1.value.is_none() && sub == SubEventType::MobViolence {
                    // A crowd nobody names: ACLED's rioters of the country.
                    a1 = generic("rioters", 0.5);
                }
                if a1.value.is_none() && (violent || looting) {
                    a1 = generic("unidentified_armed", 0.5);
                }
                let a1_key = a1.value.as_ref().map(|a| a.key.clone());
                let target = targets
                    .iter()
                    .filter(|h| Some(self.actors.key(h.id)) != a1_key.as_deref())
                    .find(|h| {
                        etype != E::ViolenceAgainstCivilians || kind(h) == ActorKind::Civilians
                    });
                a2 = field(target, 0.75);
                if etype == E::ViolenceAgainstCivilians && a2.value.is_none() {
                    a2 = generic("civilians", 0.6);
                }
                if a2.value.is_none() && target_civilian && !matches!(etype, E::Battles) {
                    a2 = generic("civilians", 0.5);
                }
                // Other agents of the same side.
                for h in agents.iter().filter(armed) {
                    let k = self.actors.key(h.id);
                    if Some(k) != a1_key.as_deref() {
                        if let Some(a) = self.resolve_actor(h.id, country, date) {
                            if !assoc1.iter().any(|x| x.canonical == a.canonical)
                                && a2
                                    .value
                                    .as_ref()
                                    .map(|b| b.canonical != a.canonical)
                                    .unwrap_or(true)
                            {
                                assoc1.push(a);
                            }
                        }
                    }
                }
            }
        }
        if let (Some(x), Some(y)) = (&a1.value, &a2.value) {
            if x.canonical == y.canonical {
                a2 = Field::inferred(None, 0.0);
            }
        }
        let canon1 = a1.value.as_ref().map(|a| a.canonical.clone());
        assoc1.retain(|a| Some(&a.canonical) != canon1.as_ref());
        (a1, assoc1, a2, Vec::new())
    }

    fn code_date(
        &self,
        members: &[usize],
        announced: bool,
    ) -> (Field<Option<Date>>, TimePrecision) {
        // An undated main sentence is dated by the last date written before
        // it in its paragraph ("… ont subi cet acte le mercredi 28 mars 2018.
        // … Alors, toutes deux ont été violées."), before any date of a
        // later sentence of the event.
        let carried = members
            .first()
            .filter(|&&m| self.frames[m].date.is_none())
            .and_then(|&m| self.date_carried_to(self.frames[m].sent));
        // A date the report leaves unresolved ("last month" with no
        // publication date) gives way to a resolved one of the same event
        // ("on 11 July").
        let dated: Vec<usize> = carried
            .into_iter()
            .chain(members.iter().filter_map(|&m| self.frames[m].date))
            .collect();
        let first_resolved = dated
            .iter()
            .copied()
            .find(|&di| self.ann.dates[di].resolved.is_some());
        if let Some(di) = first_resolved.or_else(|| dated.first().copied()) {
            let d = &self.ann.dates[di];
            let ev = vec![self.evidence(d.mention.start, d.mention.end)];
            return match d.resolved {
                Some(r) => {
                    let conf = if r.explicit_year { 0.95 } else { 0.85 };
                    (Field::new(Some(r.date), ev, conf), r.precision)
                }
                None => (Field::new(None, ev, 0.2), TimePrecision::Month),
            };
        }
        // No date in the event's sentences: the first dated, non-background
        // sentence of the document (a dateline), else the publication date
        // with a lower precision.
        for d in &self.ann.dates {
            if self.in_background_at(d.mention.start) {
                continue;
            }
            if let Some(r) = d.resolved {
                // A dateline or the day of a statement ("the army said on
                // Friday") only bounds the event: it happened that week.
                let bound = d.dateline
                    || !announced
                        && crate::assemble::is_speech_date(
                            self.ann,
                            d.mention.start,
                            d.mention.end,
                        );
                return (
                    Field::new(
                        Some(r.date),
                        vec![self.evidence(d.mention.start, d.mention.end)],
                        0.6,
                    ),
                    if bound {
                        TimePrecision::Week
                    } else {
                        r.precision
                    },
                );
            }
        }
        match self.published {
            Some(p) => (Field::inferred(Some(p), 0.3), TimePrecision::Week),
            None => (Field::inferred(None, 0.0), TimePrecision::Month),
        }
    }

    /// Whether sentence `si` is a background sentence (its frame became a
    /// mention).
    fn in_background(&self, si: usize) -> bool {
        self.frames
            .iter()
            .any(|f| f.sent == si && f.background.is_some())
    }

    /// Whether sentence `si` tells an event other than the one made of
    /// `members` (it has a non-background frame that is not a member).
    fn tells_another_event(&self, si: usize, members: &[usize]) -> bool {
        self.frames
            .iter()
            .enumerate()
            .any(|(fi, f)| f.sent == si && f.background.is_none() && !members.contains(&fi))
    }

    /// Whether folded offset `pos` lies in a background sentence.
    fn in_background_at(&self, pos: usize) -> bool {
        self.ann
            .sents
            .iter()
            .position(|s| pos >= s.fstart && pos < s.fend)
            .is_some_and(|si| self.in_background(si))
    }

    /// The last date before sentence `si` in its paragraph that dates a
    /// happening: not a dateline, not a statement's date, not in a
    /// background sentence.
    fn date_carried_to(&self, si: usize) -> Option<usize> {
        let sent = self.ann.sents.get(si)?;
        let para_start = self
            .ann
            .sents
            .iter()
            .find(|s| s.paragraph == sent.paragraph)
            .map(|s| s.fstart)?;
        self.ann
            .dates
            .iter()
            .enumerate()
            .filter(|(_, d)| d.mention.start >= para_start && d.mention.end <= sent.fstart)
            .filter(|(_, d)| {
                !d.dateline
                    && !crate::assemble::is_speech_date(self.ann, d.mention.start, d.mention.end)
                    && !self.in_background_at(d.mention.start)
            })
            .map(|(i, _)| i)
            .next_back()
    }

    fn choose_place(&self, members: &[usize]) -> Option<usize> {
        let sents: Vec<usize> = members.iter().map(|&m| self.frames[m].sent).collect();
        let main_sent = sents[0];
        let mut best: Option<(i32, usize)> = None;
        for (i, t) in self.ann.topos.iter().enumerate() {
            let Some(rank) = sents.iter().position(|&s| s == t.sent) else {
                continue;
            };
            let score = place_score(t) + if rank == 0 { 3 } else { 0 }
                - (rank as i32).min(3)
                - if t.sent == main_sent { 0 } else { 1 };
            if best.map(|(b, _)| score > b).unwrap_or(true) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
            .or_else(|| self.place_carried_to(main_sent))
            .or_else(|| self.only_town(members))
    }

    /// The report's one town, when its sentences name a single populated
    /// place outside background passages and other happenings ("… in
    /// central Mali on Sunday. Residents of Diafarabé said …").
    fn only_town(&self, members: &[usize]) -> Option<usize> {
        let mut found: Option<(usize, u64)> = None;
        for (i, t) in self.ann.topos.iter().enumerate() {
            if self.in_background(t.sent)
                // Another happening's sentence names its own place.
                || self.tells_another_event(t.sent, members)
                || t.span.is_admin_context()
                || t.span.in_list
            {
                continue;
            }
            let Some(best) = t.resolution.best.as_ref() else {
                continue;
            };
            if best.place.feature_class != "P" {
                continue;
            }
            match found {
                None => found = Some((i, best.place.geonameid)),
                Some((_, id)) if id == best.place.geonameid => {}
                Some(_) => return None,
            }
        }
        found.map(|(i, _)| i)
    }

    /// The place of the nearest earlier sentence that names one, when the
    /// event's own sentences name none ("Le 12 mars, deux femmes revenaient
    /// de la foire de Bara quand … L'un d'eux les a violées"). Background
    /// sentences, lists and admin paths do not carry a place.
    fn place_carried_to(&self, si: usize) -> Option<usize> {
        (0..si)
            .rev()
            .filter(|&s| !self.in_background(s))
            .find_map(|s| {
                self.ann
                    .topos
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.sent == s && !t.span.is_admin_context() && !t.span.in_list)
                    .max_by_key(|(_, t)| place_score(t))
                    .map(|(i, _)| i)
            })
    }

    /// Every casualty figure of the event, with who reported it.
    fn figures(&self, members: &[usize]) -> Vec<FigureClaim> {
        let mut out = Vec::new();
        for &m in members {
            let f = &self.frames[m];
            let s = &self.ann.sents[f.sent];
            let qs = within(&self.ann.quantities, s.fstart, s.fend, |q| q.start);
            let claim = self.frame_claim(m);
            for q in qs.iter().filter(|q| q.zero) {
                out.push(FigureClaim {
                    what: "killed".into(),
                    value: 0,
                    high: None,
                    approximate: false,
                    victims: None,
                    evidence: self.evidence(q.start, q.end),
                    claim: claim.clone(),
                });
            }
            for t in f.triggers.iter().chain(
                within(&self.ann.triggers, s.fstart, s.fend, |t| t.start)
                    .iter()
                    .filter(|t| t.class == TriggerClass::Wound),
            ) {
                let what = match t.class {
                    TriggerClass::Kill => "killed",
                    TriggerClass::Wound => "wounded",
                    // "abducted 12 passengers", "arrested 14 people": counted
                    // and kept with the claims, never fatalities.
                    TriggerClass::Abduct => "abducted",
                    TriggerClass::Arrest => "arrested",
                    _ => continue,
                };
                let Some(q) = self.attach_quantity(t, qs, s.fstart) else {
                    // "arrested five herders … and executed them": the
                    // people taken earlier in the event are the dead.
                    if t.class == TriggerClass::Kill && self.pronoun_object(t, s.fstart) {
                        if let Some(taken) = out
                            .iter()
                            .rev()
                            .find(|f| matches!(f.what.as_str(), "abducted" | "arrested"))
                            .cloned()
                        {
                            out.push(FigureClaim {
                                what: "killed".into(),
                                evidence: self.evidence(t.start, t.end),
                                claim: claim.clone(),
                                ..taken
                            });
                        }
                    }
                    continue;
                };
                // "19 people, including 5 women": the part is not another figure.
                let part_of_total = self
                    .words_before(q.start, 2, s.fstart)
                    .iter()
                    .any(|w| SUBSET_WORDS.contains(w));
                if part_of_total {
                    continue;
                }
                // "sept militaires et deux civils tués": one toll in parts.
                let parts: Vec<Quantity> = std::iter::once(q)
                    .chain(self.coordinated_counts(&q, qs, q.end <= t.start))
                    .collect();
                let labels: Vec<Option<VictimClass>> =
                    parts.iter().map(|p| self.victim_after(p.end)).collect();
                // Parts naming different people make a toll of no one group.
                let victims = labels
                    .first()
                    .copied()
                    .flatten()
                    .filter(|c| {
                        labels
                            .iter()
                            .all(|l| l.map(|x| x.label()) == Some(c.label()))
                    })
                    .map(|c| c.label().to_string());
                let value = parts.iter().map(|p| p.value).sum();
                let high = (parts.len() == 1).then_some(q.high).flatten();
                let first = parts.iter().map(|p| p.start).min().unwrap_or(q.start);
                let last = parts.iter().map(|p| p.end).max().unwrap_or(q.end);
                out.push(FigureClaim {
                    what: what.into(),
                    value,
                    high,
                    approximate: parts.iter().any(|p| p.approximate),
                    victims,
                    evidence: self.evidence(first.min(t.start), last.max(t.end)),
                    claim: claim.clone(),
                });
            }
        }
        // One figure per (what, place in text).
        out.sort_by_key(|f| (f.evidence.span.start, f.evidence.span.end));
        out.dedup_by(|a, b| a.what == b.what && a.evidence.span == b.evidence.span);
        out
    }

    /// Whether a killing word takes a plural pronoun for its object:
    /// "executed them", "les ont exécutés", "les a tués".
    fn pronoun_object(&self, t: &Trigger, sent_start: usize) -> bool {
        let next = self
            .words_between(t.end, self.folded().len().min(t.end + 8))
            .into_iter()
            .next();
        let before = self.words_before(t.start, 2, sent_start);
        next == Some("them") || before.contains(&"les")
    }

    /// The counts joined to `q` in one toll, walking away from the act
    /// word: "sept militaires et deux civils (tués)", "killed seven
    /// soldiers, two gendarmes and a civilian". Each joined count names its
    /// own people; a count of part of the others ("19 people, 5 of them
    /// women") names none and is not joined.
    fn coordinated_counts(&self, q: &Quantity, qs: &[Quantity], backward: bool) -> Vec<Quantity> {
        let mut out = Vec::new();
        let mut cur = *q;
        loop {
            let next = if backward {
                qs.iter().rev().find(|p| p.end <= cur.start)
            } else {
                qs.iter().find(|p| p.start >= cur.end)
            };
            let Some(p) = next.copied() else { break };
            let (a, b) = if backward { (p, cur) } else { (cur, p) };
            if !self.joined_counts(&a, &b) {
                break;
            }
            out.push(p);
            cur = p;
        }
        out
    }

    /// Whether count `a`, its people, then "et"/"and" or a comma lead to
    /// count `b` and its people.
    fn joined_counts(&self, a: &Quantity, b: &Quantity) -> bool {
        let counted = |q: &Quantity| {
            !q.zero && !q.vague && self.victim_after(q.end).is_some_and(|c| c.is_person())
        };
        if !counted(a) || !counted(b) {
            return false;
        }
        let gap = self.folded().get(a.end..b.start).unwrap_or("");
        let words = self.words_between(a.end, b.start);
        let joined = words.last().is_some_and(|w| matches!(*w, "et" | "and"))
            || gap.trim_end().ends_with(',');
        joined && words.len() <= 5 && !gap.contains([';', ':', '.', '('])
    }

    fn victim_after(&self, at: usize) -> Option<VictimClass> {
        self.ann
            .victims
            .iter()
            .find(|v| v.start >= at && v.start <= at + 3)
            .map(|v| v.class)
            .or_else(|| {
                self.ann
                    .actors
                    .iter()
                    .find(|h| h.start >= at && h.start <= at + 3)
                    .map(|h| match self.actors.kind(h.id) {
                        ActorKind::Civilians => VictimClass::Civilian,
                        ActorKind::Protesters | ActorKind::Rioters => VictimClass::Protester,
                        _ => VictimClass::Armed,
                    })
            })
    }

    /// The quantity a death or injury word counts, if any.
    fn attach_quantity(&self, t: &Trigger, qs: &[Quantity], sent_start: usize) -> Option<Quantity> {
        let text = &self.folded()[sent_start..];
        let clause_break = |a: usize, b: usize| -> bool {
            text.get(a.saturating_sub(sent_start)..b.saturating_sub(sent_start))
                .map(|g| g.contains([';', ':']) || g.contains(". "))
                .unwrap_or(true)
        };
        let person_follows = |q: &Quantity| {
            self.victim_after(q.end)
                .map(|c| c.is_person())
                .unwrap_or(false)
        };
        // "de 2012 à nos jours … victimes": a year is not a count, unless
        // people follow it.
        let year_like = |q: &Quantity| {
            let text = self.folded().get(q.start..q.end).unwrap_or("");
            text.len() == 4
                && text.bytes().all(|b| b.is_ascii_digit())
                && (1900..=2100).contains(&q.value)
        };
        let ok = |q: &&Quantity| {
            !q.zero && (!q.article || person_follows(q)) && (!year_like(q) || person_follows(q))
        };
        let other_trigger_between = |a: usize, b: usize| {
            within(&self.ann.triggers, a, b, |x| x.start)
                .iter()
                .any(|x| {
                    matches!(x.class, TriggerClass::Kill | TriggerClass::Wound)
                        && x.start != t.start
                })
        };
        let before = qs.iter().rev().filter(ok).find(|q| {
            q.end <= t.start
                && self.words_between(q.end, t.start).len() <= 7
                && !clause_break(q.end, t.start)
                && !other_trigger_between(q.end, t.start)
        });
        let after = qs.iter().filter(ok).find(|q| {
            q.start >= t.end
                && self.words_between(t.end, q.start).len() <= 3
                && !clause_break(t.end, q.start)
                && !other_trigger_between(t.end, q.start)
        });
        let victim_subject =
            t.class == TriggerClass::Wound || self.death_subject_is_victim(t, sent_start);
        match (before, after) {
            (Some(b), Some(a)) => Some(if victim_subject { *b } else { *a }),
            (Some(b), None) => Some(*b),
            (None, Some(a)) => Some(*a),
            (None, None) => None,
        }
    }

    /// The claim of one frame's sentence.
    fn frame_claim(&self, m: usize) -> Claim {
        let s = &self.ann.sents[self.frames[m].sent];
        let cues = within(&self.ann.cues, s.fstart, s.fend, |c| c.start);
        let mut claim = Claim::asserted();
        if let Some(c) = cues.iter().max_by_key(|c| modality_rank(c.info.modality)) {
            claim.modality = c.info.modality;
            claim.modality_cue = Some(self.evidence(c.start, c.end));
        }
        if let Some(c) = cues.iter().find(|c| c.info.label.is_some()) {
            claim.source = c.info.label.clone();
            claim.source_cue = Some(self.evidence(c.start, c.end));
        }
        claim
    }

    /// The event's claim: the strongest reservation of its sentences, and
    /// the best-named source (a cue next to a named actor beats a bare one).
    fn claim(
        &self,
        members: &[usize],
        hits: &[ActorHit],
        date: Option<Date>,
        country: Option<&str>,
    ) -> Claim {
        let mut claim = Claim::asserted();
        let mut best_rank = 0u8;
        let mut best_source: Option<(i32, String, Evidence)> = None;
        for (rank, &m) in members.iter().enumerate() {
            let s = &self.ann.sents[self.frames[m].sent];
            for c in within(&self.ann.cues, s.fstart, s.fend, |c| c.start) {
                let r = modality_rank(c.info.modality);
                if r > best_rank {
                    best_rank = r;
                    claim.modality = c.info.modality;
                    claim.modality_cue = Some(self.evidence(c.start, c.end));
                }
                let Some(label) = &c.info.label else { continue };
                // A named actor within a few words of the cue names the source.
                let near = hits
                    .iter()
                    .filter(|h| h.start + 60 >= c.start && h.start <= c.end + 40)
                    .min_by_key(|h| (h.start as i64 - c.end as i64).abs());
                let (score, name, span_end) = match near {
                    Some(h) if !self.actors.is_generic(h.id) => {
                        let a = self.resolve_actor(h.id, country, date);
                        let short = a.map(|a| short_name(&a.canonical)).unwrap_or_default();
                        (3, format!("{label} of the {short}"), h.end.max(c.end))
                    }
                    Some(h) => {
                        let a = self.resolve_actor(h.id, country, date);
                        let short = a.map(|a| short_name(&a.canonical)).unwrap_or_default();
                        (1, format!("{label} of {short}"), h.end.max(c.end))
                    }
                    None => (0, label.clone(), c.end),
                };
                let score = score * 10 - rank as i32;
                if best_source
                    .as_ref()
                    .map(|(b, _, _)| score > *b)
                    .unwrap_or(true)
                {
                    let start = near.map(|h| h.start.min(c.start)).unwrap_or(c.start);
                    best_source = Some((score, name, self.evidence(start, span_end)));
                }
            }
        }
        if let Some((_, name, ev)) = best_source {
            claim.source = Some(name);
            claim.source_cue = Some(ev);
        }
        claim
    }

    /// A mention of a background passage.
    pub fn code_mention(
        &self,
        frame: usize,
        kind: crate::background::BackgroundKind,
    ) -> vigie_core::Mention {
        let f = &self.frames[frame];
        let class = crate::assemble::event_classes(f).max_by_key(|c| c.priority());
        let sub = class.map(|c| self.sub_event_type(c, &[frame], &[], false, false, false));
        let places = self
            .ann
            .topos
            .iter()
            .filter(|t| t.sent == f.sent)
            .map(|t| self.prepared.evidence(t.span.start, t.span.end))
            .collect();
        vigie_core::Mention {
            kind: kind.mention_kind(),
            evidence: self.sentence_evidence(f.sent),
            sub_event_type: sub,
            places,
            reason: kind.reason().to_string(),
        }
    }
}

/// The part of an ACLED name before its colon ("FLA: Azawad Liberation Front" → "FLA").
fn short_name(canonical: &str) -> String {
    canonical
        .split(':')
        .next()
        .unwrap_or(canonical)
        .trim()
        .to_string()
}

/// How good a toponym is as an event's place.
fn place_score(t: &Topo) -> i32 {
    let mut s = 0;
    match t.span.cue {
        Some(PlaceCue::Locative | PlaceCue::Near | PlaceCue::Between) => s += 3,
        Some(PlaceCue::Admin3) => s += 2,
        Some(PlaceCue::Admin2) => s -= 2,
        Some(PlaceCue::Admin1) => s -= 4,
        _ => {}
    }
    if t.span.admin_path {
        s -= 6;
    }
    if t.span.in_list {
        s -= 3;
    }
    if let Some(best) = &t.resolution.best {
        s += 2;
        if best.place.feature_class == "P" {
            s += 1;
        }
        if best.place.feature_code == "ADM1" || best.place.feature_code == "PCLI" {
            s -= 2;
        }
    }
    s
}

/// ACLED's rule: the lowest reported figure; different victim groups add up.
fn conservative_fatalities(figures: &[FigureClaim]) -> Field<u32> {
    let killed: Vec<&FigureClaim> = figures.iter().filter(|f| f.what == "killed").collect();
    if killed.is_empty() {
        return Field::inferred(0, 0.5);
    }
    let mut by_group: BTreeMap<String, (u32, Vec<Evidence>)> = BTreeMap::new();
    for f in &killed {
        let g = f.victims.clone().unwrap_or_else(|| "unspecified".into());
        let e = by_group.entry(g).or_insert((u32::MAX, Vec::new()));
        e.0 = e.0.min(f.value);
        e.1.push(f.evidence.clone());
    }
    let unspecified = by_group.get("unspecified").map(|g| g.0).unwrap_or(0);
    let specific: u32 = by_group
        .iter()
        .filter(|(k, _)| k.as_str() != "unspecified")
        .map(|(_, g)| g.0)
        .sum();
    // Several tolls of one event: ACLED's conservative rule keeps the lowest
    // (a per-group count and an overall toll from another source disagree).
    let total = match (unspecified, specific) {
        (0, s) => s,
        (u, 0) => u,
        (u, s) => u.min(s),
    };
    let evidence: Vec<Evidence> = by_group.into_values().flat_map(|g| g.1).collect();
    Field::new(total, evidence, 0.8)
}

fn overall_confidence(e: &Event) -> f32 {
    let mut c = 0.3 * e.sub_event_type.confidence;
    c += 0.2 * e.event_date.confidence;
    c += 0.2 * e.place.confidence;
    c += 0.2 * e.actor1.confidence;
    c += match e.claim.modality {
        Modality::Asserted | Modality::Reported => 0.1,
        Modality::Claimed | Modality::Alleged => 0.07,
        Modality::Conditional => 0.05,
        Modality::Denied => 0.02,
    };
    c.clamp(0.0, 1.0)
}
