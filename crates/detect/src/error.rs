//! The one error type of the core, with a stable machine-readable code.
//!
//! Every failure of every entry point is an [`Error`]: a coarse [`ErrorCode`] that callers
//! branch on (it crosses to JavaScript as `error.code`), and a message for people that says
//! what was expected and what arrived. Messages never contain personal data or key bytes:
//! they may end up in a portal's log.
//!
//! Every reason an envelope cannot be opened is [`ErrorCode::DecryptFailed`], so that an
//! attacker who sends altered envelopes learns nothing from the answer (no decryption
//! oracle).

use core::fmt;

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident => $text:literal, )*) => {
        /// Stable error codes. The string form ([`ErrorCode::as_str`]) is part of the public
        /// API (the TypeScript union `BordersealErrorCode`); new codes may be added.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as the `SCREAMING_SNAKE_CASE` string that JavaScript sees.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $text, )*
                }
            }
        }
    };
}

error_codes! {
    /// An argument has the wrong type or shape (a number where a string was expected, …).
    InvalidArgument => "INVALID_ARGUMENT",
    /// Input is larger than the documented limit for this entry point.
    InputTooLarge => "INPUT_TOO_LARGE",
    /// JSON input is nested deeper than the documented limit.
    JsonTooDeep => "JSON_TOO_DEEP",
    /// Text given as JSON is not valid JSON.
    InvalidJson => "INVALID_JSON",
    /// A user-supplied pattern or term list is larger than the documented limit.
    PatternTooLarge => "PATTERN_TOO_LARGE",
    /// A policy document is invalid; the message lists every problem with its JSON path.
    InvalidPolicy => "INVALID_POLICY",
    /// A policy was named that is not one of the built-in presets.
    UnknownPreset => "UNKNOWN_PRESET",
    /// The policy forbids sending this input to this recipient at all.
    BlockedByPolicy => "BLOCKED_BY_POLICY",
    /// After transformation the output still holds personal data the policy says must not
    /// leave; nothing is returned (fail closed).
    ResidualPii => "RESIDUAL_PII",
    /// The policy asks for keyed pseudonyms but no pseudonym key was given.
    MissingPseudonymKey => "MISSING_PSEUDONYM_KEY",
    /// A key (JWK or raw bytes) is malformed: wrong `kty`/`crv`, length, encoding, or `x`
    /// not matching `d`.
    InvalidKey => "INVALID_KEY",
    /// A public key is a low-order point, so the Diffie-Hellman result would be all zeros.
    WeakKey => "WEAK_KEY",
    /// More recipients than the format allows.
    TooManyRecipients => "TOO_MANY_RECIPIENTS",
    /// An envelope header (or the metadata in it) is larger than the format allows.
    HeaderTooLarge => "HEADER_TOO_LARGE",
    /// The bytes are not a borderseal envelope (wrong magic), so nothing about keys was
    /// tried.
    NotAnEnvelope => "NOT_AN_ENVELOPE",
    /// The envelope names a format version this build does not read.
    UnsupportedVersion => "UNSUPPORTED_VERSION",
    /// No recipient stanza of the envelope is addressed to the given private key.
    NotARecipient => "NOT_A_RECIPIENT",
    /// The envelope cannot be opened: altered, truncated, reordered, or the key does not
    /// fit. One code for every cause, and no plaintext is released.
    DecryptFailed => "DECRYPT_FAILED",
    /// A sender signature is present but does not verify.
    SignatureInvalid => "SIGNATURE_INVALID",
    /// A streaming object was used out of order (data after `finish`, …).
    StreamState => "STREAM_STATE",
    /// The platform's random generator failed.
    RandomUnavailable => "RANDOM_UNAVAILABLE",
    /// A bug: an invariant that should hold did not. Please report it.
    Internal => "INTERNAL",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error of any borderseal operation: a stable [`ErrorCode`] and a human-readable message.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
}

impl Error {
    /// An error with `code` and a message saying what was expected and what arrived.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The opaque "cannot open" error, identical for every cause (see the module docs).
    #[must_use]
    pub fn decrypt_failed() -> Self {
        Self::new(ErrorCode::DecryptFailed, "the envelope cannot be opened")
    }

    /// The stable code.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human-readable message (without the code).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({}: {})", self.code, self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_screaming_snake_case() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                "{s} is not SCREAMING_SNAKE_CASE"
            );
        }
        assert!(seen.len() >= 20);
    }

    #[test]
    fn display_has_code_and_message() {
        let e = Error::new(ErrorCode::InvalidKey, "expected 32 bytes, got 31");
        assert_eq!(e.to_string(), "INVALID_KEY: expected 32 bytes, got 31");
        assert_eq!(e.code(), ErrorCode::InvalidKey);
        assert_eq!(e.message(), "expected 32 bytes, got 31");
    }

    #[test]
    fn decrypt_failed_is_one_opaque_error() {
        assert_eq!(Error::decrypt_failed(), Error::decrypt_failed());
        assert_eq!(Error::decrypt_failed().code(), ErrorCode::DecryptFailed);
    }
}
