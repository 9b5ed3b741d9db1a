//! The actors of one document: created as mentions are found, with stable
//! ids, sides inherited through affiliation, and the facts coreference needs.

use rustc_hash::FxHashMap as HashMap;

use super::matcher::Matcher;
use crate::lexicon::{BodyKind, OrgKind, TitleRank};
use crate::model::{Actor, ActorId, ActorKind, CountryCode, Role};

/// An actor being built, with what the parser knows about it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub actor: Actor,
    /// The side code, own or inherited.
    pub code: Option<String>,
    pub person: bool,
    /// Normalized name tokens of a person, for later mentions by surname.
    pub keys: Vec<String>,
    /// The kind of body (ministry, parliament, ...) for institutions and bodies.
    pub body: Option<BodyKind>,
    /// The body slug, for bodies built from `bodies.tsv` and titles.
    pub slug: Option<String>,
    pub rank: Option<TitleRank>,
    /// A collective: "Russian officials", "the two countries".
    pub plural: bool,
    /// A state or an organisation with its own code: a side.
    pub is_side: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// Actors already made from lexicon rows, by table and row.
    made: HashMap<(u8, usize), usize>,
    /// Side actors by code.
    sides: HashMap<String, usize>,
}

/// An id-safe slug of a name: lowercase ASCII letters and digits joined by '-'.
pub(crate) fn slug(name: &str) -> String {
    if name.is_ascii() {
        slug_ascii(name)
    } else {
        slug_folded(name)
    }
}

/// [`slug`] of any name: each character folded, then the runs of ASCII
/// letters and digits joined by '-'.
fn slug_folded(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        super::token::push_folded(&mut folded, c);
    }
    join_alphanumeric_runs(folded.chars(), folded.len())
}

/// [`slug`] of an ASCII name, in one pass: folding an ASCII character
/// only lowercases it.
fn slug_ascii(name: &str) -> String {
    join_alphanumeric_runs(name.chars().map(|c| c.to_ascii_lowercase()), name.len())
}

