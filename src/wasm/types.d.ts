/**
 * Every error code a borderseal call can throw. Stable: codes are never renamed;
 * new codes may be added in a minor version.
 */
export type BordersealErrorCode =
  | "INVALID_ARGUMENT"
  | "INPUT_TOO_LARGE"
  | "JSON_TOO_DEEP"
  | "INVALID_JSON"
  | "PATTERN_TOO_LARGE"
  | "INVALID_POLICY"
  | "UNKNOWN_PRESET"
  | "BLOCKED_BY_POLICY"
  | "RESIDUAL_PII"
  | "MISSING_PSEUDONYM_KEY"
  | "INVALID_KEY"
  | "WEAK_KEY"
  | "TOO_MANY_RECIPIENTS"
  | "HEADER_TOO_LARGE"
  | "NOT_AN_ENVELOPE"
  | "UNSUPPORTED_VERSION"
  | "NOT_A_RECIPIENT"
  | "DECRYPT_FAILED"
  | "SIGNATURE_INVALID"
  | "STREAM_STATE"
  | "RANDOM_UNAVAILABLE"
  | "INTERNAL";

/** What every borderseal function throws: a real `Error` with a stable `code`. */
export interface BordersealError extends Error {
  name: "BordersealError";
  code: BordersealErrorCode;
}

/** The limits this build enforces on untrusted input (each exceeded limit is an error). */
export interface Limits {
  /** Largest text `analyze` / `redactText` accept, in UTF-8 bytes (`INPUT_TOO_LARGE`). */
  maxTextBytes: number;
  /** Deepest JSON nesting `redactJson` accepts (`JSON_TOO_DEEP`). */
  maxJsonDepth: number;
  /** Most recipients one envelope may have (`TOO_MANY_RECIPIENTS`). */
  maxRecipients: number;
  /** Largest envelope header, in bytes (`HEADER_TOO_LARGE`). */
  maxHeaderBytes: number;
  /** Largest policy document, in bytes (`INPUT_TOO_LARGE`). */
  maxPolicyBytes: number;
}
