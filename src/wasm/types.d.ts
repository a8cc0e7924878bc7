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
  /** Largest envelope metadata (JSON text), in bytes (`HEADER_TOO_LARGE`). */
  maxMetadataBytes: number;
}

/**
 * A JSON Web Key as borderseal reads and writes them: RFC 8037 OKP keys, X25519 for
 * recipients and Ed25519 for sender signatures; `kid` is the RFC 7638 thumbprint.
 * (Compatible with the DOM's `JsonWebKey`.)
 */
export interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  /** The private part; present only in private JWKs. */
  d?: string;
  kid?: string;
  use?: string;
  key_ops?: string[];
  alg?: string;
  ext?: boolean;
}

/** A key pair from `generateKeyPair()`. */
export interface KeyPair {
  publicJwk: Jwk;
  /** Holds the secret as a plain JS object, which cannot be wiped. */
  privateJwk: Jwk;
}

/** What to seal to whom. */
export interface SealOptions {
  /** Public X25519 JWKs of the receiving agencies (1 to `limits().maxRecipients`). */
  recipients: Jwk[];
  /**
   * Authenticated but cleartext metadata: `marking`, `policyFingerprint`, `auditDigest`,
   * `sender`, `createdAt` and any other JSON members. Put nothing confidential here.
   */
  metadata?: Record<string, unknown>;
  /** A private Ed25519 JWK: signs the header and the payload digest. */
  signingKey?: Jwk;
  /** `sealStream` only: `false` forces the pure-wasm path instead of WebCrypto. */
  webCrypto?: boolean;
}

/** The verified sender of a signed envelope. */
export interface SignerInfo {
  kid: string;
  publicJwk: Jwk;
}

/** An opened envelope. */
export interface Opened {
  plaintext: Uint8Array;
  metadata: Record<string, unknown>;
  /** The kid of the recipient stanza that was opened. */
  recipientKid: string;
  /** The verified signer, or `null` if the envelope is not signed. */
  signer: SignerInfo | null;
}

/** A chunk handed to WebCrypto by `OpenStream.pushExternal`. */
export interface ExternalChunk {
  index: number;
  isFinal: boolean;
  /** The AES-GCM `iv`. */
  nonce: Uint8Array;
  /** Ciphertext followed by the 16-byte tag. */
  sealed: Uint8Array;
}

/** `OpenStream.finishExternal()`: the envelope's information and its final chunk. */
export interface OpenedExternal {
  chunk: ExternalChunk;
  metadata: Record<string, unknown>;
  recipientKid: string;
  signer: SignerInfo | null;
}

/** What `openStream` resolves to once the whole envelope verified. */
export interface OpenInfo {
  metadata: Record<string, unknown>;
  recipientKid: string;
  signer: SignerInfo | null;
}
