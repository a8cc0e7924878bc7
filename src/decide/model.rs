//! The policy model: what a validated policy document says, as types.

use crate::detect::Entity;
use std::collections::BTreeMap;

/// How a generalising operator coarsens a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneralizeMethod {
    /// A date → its four-digit year.
    Year,
    /// An IP address → its network prefix (`/24` for IPv4, `/48` for IPv6 by default).
    IpPrefix,
    /// Coordinates → a coarser grid (1 decimal ≈ 11 km by default).
    Grid,
    /// Keep a leading prefix (postcodes: `10115` → `10*`).
    Prefix,
}

impl GeneralizeMethod {
    /// The policy spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GeneralizeMethod::Year => "year",
            GeneralizeMethod::IpPrefix => "ip_prefix",
            GeneralizeMethod::Grid => "grid",
            GeneralizeMethod::Prefix => "prefix",
        }
    }

    /// The default method for an entity type, if it has one.
    #[must_use]
    pub fn for_entity(entity: Option<Entity>) -> Option<Self> {
        match entity? {
            Entity::DateOfBirth => Some(GeneralizeMethod::Year),
            Entity::IpAddress => Some(GeneralizeMethod::IpPrefix),
            Entity::GpsCoordinates => Some(GeneralizeMethod::Grid),
            _ => None,
        }
    }
}

/// What happens to a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Delete the text (a JSON member is deleted).
    Remove,
    /// Replace with a label, `[EMAIL]` by default.
    Label(Option<String>),
    /// Replace every character but `keep_start` leading and `keep_end` trailing ones.
    Mask {
        /// Characters kept in clear at the start.
        keep_start: usize,
        /// Characters kept in clear at the end.
        keep_end: usize,
        /// The character that replaces the others.
        mask_char: char,
    },
    /// Keyed pseudonym (HMAC-SHA-256), `[EMAIL:k1:…]`.
    Pseudonym,
    /// Coarsen (date → year, IP → prefix, coordinates → grid, postcode → prefix).
    Generalize {
        /// The method; `None` = the entity's default.
        method: Option<GeneralizeMethod>,
        /// Prefix length in bits (IP), decimals (grid) or characters (prefix).
        keep: Option<u32>,
    },
    /// Leave as it is.
    Keep,
    /// The input may not be sent at all when this is present.
    Block,
}

impl Action {
    /// The policy / audit spelling.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Action::Remove => "remove",
            Action::Label(_) => "label",
            Action::Mask { .. } => "mask",
            Action::Pseudonym => "pseudonym",
            Action::Generalize { .. } => "generalize",
            Action::Keep => "keep",
            Action::Block => "block",
        }
    }

    /// How much of the value the action lets through, for resolving overlaps: the
    /// highest rank wins. Remove and label leave nothing; a keyed pseudonym leaves only
    /// an equality class; generalize and mask leave part of the value.
    #[must_use]
    pub const fn strictness(&self) -> u8 {
        match self {
            Action::Block => 6,
            Action::Remove => 5,
            Action::Label(_) => 4,
            Action::Pseudonym => 3,
            Action::Generalize { .. } => 2,
            Action::Mask { .. } => 1,
            Action::Keep => 0,
        }
    }

    /// Whether nothing of the value may remain in the output (remove, label, pseudonym).
    #[must_use]
    pub const fn is_removing(&self) -> bool {
        matches!(
            self,
            Action::Remove | Action::Label(_) | Action::Pseudonym | Action::Block
        )
    }
}

/// An action with the score from which it applies.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The action.
    pub action: Action,
    /// Findings scoring below this are ignored; `None` = the policy default.
    pub min_score: Option<f32>,
}

/// One step of a field path pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// An exact member name or array index.
    Name(String),
    /// `*`: any single member or index.
    Any,
}

/// Which JSON values a field rule is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldMatch {
    /// A JSON-Pointer-like path with `*` wildcards, e.g. `/objects/*/contact_information`.
    Path(Vec<Segment>),
    /// Any member with this name, at any depth.
    Name(String),
}

