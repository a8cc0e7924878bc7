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
  /** Most JSON values in one `redactJson` input (`INPUT_TOO_LARGE`). */
  maxJsonNodes: number;
  /** Most allow- plus deny-list terms in one policy (`PATTERN_TOO_LARGE`). */
  maxTerms: number;
  /** Longest allow- or deny-list term, in bytes (`PATTERN_TOO_LARGE`). */
  maxTermBytes: number;
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
  /**
   * The `redactText`/`redactJson` result being sealed: its policy fingerprint, audit digest
   * and conditions are bound into the authenticated metadata (`policyFingerprint`,
   * `auditDigest`, `conditions`).
   */
  redaction?: { audit: { policy: { fingerprint: string } }; auditDigest: string; conditions?: string[] };
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

/** The final chunk, handed to WebCrypto by `OpenStream.finishExternal`. */
export interface ExternalChunk {
  index: number;
  isFinal: boolean;
  /** The AES-GCM `iv`. */
  nonce: Uint8Array;
  /** Ciphertext followed by the 16-byte tag. */
  sealed: Uint8Array;
}

/** `OpenStream.finishExternal(rest)`: the envelope's information and its final chunk. */
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

/** The entity types borderseal detects. */
export type EntityType =
  | "EMAIL"
  | "PHONE"
  | "IBAN"
  | "CREDIT_CARD"
  | "IP_ADDRESS"
  | "MAC_ADDRESS"
  | "IMEI"
  | "IMSI"
  | "PASSPORT_MRZ"
  | "PASSPORT_NUMBER"
  | "US_SSN"
  | "UK_NINO"
  | "UK_NHS"
  | "FR_NIR"
  | "DE_TAX_ID"
  | "DE_ID_CARD"
  | "IT_FISCAL_CODE"
  | "ES_DNI"
  | "ES_NIE"
  | "NL_BSN"
  | "BE_NRN"
  | "PL_PESEL"
  | "SE_PERSONNUMMER"
  | "FI_HETU"
  | "DK_CPR"
  | "NO_FNR"
  | "AT_SVNR"
  | "CZ_BIRTH_NUMBER"
  | "RO_CNP"
  | "PT_NIF"
  | "IE_PPSN"
  | "CA_SIN"
  | "AU_TFN"
  | "IN_AADHAAR"
  | "DATE_OF_BIRTH"
  | "PERSON"
  | "VIN"
  | "LICENSE_PLATE"
  | "BTC_ADDRESS"
  | "ETH_ADDRESS"
  | "URL"
  | "GPS_COORDINATES";

/** One piece of personal data found in a report. Offsets are UTF-16 code units (`text.slice(start, end)`). */
export interface Finding {
  /** The entity type, or `"FIELD"` for a whole-field rule of a JSON report. */
  entity: EntityType | "FIELD";
  start: number;
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  /** Id of the recognizer (`"iban"`, `"person"`, `"deny-list"`, …). */
  recognizer: string;
  /** Short machine-readable reason (`checksum:mod97`, `context:"passport"`); never the value. */
  reason: string;
  /** What the policy does (or did) with it: remove, label, mask, pseudonym, generalize, keep. */
  action: string;
  /** The policy rule that chose the action. */
  rule: string;
  /** JSON pointer of the string the offsets refer to (JSON reports only). */
  path?: string;
}

/** Where a report goes and how it is marked; decides which policy rules apply. */
export interface SendContext {
  /** Receiving organisation, as the sharing agreement names it. */
  recipient?: string;
  /** Receiving country, ISO 3166-1 alpha-2. */
  country?: string;
  /** Handling marking(s) of the input: `TLP:AMBER+STRICT`, `H1`, `MISP:1`, comma-separated. */
  marking?: string;
  /** Legal basis of the transfer, as the policy names it. */
  legalBasis?: string;
}

/** Options of `new Redactor(policy, options)`. */
export interface RedactorOptions {
  /** The agency's secret for keyed pseudonyms (HMAC-SHA-256), at least 32 bytes; wiped on `free()`. */
  pseudonymKey?: Uint8Array;
  /** The key's id, written into every pseudonym token and the audit record (never the key). */
  pseudonymKeyId?: string;
}

/** A policy document (see `policies/schema.json`); `id` and `version` are required. */
export interface Policy {
  id: string;
  version: string;
  [member: string]: unknown;
}

/** A built-in policy. */
export interface PolicyPreset {
  name: string;
  description: string;
}

/** One finding in an audit record: where and what, never the value. */
export interface AuditFinding {
  entity: string;
  path?: string;
  start: number;
  end: number;
  action: string;
  rule: string;
  recognizer: string;
  score: number;
}

/** The audit record of one run (schema `borderseal-audit/1`, see `schemas/audit.schema.json`). */
export interface AuditRecord {
  schema: "borderseal-audit/1";
  borderseal: string;
  policy: { id: string; version: string; fingerprint: string };
  context: { recipient: string | null; country: string | null; legalBasis: string | null; marking: string[] };
  pseudonym_key_id?: string;
  input: { kind: "text" | "json"; sha256: string; bytes: number };
  output: { kind: "text" | "json"; sha256: string; bytes: number };
  counts: Record<string, Record<string, number>>;
  findings: AuditFinding[];
  send_rules: string[];
  conditions: string[];
  reminted_ids?: number;
  /** `utf16` from the JavaScript API. */
  offsets: "utf8" | "utf16";
}

/** The result of `redactText`. */
export interface TextRedaction {
  text: string;
  findings: Finding[];
  audit: AuditRecord;
  /**
   * `sha256:<hex>` of the audit record's RFC 8785 form: bind it into the envelope's metadata.
   * `audit` comes in that form's member order, so the SHA-256 of `JSON.stringify(audit)`
   * (UTF-8) is this digest.
   */
  auditDigest: string;
  /** Conditions that must travel with the data (e.g. Europol H1). */
  conditions: string[];
}

/** The result of `redactJson`. */
export interface JsonRedaction {
  value: unknown;
  findings: Finding[];
  audit: AuditRecord;
  auditDigest: string;
  conditions: string[];
}