/// The runs of ASCII letters and digits among `chars`, joined by '-'.
fn join_alphanumeric_runs(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut dash = false;
    for c in chars {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

impl Registry {
    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// [`get`](Registry::get) of `code` in lowercase ("RUS" is "rus"),
    /// lowered on the stack when short, as codes are.
    pub fn get_lowercase(&self, code: &str) -> Option<usize> {
        let mut buf = [0u8; 32];
        match buf.get_mut(..code.len()) {
            Some(b) => {
                b.copy_from_slice(code.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).ok().and_then(|id| self.get(id))
            }
            None => self.get(&code.to_ascii_lowercase()),
        }
    }

    pub fn code(&self, a: usize) -> Option<&str> {
        self.entries.get(a).and_then(|e| e.code.as_deref())
    }

    /// The actor of actor `a`'s side (its state or organisation), if `a`
    /// has a side code.
    pub fn side_of(&mut self, m: &Matcher, a: usize) -> Option<usize> {
        let code = CountryCode::new(self.code(a)?).ok()?;
        Some(self.side(m, &code))
    }

    /// Whether two actors are on the same known side.
    /// Whether actor `a` is a news outlet: where words appear, which relays
    /// them, never a party they are aimed at.
    pub fn is_outlet(&self, a: usize) -> bool {
        self.entries[a].actor.kind == ActorKind::Media
    }

    pub fn same_side(&self, a: usize, b: usize) -> bool {
        match (self.code(a), self.code(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
    }

    fn insert(&mut self, actor: Actor, f: impl FnOnce(&mut Entry)) -> usize {
        if let Some(&i) = self.by_id.get(actor.id.as_str()) {
            let e = &mut self.entries[i];
            e.actor.absorb(&actor);
            return i;
        }
        let code = actor.country.as_ref().map(|c| c.as_str().to_owned());
        let mut e = Entry {
            actor,
            is_side: code.is_some(),
            code,
            person: false,
            keys: Vec::new(),
            body: None,
            slug: None,
            rank: None,
            plural: false,
        };
        f(&mut e);
        let i = self.entries.len();
        self.by_id.insert(e.actor.id.as_str().to_owned(), i);
        self.entries.push(e);
        i
    }

    /// Sets an actor's affiliation (if it has none) and so its side.
    pub fn affiliate(&mut self, a: usize, parent: usize) {
        if a == parent || self.entries[a].is_side {
            return;
        }
        // No loops: the parent must not already descend from `a`.
        let mut p = Some(parent);
        for _ in 0..16 {
            let Some(x) = p else { break };
            if x == a {
                return;
            }
            p = self.entries[x]
                .actor
                .affiliation
                .as_ref()
                .and_then(|id| self.get(id.as_str()));
        }
        if self.entries[a].actor.affiliation.is_none() || self.entries[a].code.is_none() {
            let pid = self.entries[parent].actor.id.clone();
            let code = self.entries[parent].code.clone();
            let e = &mut self.entries[a];
            e.actor.affiliation = Some(pid);
            if e.code.is_none() {
                e.code = code;
            }
        }
    }

    /// Attaches an actor to the parent the text names ("Kremlin spokesperson
    /// Dmitry Peskov"), replacing one the gazetteer gave.
    pub fn reaffiliate(&mut self, a: usize, parent: usize) {
        // What the text says ("Palestinian Prime Minister Ismail Haniyeh")
        // wins over the gazetteer's other roles.
        if self.code(parent).is_some() && !self.entries[a].is_side {
            self.entries[a].actor.affiliation = None;
            self.affiliate(a, parent);
        }
    }

    /// The state with this index in the countries table.
    pub fn state(&mut self, m: &Matcher, idx: usize) -> usize {
        if let Some(&a) = self.made.get(&(0, idx)) {
            return a;
        }
        let a = self.make_state(m, idx);
        self.made.insert((0, idx), a);
        a
    }

    fn make_state(&mut self, m: &Matcher, idx: usize) -> usize {
        let c = &m.lexicon.countries()[idx];
        let mut actor = Actor::new(
            c.code.as_str().to_ascii_lowercase(),
            c.name.clone(),
            ActorKind::State,
        )
        .with_country(c.code.clone());
        for a in c.aliases.iter().chain(&c.capitals) {
            actor.add_alias(a.clone());
        }
        self.insert(actor, |e| e.is_side = true)
    }

    /// The organisation with this index in the organisations table.
    pub fn org(&mut self, m: &Matcher, idx: usize) -> usize {
        if let Some(&a) = self.made.get(&(1, idx)) {
            return a;
        }
        let a = self.make_org(m, idx);
        self.made.insert((1, idx), a);
        a
    }

    fn make_org(&mut self, m: &Matcher, idx: usize) -> usize {
        let o = &m.lexicon.organizations()[idx];
        let kind = match o.kind {
            OrgKind::Igo | OrgKind::IgoBody | OrgKind::Court => {
                ActorKind::InternationalOrganization
            }
            OrgKind::ArmedGroup => ActorKind::ArmedGroup,
            OrgKind::Media => ActorKind::Media,
            _ => ActorKind::Other,
        };
        let own = o.id == o.code.as_str().to_ascii_lowercase();
        let state = m.country_with_code(o.code.as_str());
        let mut actor = Actor::new(o.id.clone(), o.name.clone(), kind);
        for a in &o.aliases {
            actor.add_alias(a.clone());
        }
        match state {
            // Media and companies of a state belong to it.
            Some(s) if !own => {
                let parent = self.state(m, s);
                let i = self.insert(actor, |_| {});
                self.affiliate(i, parent);
                i
            }
            _ => {
                let parent_id = o.id.rsplit_once('.').map(|(p, _)| p.to_owned());
                actor.country = Some(o.code.clone());
                let i = self.insert(actor, |e| e.is_side = own || parent_id.is_none());
                if let Some(pid) = parent_id
                    && let Some(p) = m.org_with_id(&pid)
                {
                    let parent = self.org(m, p);
                    if self.entries[i].actor.affiliation.is_none() {
                        self.entries[i].actor.affiliation =
                            Some(self.entries[parent].actor.id.clone());
                    }
                }
                i
            }
        }
    }

    /// The side actor for a code: a state, an organisation with that code
    /// as its id, or a bare actor carrying the code.
    pub fn side(&mut self, m: &Matcher, code: &CountryCode) -> usize {
        if let Some(&a) = self.sides.get(code.as_str()) {
            return a;
        }
        let a = self.make_side(m, code);
        self.sides.insert(code.as_str().to_owned(), a);
        a
    }

    fn make_side(&mut self, m: &Matcher, code: &CountryCode) -> usize {
        if let Some(i) = m.country_with_code(code.as_str()) {
            return self.state(m, i);
        }
        let lower = code.as_str().to_ascii_lowercase();
        if let Some(i) = m.org_with_id(&lower) {
            return self.org(m, i);
        }
        if let Some(i) = m.org_with_code(code.as_str()) {
            return self.org(m, i);
        }
        let actor = Actor::new(lower, code.as_str(), ActorKind::Other).with_country(code.clone());
        self.insert(actor, |e| e.is_side = true)
    }

    /// A named institution.
    pub fn institution(&mut self, m: &Matcher, idx: usize) -> usize {
        if let Some(&a) = self.made.get(&(2, idx)) {
            return a;
        }
        let a = self.make_institution(m, idx);
        self.made.insert((2, idx), a);
        a
    }

    fn make_institution(&mut self, m: &Matcher, idx: usize) -> usize {
        let x = &m.lexicon.institutions()[idx];
        let parent = self.side(m, &x.country.clone());
        let parent_id = self.entries[parent].actor.id.as_str().to_owned();
        let mut actor = Actor::new(
            format!("{parent_id}.{}", x.id),
            x.name.clone(),
            ActorKind::Institution,
        );
        for a in &x.aliases {
            actor.add_alias(a.clone());
        }
        let kind = x.kind;
        let i = self.insert(actor, |e| e.body = Some(kind));
        self.affiliate(i, parent);
        i
    }

    /// A body (ministry, parliament, ...) of an owner.
    pub fn body(&mut self, owner: usize, slug: &str, kind: BodyKind, name: &str) -> usize {
        let owner_id = self.entries[owner].actor.id.as_str().to_owned();
        let owner_name = self.entries[owner].actor.name.clone();
        let actor = Actor::new(
            format!("{owner_id}.{slug}"),
            format!("{owner_name} {name}"),
            ActorKind::Institution,
        )
        .with_alias(name.to_owned());
        let slug = slug.to_owned();
        let i = self.insert(actor, |e| {
            e.body = Some(kind);
            e.slug = Some(slug);
        });
        self.affiliate(i, owner);
        i
    }

    /// A body whose owner is not known.
    pub fn loose_body(&mut self, slug: &str, kind: BodyKind, name: &str) -> usize {
        let actor = Actor::new(
            format!("unknown.{slug}"),
            name.to_owned(),
            ActorKind::Institution,
        );
        let slug = slug.to_owned();
        self.insert(actor, |e| {
            e.body = Some(kind);
            e.slug = Some(slug);
        })
    }

    /// A collective of an owner: "Russian officials".
    pub fn group(&mut self, owner: usize, noun: &str, label: &str) -> usize {
        self.role_of(owner, noun, label, true)
    }

    /// An unnamed holder of a role, or a collective, of an owner: "a French
    /// minister", "Russian officials".
    pub fn role_of(&mut self, owner: usize, noun: &str, label: &str, plural: bool) -> usize {
        let owner_id = self.entries[owner].actor.id.as_str().to_owned();
        let actor = Actor::new(
            format!("{owner_id}.{}", slug(noun)),
            label.to_owned(),
            ActorKind::Other,
        );
        let i = self.insert(actor, |e| e.plural = plural);
        self.affiliate(i, owner);
        i
    }

    /// The unnamed person holding title `noun` for side `owner`, labelled
    /// with the side's name ("United States spokesperson", "Uganda
    /// president").
    pub fn unnamed_holder(&mut self, owner: usize, noun: &str) -> usize {
        let label = format!("{} {noun}", self.entries[owner].actor.name);
        let a = self.role_of(owner, noun, &label, false);
        self.entries[a].person = true;
        a
    }

    /// An organisation the lexicon does not know, belonging to no known side.
    pub fn role_of_unknown(&mut self, slug: &str, name: &str) -> usize {
        let actor = Actor::new(format!("org.{slug}"), name.to_owned(), ActorKind::Other);
        self.insert(actor, |_| {})
    }

    /// A person by full name.
    pub fn person(&mut self, name: &str, keys: Vec<String>) -> usize {
        let id = format!("p.{}", slug(name));
        let last = name
            .split_whitespace()
            .last()
            .map_or("", |w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        self.person_with_id(id, name, keys, last)
    }

    /// A person by full name, with its id (`p.` and the name's slug) and
    /// its last word (without punctuation) already worked out.
    pub fn person_with_id(
        &mut self,
        id: String,
        name: &str,
        keys: Vec<String>,
        last: &str,
    ) -> usize {
        let mut actor = Actor::new(id, name.to_owned(), ActorKind::Person);
        if keys.len() > 1 {
            actor.add_alias(last.to_owned());
        }
        self.insert(actor, |e| {
            e.person = true;
            e.keys = keys;
        })
    }

    /// Records a role of a person.
    pub fn add_role(
        &mut self,
        a: usize,
        title: &str,
        org: Option<usize>,
        former: bool,
        rank: Option<TitleRank>,
    ) {
        let org_id = org.map(|o| self.entries[o].actor.id.clone());
        let mut role = Role::new(title.to_owned());
        role.organization = org_id;
        role.former = former;
        let e = &mut self.entries[a];
        if !e
            .actor
            .roles
            .iter()
            .any(|r| r.title.eq_ignore_ascii_case(title))
        {
            e.actor.roles.push(role);
        }
        if e.rank.is_none() {
            e.rank = rank;
        }
    }

    /// The actors, in first-seen order.
    pub fn into_actors(self) -> Vec<Actor> {
        self.entries.into_iter().map(|e| e.actor).collect()
    }

    /// The id of an actor.
    pub fn id(&self, a: usize) -> ActorId {
        self.entries[a].actor.id.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Dmitry Peskov"), "dmitry-peskov");
        assert_eq!(slug("Abdul-Malik al-Houthi"), "abdul-malik-al-houthi");
        assert_eq!(slug("Stéphane Dujarric"), "stephane-dujarric");
        assert_eq!(slug("  "), "");
    }

    #[test]
    fn ascii_slugs_as_folded() {
        let mut names = vec![
            String::new(),
            "-".to_owned(),
            " A  b-C ".to_owned(),
            "Mr. O'Neil, Jr.".to_owned(),
            "UN Security Council (UNSC) 2025".to_owned(),
            "\t\n~^`|".to_owned(),
        ];
        for dir in ["benches/texts", "data"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for f in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(f.unwrap().path()).unwrap_or_default();
                names.extend(text.lines().filter(|l| l.is_ascii()).map(str::to_owned));
            }
        }
        for n in &names {
            assert_eq!(slug_ascii(n), slug_folded(n), "{n:?}");
        }
    }
}