/// A rule for JSON fields.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldRule {
    /// Rule id, quoted in the audit record as `fields.<id>`.
    pub id: String,
    /// Which fields.
    pub matcher: FieldMatch,
    /// An action for the whole value (`None`: scan the text inside as usual).
    pub action: Option<Action>,
    /// What the whole value is (for labels, pseudonym domains, generalisation).
    pub entity: Option<Entity>,
    /// Whether free text in it is scanned (default true).
    pub scan: bool,
    /// Data-subject category (LED Art. 6) of what is below this field.
    pub subject: Option<String>,
}

/// The send-context condition of a send rule; every given part must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct When {
    /// Recipient is one of these.
    pub recipients: Option<Vec<String>>,
    /// Country (ISO 3166 alpha-2, case-insensitive) is one of these.
    pub countries: Option<Vec<String>>,
    /// Legal basis is one of these.
    pub legal_bases: Option<Vec<String>>,
    /// Legal basis is none of these (absent counts as none).
    pub legal_bases_not: Option<Vec<String>>,
    /// At least one of these marking tokens holds.
    pub markings: Option<Vec<String>>,
    /// TLP level at least this.
    pub tlp_at_least: Option<super::marking::Tlp>,
    /// No TLP marking at all (`true`) or some (`false`).
    pub unmarked: Option<bool>,
    /// Special-category data is (`true`) / is not (`false`) present.
    pub special_category: Option<bool>,
}

/// A rule that depends on the send context.
#[derive(Clone, Debug, PartialEq)]
pub struct SendRule {
    /// Rule id, quoted in errors and the audit record.
    pub id: String,
    /// When it applies.
    pub when: When,
    /// Refuse to send at all.
    pub block: bool,
    /// Conditions that must travel with the data.
    pub conditions: Vec<String>,
    /// Per-entity overrides while it applies.
    pub entities: BTreeMap<Entity, Rule>,
}

/// A validated policy.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Policy id.
    pub id: String,
    /// Policy version.
    pub version: String,
    /// Entity types in scope (`None` = all).
    pub scope_entities: Option<Vec<Entity>>,
    /// JSON fields in scope (empty = all).
    pub scope_fields: Vec<Vec<Segment>>,
    /// Default for in-scope types without a rule.
    pub default: Rule,
    /// Default minimum score.
    pub min_score: f32,
    /// Per entity type.
    pub entities: BTreeMap<Entity, Rule>,
    /// Per data-subject category, per entity type.
    pub subjects: BTreeMap<String, BTreeMap<Entity, Rule>>,
    /// Field rules, first match wins.
    pub fields: Vec<FieldRule>,
    /// Terms that are never findings.
    pub allow: Vec<String>,
    /// Terms that are always findings.
    pub deny: Vec<(String, Entity)>,
    /// Terms whose presence reveals special-category data (LED Art. 10).
    pub special_terms: Vec<String>,
    /// Send rules, in document order.
    pub send_rules: Vec<SendRule>,
    /// `sha256:<hex>` of the RFC 8785 canonical form of the document.
    pub fingerprint: String,
}

impl Policy {
    /// Whether any rule anywhere uses the keyed pseudonym operator.
    #[must_use]
    pub fn uses_pseudonyms(&self) -> bool {
        let is_p = |r: &Rule| r.action == Action::Pseudonym;
        is_p(&self.default)
            || self.entities.values().any(is_p)
            || self.subjects.values().flat_map(|m| m.values()).any(is_p)
            || self
                .send_rules
                .iter()
                .flat_map(|r| r.entities.values())
                .any(is_p)
            || self
                .fields
                .iter()
                .any(|f| f.action == Some(Action::Pseudonym))
    }

    /// Whether `entity` is in scope.
    #[must_use]
    pub fn in_scope(&self, entity: Entity) -> bool {
        self.scope_entities
            .as_ref()
            .is_none_or(|s| s.contains(&entity))
    }
}
