//! Actors: states, institutions, people, organisations.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The identifier of an actor.
///
/// In JSON an id is a plain string. It goes wherever the API asks for an id
/// (`analysis.actor(&statement.speaker)`), and compares with strings.
///
/// # The parser's ids
///
/// The parser builds an actor's id from what the actor is, never from the
/// document it was found in, so the same actor gets the same id in every
/// document and analyses of many articles merge without duplicating actors:
///
/// | actor | id | example |
/// | --- | --- | --- |
/// | a state | its ISO 3166-1 alpha-3 code, in lowercase | `rus`, `usa`, `xkx` |
/// | an organisation or armed group of the lexicon | its id in `organizations.tsv`: the side code in lowercase for the organisation itself, `parent.child` for its bodies | `un`, `nato`, `hamas`, `un.security-council` |
/// | a news organisation or company of the lexicon | its id there, `media.` or `company.` and a slug | `media.ria-novosti`, `company.tepco` |
/// | a named institution | its state's id, a dot, its id in `institutions.tsv` | `rus.kremlin`, `usa.state-department` |
/// | a body of a state or organisation | the owner's id, a dot, the body's slug | `rus.foreign-ministry` |
/// | officials or a group of a side, unnamed | the side's id, a dot, the noun | `rus.officials` |
/// | a person | `p.` and the full name as a slug | `p.dmitry-peskov` |
/// | a body whose owner the text does not give | `unknown.` and the body's slug | `unknown.air-defence` |
/// | an organisation the lexicon does not know | `org.` and a slug of its name | `org.free-press-union` |
///
/// A slug is the name in lowercase ASCII (accents dropped), its words joined
/// by `-`: "Stéphane Dujarric" is `p.stephane-dujarric`. A person's id
/// carries no side: texts often do not say one, and a person keeps the id
/// when their office changes; their side comes from their affiliation
/// ([`Analysis::side_of`](crate::Analysis::side_of)). The actor whose id is
/// a side's code in lowercase (`rus`, `nato`) stands for the whole side: the
/// query layer reads its names as the side's.
///
/// Analyses built by hand may use any ids; following this scheme lets them
/// merge with parsed ones.
///
/// # Examples
///
/// ```
/// use demarche::Parser;
///
/// let text = "Kremlin spokesperson Dmitry Peskov said Russia would strike back at Ukraine. \
///             Russia's foreign ministry condemned the attack. The UN Security Council urged \
///             restraint. Russian officials denied the claims, RIA Novosti said.";
/// let analysis = Parser::new().parse_document("a1", text, None)?.analysis;
/// let ids: Vec<&str> = analysis.actors().keys().map(|id| id.as_str()).collect();
/// for id in ["rus", "ukr", "rus.kremlin", "p.dmitry-peskov", "rus.foreign-ministry",
///            "un", "un.security-council", "rus.officials", "media.ria-novosti"] {
///     assert!(ids.contains(&id), "{id} not in {ids:?}");
/// }
/// let peskov = analysis.actor("p.dmitry-peskov").unwrap();
/// assert_eq!(peskov.affiliation.as_ref().unwrap(), "rus.kremlin");
/// assert_eq!(analysis.side_of(&peskov.id).unwrap(), "RUS");
/// # Ok::<(), demarche::ParseError>(())
/// ```
// Shared, not owned: a document's statements, stances and events name the
// same few actors thousands of times, and a clone is a count's increment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(Arc<str>);

