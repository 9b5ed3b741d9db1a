//! Discourse state: what the sentences read so far make a later reference
//! mean. Actor recognition and attribution update it as they read, in text
//! order; pronouns and descriptions ("he", "the readout") read it. It is
//! passed to those two passes explicitly, apart from the document's facts.

/// The actors a later reference may mean, each the last of its kind.
#[derive(Clone, Debug, Default)]
pub(crate) struct Discourse {
    /// The last person mentioned.
    pub last_person: Option<usize>,
    /// The last person who opened a sentence or spoke.
    pub last_subject_person: Option<usize>,
    /// The last actor that is neither a person nor plural: what "it" means.
    pub last_thing: Option<usize>,
    /// The last plural actor: what "they" means.
    pub last_plural: Option<usize>,
    /// The last body ("the ministry").
    pub last_body: Option<usize>,
    /// The last organisation.
    pub last_org: Option<usize>,
    /// The speaker of the last frame.
    pub last_speaker: Option<usize>,
    /// The outlets that relayed the last frame, when an outlet did ("Tasnim
    /// quoted Musavi as saying"): what a following "..., Musavi added"
    /// passes on too.
    pub last_outlet_relay: Vec<usize>,
    /// The last institution that issued words ("China's foreign ministry
    /// said in a readout"): what "the readout added" refers to.
    pub last_issuer: Option<usize>,
    /// Who answers in the transcript turn being read, if any: first-person
    /// pronouns outside quotations are theirs.
    pub answerer: Option<usize>,
}
