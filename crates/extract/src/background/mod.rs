//! Background markers: the words that say a passage recalls the past
//! (French pluperfect "avaient été tués"), describes an ongoing situation
//! ("impose un siège"), a cumulative toll or series ("ces derniers mois",
//! "since 2023"), a list of places, or something that has not happened yet.
//! A passage so marked becomes a mention, never an event.

use crate::lexicon::{parse_tsv, Hit, PhraseSet, RawMatch};
use crate::ExtractError;
use vigie_core::MentionKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackgroundKind {
    Past,
    Ongoing,
    Cumulative,
    List,
    Future,
}

impl BackgroundKind {
    pub fn mention_kind(self) -> MentionKind {
        match self {
            BackgroundKind::Past => MentionKind::PastEvent,
            BackgroundKind::Ongoing => MentionKind::OngoingSituation,
            BackgroundKind::Cumulative => MentionKind::CumulativeLosses,
            BackgroundKind::List => MentionKind::PlaceList,
            BackgroundKind::Future => MentionKind::Undated,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            BackgroundKind::Past => "recalls an earlier event",
            BackgroundKind::Ongoing => "describes an ongoing situation",
            BackgroundKind::Cumulative => {
                "a series or cumulative toll over a period, not one dated event"
            }
            BackgroundKind::List => "a list of places without a dated happening of its own",
            BackgroundKind::Future => "not (yet) a happening: a plan, threat or possibility",
        }
    }
}

/// A background marker in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub start: usize,
    pub end: usize,
    pub kind: BackgroundKind,
}

#[derive(Debug)]
pub struct BackgroundLexicon {
    set: PhraseSet<BackgroundKind>,
}

impl BackgroundLexicon {
    pub fn from_tsv(file: &str, text: &str) -> Result<Self, ExtractError> {
        let mut items = Vec::new();
        for cols in parse_tsv(file, text, 2)? {
            let kind = match cols[1] {
                "past" => BackgroundKind::Past,
                "ongoing" => BackgroundKind::Ongoing,
                "cumulative" => BackgroundKind::Cumulative,
                "list" => BackgroundKind::List,
                "future" => BackgroundKind::Future,
                k => {
                    return Err(ExtractError::Lexicon {
                        file: file.into(),
                        message: format!("unknown kind {k:?}"),
                    })
                }
            };
            items.push((cols[0].to_string(), kind));
        }
        Ok(BackgroundLexicon {
            set: PhraseSet::build(file, items)?,
        })
    }

    pub fn find(&self, folded: &str) -> Vec<Marker> {
        Self::hits(self.set.find(folded))
    }

    /// The folded phrases, for a [`crate::lexicon::PhraseScan`] with other lexicons.
    pub fn phrases(&self) -> &[String] {
        self.set.patterns()
    }

    /// [`Self::find`] from this lexicon's matches in a [`crate::lexicon::PhraseScan`].
    pub fn find_raw(&self, folded: &str, raw: &[RawMatch]) -> Vec<Marker> {
        Self::hits(self.set.select(folded, raw.iter().copied()))
    }

    fn hits(hits: Vec<Hit<'_, BackgroundKind>>) -> Vec<Marker> {
        hits.into_iter()
            .map(|h| Marker {
                start: h.start,
                end: h.end,
                kind: *h.payload,
            })
            .collect()
    }
}
