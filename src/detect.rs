//! Detect: find personal data in text (recognizers: pattern + validator + context → findings).

pub mod entity;
pub mod finding;

pub use entity::Entity;
pub use finding::Finding;