impl ActorId {
    /// An id from any string.
    pub fn new(id: impl Into<String>) -> ActorId {
        ActorId(Arc::from(id.into()))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// The conversions and comparisons of an id that wraps an `Arc<str>`: it
/// borrows as `str` (so maps keyed by ids are searched with a `&str`), is
/// `AsRef<str>` (so it goes wherever the API takes an id), compares with
/// strings, and converts from and into strings and from a reference to
/// itself.
macro_rules! string_id {
    ($id:ident) => {
        impl std::borrow::Borrow<str> for $id {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $id {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $id {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $id {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl PartialEq<$id> for str {
            fn eq(&self, other: &$id) -> bool {
                self == &*other.0
            }
        }

        impl PartialEq<$id> for &str {
            fn eq(&self, other: &$id) -> bool {
                *self == &*other.0
            }
        }

        impl From<&str> for $id {
            fn from(s: &str) -> $id {
                $id(std::sync::Arc::from(s))
            }
        }

        impl From<String> for $id {
            fn from(s: String) -> $id {
                $id(std::sync::Arc::from(s))
            }
        }

        impl From<&String> for $id {
            fn from(s: &String) -> $id {
                $id(std::sync::Arc::from(s.as_str()))
            }
        }

        impl From<&$id> for $id {
            fn from(id: &$id) -> $id {
                id.clone()
            }
        }

        impl From<$id> for String {
            fn from(id: $id) -> String {
                id.0.as_ref().to_owned()
            }
        }

        impl From<&$id> for String {
            fn from(id: &$id) -> String {
                id.0.as_ref().to_owned()
            }
        }

        // In JSON a plain string.
        impl serde::Serialize for $id {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $id {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$id, D::Error> {
                String::deserialize(deserializer).map($id::from)
            }
        }
    };
}
pub(crate) use string_id;

string_id!(ActorId);

/// The code of the side an actor belongs to: an ISO 3166-1 alpha-3 country
/// code (`"RUS"`, `"UKR"`, `"XKX"` for Kosovo) or an organisation code
/// (`"UN"`, `"EU"`, `"NATO"`, `"HAMAS"`).
///
/// Codes are 2 to 12 ASCII uppercase letters or digits; anything else is
/// refused by [`CountryCode::new`] and by deserialization.
///
/// # Examples
///
/// ```
/// use demarche::CountryCode;
///
/// let rus = CountryCode::new("RUS").unwrap();
/// assert!(rus.is_iso3());
/// assert!(!CountryCode::new("NATO").unwrap().is_iso3());
/// assert!(CountryCode::new("rus").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct CountryCode(String);

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A string, as `into = "String"` wrote it, without the copy.
        serializer.serialize_str(&self.0)
    }
}

/// The error for a string that is not a valid [`CountryCode`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid country or organisation code {0:?}: expected 2 to 12 ASCII uppercase letters or digits"
)]
pub struct InvalidCode(pub String);

impl CountryCode {
    /// A code, if `code` is 2 to 12 ASCII uppercase letters or digits.
    pub fn new(code: impl Into<String>) -> Result<CountryCode, InvalidCode> {
        let code = code.into();
        let ok = (2..=12).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(CountryCode(code))
        } else {
            Err(InvalidCode(code))
        }
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a three-letter code, the shape of ISO 3166-1 alpha-3.
    pub fn is_iso3(&self) -> bool {
        self.0.len() == 3 && self.0.bytes().all(|b| b.is_ascii_uppercase())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = InvalidCode;
    fn try_from(s: String) -> Result<CountryCode, InvalidCode> {
        CountryCode::new(s)
    }
}

impl TryFrom<&str> for CountryCode {
    type Error = InvalidCode;
    fn try_from(s: &str) -> Result<CountryCode, InvalidCode> {
        CountryCode::new(s)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> String {
        c.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl Borrow<str> for CountryCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for CountryCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for CountryCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for CountryCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<&CountryCode> for String {
    fn from(c: &CountryCode) -> String {
        c.0.clone()
    }
}

/// What sort of actor this is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A state: "Russia", "Ukraine", or its capital used for its government.
    State,
    /// A government institution: "the Kremlin", a foreign ministry, a parliament.
    Institution,
    /// A person: "Dmitry Peskov".
    Person,
    /// An international organisation: the UN, the EU, NATO, the G7.
    InternationalOrganization,
    /// A non-state armed group: Hamas, Hezbollah, the Houthis.
    ArmedGroup,
    /// A news organisation: "RIA Novosti", "ISNA".
    Media,
    /// Anything else, including unnamed collectives such as "Russian officials".
    #[default]
    Other,
}

/// A role an actor holds: a title in an organisation, for a time.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Role {
    /// The title, as written: "spokesperson", "Foreign Minister".
    pub title: String,
    /// The organisation the role is held in, if known.
    #[serde(default)]
    pub organization: Option<ActorId>,
    /// When the role began, if known.
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// When the role ended, if known ("then-U.S. President" gives no date,
    /// but marks the role as past through [`Role::is_former`]).
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Whether the text calls the role a former one ("former", "then-").
    #[serde(default)]
    pub former: bool,
}

impl Role {
    /// A current role with no organisation or dates.
    pub fn new(title: impl Into<String>) -> Role {
        Role {
            title: title.into(),
            organization: None,
            start: None,
            end: None,
            former: false,
        }
    }

    /// The role, held in `organization`.
    pub fn in_organization(mut self, organization: impl Into<ActorId>) -> Role {
        self.organization = Some(organization.into());
        self
    }

    /// Whether the role is known to be over.
    pub fn is_former(&self) -> bool {
        self.former || self.end.is_some()
    }
}

/// Someone or something that speaks, holds stances or takes part in events.
///
/// An actor's side (its [`country`](Actor::country)) is inherited through its
/// [`affiliation`](Actor::affiliation): a spokesperson belongs to the Kremlin,
/// which belongs to Russia. [`Analysis::side_of`](crate::Analysis::side_of)
/// follows that chain.
///
/// # Examples
///
/// ```
/// use demarche::{Actor, ActorKind, Role};
///
/// let peskov = Actor::new("p.dmitry-peskov", "Dmitry Peskov", ActorKind::Person)
///     .with_alias("Peskov")
///     .with_affiliation("rus.kremlin")
///     .with_role(Role::new("spokesperson").in_organization("rus.kremlin"));
/// assert!(peskov.is_named("peskov"));
/// assert_eq!(peskov.country, None); // inherited from the Kremlin
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The actor's stable id.
    pub id: ActorId,
    /// The fullest name the text or lexicon gives: "Dmitry Peskov", "Russia".
    pub name: String,
    /// Other names the actor goes by: "Peskov", "Moscow", "the Russian Federation".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What sort of actor this is.
    #[serde(default)]
    pub kind: ActorKind,
    /// The actor's own side code, if it has one; otherwise the side comes
    /// from its affiliation.
    #[serde(default)]
    pub country: Option<CountryCode>,
    /// The actor this one belongs to, if any.
    #[serde(default)]
    pub affiliation: Option<ActorId>,
    /// Roles the actor holds or held.
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl Actor {
    /// An actor with no aliases, side, affiliation or roles.
    pub fn new(id: impl Into<ActorId>, name: impl Into<String>, kind: ActorKind) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            aliases: Vec::new(),
            kind,
            country: None,
            affiliation: None,
            roles: Vec::new(),
        }
    }

    /// The actor with another alias (ignored if it is already a name of the actor).
    pub fn with_alias(mut self, alias: impl Into<String>) -> Actor {
        self.add_alias(alias);
        self
    }

    /// The actor with its own side code.
    pub fn with_country(mut self, country: CountryCode) -> Actor {
        self.country = Some(country);
        self
    }

    /// The actor, belonging to `parent`.
    pub fn with_affiliation(mut self, parent: impl Into<ActorId>) -> Actor {
        self.affiliation = Some(parent.into());
        self
    }

    /// The actor with another role.
    pub fn with_role(mut self, role: Role) -> Actor {
        self.add_role(role);
        self
    }

    /// Adds an alias unless the actor already goes by that name (compared
    /// without regard to case). Returns whether it was added.
    pub fn add_alias(&mut self, alias: impl Into<String>) -> bool {
        let alias = alias.into();
        if alias.is_empty() || self.is_named(&alias) {
            return false;
        }
        self.aliases.push(alias);
        true
    }

    /// Adds a role unless an equal one is there. Returns whether it was added.
    pub fn add_role(&mut self, role: Role) -> bool {
        if self.roles.contains(&role) {
            return false;
        }
        self.roles.push(role);
        true
    }

    /// Whether `name` is the actor's name or one of its aliases, ignoring case.
    pub fn is_named(&self, name: &str) -> bool {
        // Two ASCII names fold alike only if they are equal ignoring ASCII
        // case, so only a name with other characters needs folding.
        let ascii = name.is_ascii();
        self.names()
            .any(|n| n.eq_ignore_ascii_case(name) || !(ascii && n.is_ascii()) && eq_fold(n, name))
    }

    /// The actor's name followed by its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Folds another description of the same actor into this one: aliases and
    /// roles are united; a missing side, affiliation or kind is taken from
    /// `other`. What this actor already has wins.
    pub fn absorb(&mut self, other: &Actor) {
        for name in other.names() {
            // Checked before add_alias makes the name a String.
            if !name.is_empty() && !self.is_named(name) {
                self.add_alias(name);
            }
        }
        for role in &other.roles {
            self.add_role(role.clone());
        }
        if self.country.is_none() {
            self.country = other.country.clone();
        }
        if self.affiliation.is_none() && other.affiliation.as_ref() != Some(&self.id) {
            self.affiliation = other.affiliation.clone();
        }
        if self.kind == ActorKind::Other {
            self.kind = other.kind;
        }
    }
}

/// Case-insensitive comparison beyond ASCII.
fn eq_fold(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_fold_as_ascii_case() {
        let names = [
            "",
            "Putin",
            "PUTIN",
            "putin",
            "Put1n",
            "U.S.",
            "u.s.",
            "al-Houthi",
            "Al-houthi",
            "a b",
            "a  b",
        ];
        for a in names {
            for b in names {
                assert_eq!(eq_fold(a, b), a.eq_ignore_ascii_case(b), "{a:?} {b:?}");
            }
        }
        let mut x = Actor::new("p.x", "Stéphane Dujarric", ActorKind::Person);
        assert!(x.is_named("STÉPHANE DUJARRIC"));
        assert!(!x.add_alias("stéphane dujarric"));
        assert!(x.add_alias("Dujarric"));
        assert!(x.is_named("dujarric"));
    }

    #[test]
    fn codes_are_validated() {
        assert!(CountryCode::new("XKX").is_ok());
        assert!(CountryCode::new("HEZBOLLAH").is_ok());
        assert!(CountryCode::new("G7").is_ok());
        assert!(CountryCode::new("R").is_err());
        assert!(CountryCode::new("Rus").is_err());
        assert!(CountryCode::new("").is_err());
        let err = serde_json::from_str::<CountryCode>("\"ru s\"").unwrap_err();
        assert!(err.to_string().contains("invalid country"), "{err}");
    }

    #[test]
    fn aliases_are_deduplicated_without_case() {
        let mut a = Actor::new("ukr", "Ukraine", ActorKind::State);
        assert!(a.add_alias("Kyiv"));
        assert!(!a.add_alias("kyiv"));
        assert!(!a.add_alias("UKRAINE"));
        assert!(a.add_alias("Kiev"));
        assert!(a.is_named("ÜKRAINE".to_lowercase().replace('ü', "u").as_str()));
        assert_eq!(a.aliases, ["Kyiv", "Kiev"]);
    }

    #[test]
    fn absorb_keeps_own_fields_and_unites_names() {
        let mut a = Actor::new("rus.kremlin", "Kremlin", ActorKind::Other);
        let b = Actor::new("rus.kremlin", "the Kremlin", ActorKind::Institution)
            .with_affiliation("rus")
            .with_country(CountryCode::new("RUS").unwrap());
        a.absorb(&b);
        assert_eq!(a.name, "Kremlin");
        assert_eq!(a.aliases, ["the Kremlin"]);
        assert_eq!(a.kind, ActorKind::Institution);
        assert_eq!(a.affiliation, Some(ActorId::from("rus")));
        assert_eq!(a.country.as_ref().map(CountryCode::as_str), Some("RUS"));
    }
}
