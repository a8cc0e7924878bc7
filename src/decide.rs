//! Decide: which findings get which action, for this recipient, legal basis and marking.
//!
//! A policy is data: a JSON document validated against `policies/schema.json`, with an
//! id, a version and a fingerprint (SHA-256 of its RFC 8785 canonical form), so that an
//! envelope and an audit record can say exactly which rules were applied.

pub mod context;
pub mod jcs;
pub mod marking;
pub mod model;
pub mod parse;
pub mod presets;
pub mod terms;

pub use context::{Decision, Resolved, SendContext};
pub use marking::{Marking, Tlp};
pub use model::{
    Action, FieldMatch, FieldRule, GeneralizeMethod, Policy, Rule, Segment, SendRule, When,
};
pub use parse::{parse_policy, parse_policy_text};
