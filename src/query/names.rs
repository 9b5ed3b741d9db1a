//! Names that stand for a whole side: what `holder:"United States"` means.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::fold::{eq_fold, fold};
use crate::lexicon::Lexicon;
use crate::{Analysis, CountryCode};

/// The names that stand for a whole side, taken from a [`Lexicon`]: each
/// state's code, name, aliases, demonyms and capitals ("USA", "United
/// States", "US", "America", "American", "Washington" for `USA`), and the
/// code, name and aliases of each organisation that is a side of its own
/// (one whose lexicon id is its code in lowercase: "North Atlantic Treaty
/// Organization" for `NATO`, "Brussels" for `EU`).
///
/// In a query, an actor value that is one of these names selects the side,
/// as its code does: `holder:"United States"`, `holder:US`,
/// `holder:Washington` and `holder:American` all mean `holder:USA`, every
/// actor on the side (the White House, the State Department, the president).
/// Names are compared without regard to case. A name can stand for more
/// than one side when the lexicon lists it twice.
///
/// [`Index::new`](super::Index::new) and [`Filter::matches`](super::Filter::matches)
/// use the built-in lexicon's names ([`SideNames::builtin`]);
/// [`Index::with_lexicon`](super::Index::with_lexicon) and
/// [`Filter::matched_stances_with`](super::Filter::matched_stances_with)
/// take a user's.
///
/// # Examples
///
/// ```
/// use demarche::lexicon::{Lexicon, Table};
/// use demarche::query::SideNames;
///
/// let names = SideNames::builtin();
/// let codes = |n: &str| names.sides(n).iter().map(|c| c.as_str()).collect::<Vec<_>>();
/// assert_eq!(codes("United States"), ["USA"]);
/// assert_eq!(codes("american"), ["USA"]);
/// assert_eq!(codes("Kyiv"), ["UKR"]);
/// assert_eq!(codes("North Atlantic Treaty Organization"), ["NATO"]);
/// assert!(codes("Peskov").is_empty());
///
/// // A user's lexicon adds its own states.
/// let mut lexicon = Lexicon::builtin();
/// lexicon.extend(Table::Countries, "XNR\tNorthreach\tRepublic of Northreach\tNorthreachi\tPort Vell\n").unwrap();
/// let names = SideNames::from_lexicon(&lexicon);
/// assert_eq!(names.sides("Northreachi")[0].as_str(), "XNR");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SideNames {
    /// Folded names to the sides they stand for.
    map: HashMap<String, Vec<CountryCode>>,
}

impl SideNames {
    /// The names of the built-in lexicon, built once and shared.
    pub fn builtin() -> &'static SideNames {
        SideNames::builtin_arc()
    }

    /// The built-in names, to share with an index.
    pub(crate) fn builtin_arc() -> &'static Arc<SideNames> {
        static BUILTIN: OnceLock<Arc<SideNames>> = OnceLock::new();
        BUILTIN.get_or_init(|| Arc::new(SideNames::from_lexicon(&Lexicon::builtin())))
    }

    /// The names a lexicon gives its states and its organisations that are
    /// sides of their own.
    pub fn from_lexicon(lexicon: &Lexicon) -> SideNames {
        let mut names = SideNames::default();
        for c in lexicon.countries() {
            names.add(c.code.as_str(), &c.code);
            let all = std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(&c.demonyms)
                .chain(&c.capitals);
            for name in all {
                names.add(name, &c.code);
            }
        }
        for o in lexicon.organizations() {
            if o.id == o.code.as_str().to_ascii_lowercase() {
                names.add(o.code.as_str(), &o.code);
                for name in std::iter::once(&o.name).chain(&o.aliases) {
                    names.add(name, &o.code);
                }
            }
        }
        names
    }

    fn add(&mut self, name: &str, code: &CountryCode) {
        if name.is_empty() {
            return;
        }
        let list = self.map.entry(fold(name)).or_default();
        if !list.contains(code) {
            list.push(code.clone());
        }
    }

    /// The sides `name` stands for, ignoring case; empty if none.
    pub fn sides(&self, name: &str) -> &[CountryCode] {
        self.map.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Whether the actor with id `id` is the actor that stands for its side
/// `side`: its id is the code in lowercase and it carries the code itself
/// (`rus` for `RUS`, `nato` for `NATO`).
pub(crate) fn is_side_actor(analysis: &Analysis, id: &str, side: &CountryCode) -> bool {
    id.len() == side.as_str().len()
        && id
            .bytes()
            .zip(side.as_str().bytes())
            .all(|(i, c)| i == c.to_ascii_lowercase())
        && analysis
            .actor(id)
            .is_some_and(|a| a.country.as_ref() == Some(side))
}

/// Whether `who`, an actor value of a query, names the whole side `side`:
/// its code, a name of it in `names`, or the id, name or alias of the actor
/// that stands for it. The index-free evaluation's half of the rule the
/// index applies when it resolves a value; the two must agree.
pub(crate) fn names_side(
    analysis: &Analysis,
    names: &SideNames,
    side: &CountryCode,
    who: &str,
) -> bool {
    if eq_fold(side.as_str(), who) || names.sides(who).contains(side) {
        return true;
    }
    let id = side.as_str().to_ascii_lowercase();
    is_side_actor(analysis, &id, side)
        && analysis
            .actor(&id)
            .is_some_and(|a| eq_fold(a.id.as_str(), who) || a.is_named(who))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_names_cover_states_and_organisations_that_are_sides() {
        let names = SideNames::builtin();
        let one = |n: &str| {
            names
                .sides(n)
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
        };
        for n in [
            "United States",
            "US",
            "U.S.",
            "Washington",
            "American",
            "AMERICANS",
        ] {
            assert_eq!(one(n), ["USA"], "{n}");
        }
        assert_eq!(one("Russian"), ["RUS"]);
        assert_eq!(one("Moscow"), ["RUS"]);
        assert_eq!(one("Brussels"), ["EU"]);
        assert_eq!(one("United Nations"), ["UN"]);
        // A body of an organisation is not its side.
        assert!(one("Security Council").is_empty());
        // Nor is a state's news agency.
        assert!(one("RIA Novosti").is_empty());
        assert!(one("").is_empty());
        assert!(names.len() > 500 && !names.is_empty());
    }
}
