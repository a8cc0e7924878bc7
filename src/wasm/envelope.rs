//! Bindings of the envelope: keys as JWK, one-shot `seal`/`open`, and the stream classes
//! that js/stream.js drives (with WebCrypto for the bulk chunks where it exists).

use js_sys::Uint8Array;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use super::convert::{self, ObjectBuilder};
use super::error::{invalid_argument, to_js};
use super::types;
use crate::envelope::{self, Opened, SealOptions, SignerInfo, chunk};

fn err(e: crate::Error) -> JsValue {
    to_js(&e)
}

fn u8a(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// Generates an X25519 key pair for a receiving agency: `publicJwk` to publish, `privateJwk`
/// to keep. Both carry `kid`, the RFC 7638 thumbprint. The private JWK is a plain JS object
/// that cannot be wiped; to keep a private key inside wasm, use `PrivateKey.generate()`.
#[wasm_bindgen(js_name = generateKeyPair, unchecked_return_type = "KeyPair")]
pub fn generate_key_pair() -> Result<JsValue, JsValue> {
    let key = envelope::PrivateKey::generate().map_err(err)?;
    let public = types::to_js(&key.to_jwk())?;
    let private = types::to_js(&key.to_private_jwk())?;
    ObjectBuilder::new()
        .set("publicJwk", &public)?
        .set("privateJwk", &private)
        .map(ObjectBuilder::build)
}

/// An X25519 private key held inside wasm memory and zeroized when freed. Call `free()`
/// (or use `using`) when done; the key never leaves wasm unless `toPrivateJwk()` is called.
#[wasm_bindgen(js_name = PrivateKey)]
pub struct JsPrivateKey {
    inner: envelope::PrivateKey,
}

#[wasm_bindgen(js_class = PrivateKey)]
impl JsPrivateKey {
    /// A fresh key from the platform's secure random generator.
    pub fn generate() -> Result<JsPrivateKey, JsValue> {
        Ok(Self {
            inner: envelope::PrivateKey::generate().map_err(err)?,
        })
    }

    /// Imports a private JWK (`kty: "OKP"`, `crv: "X25519"`, `x`, `d`); checks every member
    /// and that `x` is the public key of `d`.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "Jwk")] jwk: JsValue,
    ) -> Result<JsPrivateKey, JsValue> {
        Ok(Self {
            inner: private_key(&jwk)?,
        })
    }

    /// The key id: the RFC 7638 thumbprint of the public key (base64url).
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> String {
        self.inner.kid()
    }

    /// The public JWK to publish.
    #[wasm_bindgen(js_name = publicJwk, unchecked_return_type = "Jwk")]
    pub fn public_jwk(&self) -> Result<JsValue, JsValue> {
        types::to_js(&self.inner.to_jwk())
    }

    /// **Exports the private key** as a JWK. The returned JS object holds the secret and
    /// cannot be wiped; prefer keeping the key in this object.
    #[wasm_bindgen(js_name = toPrivateJwk, unchecked_return_type = "Jwk")]
    pub fn to_private_jwk(&self) -> Result<JsValue, JsValue> {
        types::to_js(&self.inner.to_private_jwk())
    }

    /// An `OpenStream` that opens with this key (the key stays in wasm).
    pub fn opener(&self) -> JsOpenStream {
        JsOpenStream {
            inner: envelope::OpenStream::new(&self.inner),
        }
    }

    /// Opens an envelope with this key (as the `open` function).
    #[wasm_bindgen(unchecked_return_type = "Opened")]
    pub fn open(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = convert::byte_array(&envelope, "envelope")?;
        opened_to_js(envelope::open(&bytes, &self.inner).map_err(err)?, true)
    }
}

/// An X25519 public key of a recipient, validated (including low-order points).
#[wasm_bindgen(js_name = PublicKey)]
pub struct JsPublicKey {
    inner: envelope::PublicKey,
}

#[wasm_bindgen(js_class = PublicKey)]
impl JsPublicKey {
    /// Imports a public JWK (`kty: "OKP"`, `crv: "X25519"`, `x`).
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "Jwk")] jwk: JsValue,
    ) -> Result<JsPublicKey, JsValue> {
        Ok(Self {
            inner: public_key(&jwk)?,
        })
    }

    /// The key id: the RFC 7638 thumbprint (base64url).
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> String {
        self.inner.kid()
    }

    /// The JWK, with `kid`.
    #[wasm_bindgen(js_name = toJwk, unchecked_return_type = "Jwk")]
    pub fn to_jwk(&self) -> Result<JsValue, JsValue> {
        types::to_js(&self.inner.to_jwk())
    }
}

fn private_key(jwk: &JsValue) -> Result<envelope::PrivateKey, JsValue> {
    let value = Value::Object(convert::object(jwk, "private key JWK")?);
    envelope::PrivateKey::from_jwk(&value).map_err(err)
}

fn public_key(jwk: &JsValue) -> Result<envelope::PublicKey, JsValue> {
    let value = Value::Object(convert::object(jwk, "public key JWK")?);
    envelope::PublicKey::from_jwk(&value).map_err(err)
}

/// Reads `{ recipients, metadata?, signingKey? }`. The options cross as JSON text (see
/// `convert`), so getters and proxies run inside `JSON.stringify`, never under wasm frames.
pub(super) fn seal_options(options: &JsValue) -> Result<SealOptions, JsValue> {
    let mut options = convert::object(options, "options")?;
    let recipients = match options.remove("recipients") {
        Some(Value::Array(list)) => list,
        other => {
            return Err(invalid_argument(&format!(
                "options.recipients: expected an array of public JWKs, got {}",
                other.as_ref().map_or("nothing", convert::json_type)
            )));
        }
    };
    if recipients.len() > crate::limits::MAX_RECIPIENTS {
        return Err(to_js(&crate::Error::new(
            crate::ErrorCode::TooManyRecipients,
            format!(
                "{} recipients; at most {} are allowed",
                recipients.len(),
                crate::limits::MAX_RECIPIENTS
            ),
        )));
    }
    let recipients = recipients
        .iter()
        .map(|jwk| envelope::PublicKey::from_jwk(jwk).map_err(err))
        .collect::<Result<Vec<_>, _>>()?;
    let mut metadata = match options.remove("metadata") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map,
        Some(other) => {
            return Err(invalid_argument(&format!(
                "options.metadata: expected an object, got {}",
                convert::json_type(&other)
            )));
        }
    };
    if let Some(redaction) = options.remove("redaction") {
        bind_redaction(&mut metadata, &redaction)?;
    }
    let signer = match options.remove("signingKey") {
        None | Some(Value::Null) => None,
        Some(jwk) => Some(envelope::SigningKey::from_jwk(&jwk).map_err(err)?),
    };
    Ok(SealOptions {
        recipients,
        metadata,
        signer,
    })
}

/// Binds a `redactText`/`redactJson` result into the metadata: its policy fingerprint, its
/// audit digest and the conditions that must travel with the data. The header MAC then
/// authenticates them, so the recipient can check the audit record it is given (or asks for)
/// against the digest. A conflicting value already in the metadata is an error, not an
/// overwrite.
fn bind_redaction(metadata: &mut Map<String, Value>, redaction: &Value) -> Result<(), JsValue> {
    let fingerprint = redaction
        .pointer("/audit/policy/fingerprint")
        .and_then(Value::as_str);
    let digest = redaction.get("auditDigest").and_then(Value::as_str);
    let (Some(fingerprint), Some(digest)) = (fingerprint, digest) else {
        return Err(invalid_argument(
            "options.redaction: expected the result of redactText or redactJson \
             (with audit.policy.fingerprint and auditDigest)",
        ));
    };
    let conditions = redaction
        .get("conditions")
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    for (key, value) in [
        ("policyFingerprint", Value::from(fingerprint)),
        ("auditDigest", Value::from(digest)),
        ("conditions", conditions),
    ] {
        match metadata.get(key) {
            Some(existing) if *existing != value => {
                return Err(invalid_argument(&format!(
                    "options.metadata.{key} differs from the redaction result's"
                )));
            }
            _ => {
                metadata.insert(key.to_owned(), value);
            }
        }
    }
    Ok(())
}

fn signer_to_js(signer: &SignerInfo) -> Result<JsValue, JsValue> {
    ObjectBuilder::new()
        .set("kid", &JsValue::from_str(&signer.kid))?
        .set("publicJwk", &types::to_js(&signer.public_jwk)?)
        .map(ObjectBuilder::build)
}

fn opened_to_js(opened: Opened, with_plaintext: bool) -> Result<JsValue, JsValue> {
    let mut obj = ObjectBuilder::new();
    if with_plaintext {
        obj = obj.set("plaintext", &u8a(&opened.plaintext))?;
    }
    let signer = match &opened.signer {
        Some(s) => signer_to_js(s)?,
        None => JsValue::NULL,
    };
    obj.set("metadata", &types::object_to_js(&opened.metadata)?)?
        .set("recipientKid", &JsValue::from_str(&opened.recipient_kid))?
        .set("signer", &signer)
        .map(ObjectBuilder::build)
}

/// Seals `plaintext` (bytes, or a string as UTF-8) to every recipient public JWK. The
/// metadata travels authenticated but readable by anyone who sees the envelope.
#[wasm_bindgen(js_name = seal)]
pub fn seal(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] plaintext: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SealOptions")] options: JsValue,
) -> Result<Uint8Array, JsValue> {
    let bytes = convert::bytes(&plaintext, "plaintext")?;
    let opts = seal_options(&options)?;
    let sealed = envelope::seal(&bytes, &opts).map_err(err)?;
    Ok(Uint8Array::from(sealed.as_slice()))
}

/// Opens an envelope with a private JWK; returns nothing but an error if anything about it
/// is wrong (every cause after finding the recipient's stanza is `DECRYPT_FAILED`).
#[wasm_bindgen(js_name = open, unchecked_return_type = "Opened")]
pub fn open(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] envelope: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Jwk")] private_jwk: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = convert::byte_array(&envelope, "envelope")?;
    let key = private_key(&private_jwk)?;
    opened_to_js(envelope::open(&bytes, &key).map_err(err)?, true)
}

/// Incremental sealing with bounded memory (at most one 64 KiB chunk buffered). Most code
/// wants `sealStream(readable, options)`, which drives this class and uses WebCrypto for the
/// chunks where it exists.
#[wasm_bindgen(js_name = SealStream)]
pub struct JsSealStream {
    inner: envelope::SealStream,
    header: Option<Vec<u8>>,
}

impl JsSealStream {
    /// Wraps a core stream and its header (for the test hooks).
    pub(super) fn from_parts(inner: envelope::SealStream, header: Vec<u8>) -> Self {
        Self {
            inner,
            header: Some(header),
        }
    }
}

#[wasm_bindgen(js_class = SealStream)]
impl JsSealStream {
    /// Starts an envelope to the recipients of `options`; `takeHeader()` gives its first bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SealOptions")] options: JsValue,
    ) -> Result<JsSealStream, JsValue> {
        let opts = seal_options(&options)?;
        let (inner, header) = envelope::SealStream::new(&opts).map_err(err)?;
        Ok(Self {
            inner,
            header: Some(header),
        })
    }

    /// The header bytes, to be written first (once).
    #[wasm_bindgen(js_name = takeHeader)]
    pub fn take_header(&mut self) -> Result<Uint8Array, JsValue> {
        self.header
            .take()
            .map(|h| Uint8Array::from(h.as_slice()))
            .ok_or_else(|| {
                to_js(&crate::Error::new(
                    crate::ErrorCode::StreamState,
                    "the header was already taken",
                ))
            })
    }

    /// Adds plaintext; returns the sealed chunks it completed (possibly empty).
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] data: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let data = convert::byte_array(&data, "data")?;
        let out = self.inner.push(&data).map_err(err)?;
        Ok(Uint8Array::from(out.as_slice()))
    }

    /// Seals the rest as the final chunk and returns it with the trailer (signature).
    pub fn finish(&mut self) -> Result<Uint8Array, JsValue> {
        let out = self.inner.finish().map_err(err)?;
        Ok(Uint8Array::from(out.as_slice()))
    }

    /// **Exports the payload key** of this envelope, for `crypto.subtle.importKey` (import it
    /// non-extractable and overwrite this array at once). Whoever holds it can read and
    /// forge this envelope's chunks (no other envelope's).
    #[wasm_bindgen(js_name = payloadKeyForWebCrypto)]
    pub fn payload_key_for_webcrypto(&self) -> Uint8Array {
        Uint8Array::from(self.inner.payload_key_for_webcrypto().as_slice())
    }

    /// Index of the next chunk (WebCrypto path).
    #[wasm_bindgen(js_name = nextChunkIndex)]
    pub fn next_chunk_index(&self) -> f64 {
        // Chunk indices stay far below 2^53 (that would be 2^69 bytes of payload).
        self.inner.next_chunk_index() as f64
    }

    /// Accepts a chunk sealed by WebCrypto with `nonceFor(nextChunkIndex(), isFinal)`;
    /// returns the trailer after the final chunk, else an empty array.
    #[wasm_bindgen(js_name = acceptSealedChunk)]
    pub fn accept_sealed_chunk(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] sealed: JsValue,
        #[wasm_bindgen(unchecked_param_type = "boolean")] is_final: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let sealed = convert::byte_array(&sealed, "sealed chunk")?;
        let is_final = convert::boolean(&is_final, "isFinal")?;
        let out = self
            .inner
            .accept_sealed_chunk(&sealed, is_final)
            .map_err(err)?;
        Ok(Uint8Array::from(out.as_slice()))
    }

    /// Whether `acceptSealedChunk` needs the chunk's bytes (signed envelopes); otherwise
    /// `acceptSealedLength` takes just its length, and the bytes are not copied into wasm.
    #[wasm_bindgen(js_name = needsChunkBytes)]
    pub fn needs_chunk_bytes(&self) -> bool {
        self.inner.needs_chunk_bytes()
    }

    /// `acceptSealedChunk` for an unsigned envelope, from the sealed chunk's length.
    #[wasm_bindgen(js_name = acceptSealedLength)]
    pub fn accept_sealed_length(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] length: JsValue,
        #[wasm_bindgen(unchecked_param_type = "boolean")] is_final: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let len = convert::safe_integer(&length, "length")?;
        let len = usize::try_from(len)
            .map_err(|_| invalid_argument("length: larger than this platform can count"))?;
        let is_final = convert::boolean(&is_final, "isFinal")?;
        let out = self.inner.accept_sealed_len(len, is_final).map_err(err)?;
        Ok(Uint8Array::from(out.as_slice()))
    }

    /// Plaintext bytes per chunk (65536).
    #[wasm_bindgen(js_name = chunkSize)]
    pub fn chunk_size() -> u32 {
        // 64 KiB fits a u32.
        u32::try_from(chunk::CHUNK_SIZE).unwrap_or(u32::MAX)
    }

    /// The AES-GCM nonce of chunk `index` (docs/FORMAT.md).
    #[wasm_bindgen(js_name = nonceFor)]
    pub fn nonce_for(
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "boolean")] is_final: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let is_final = convert::boolean(&is_final, "isFinal")?;
        let index = convert::safe_integer(&index, "index")?;
        Ok(Uint8Array::from(
            chunk::nonce_for(index, is_final).as_slice(),
        ))
    }
}

/// Incremental opening: plaintext of a chunk is returned only after its tag verified; the
/// envelope is complete and authentic only when `finish()` succeeds. Most code wants
/// `openStream(readable, privateKey)`.
#[wasm_bindgen(js_name = OpenStream)]
pub struct JsOpenStream {
    inner: envelope::OpenStream,
}

#[wasm_bindgen(js_class = OpenStream)]
impl JsOpenStream {
    /// Starts opening with a private JWK.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Jwk")] private_jwk: JsValue,
    ) -> Result<JsOpenStream, JsValue> {
        let key = private_key(&private_jwk)?;
        Ok(Self {
            inner: envelope::OpenStream::new(&key),
        })
    }

    /// Feeds envelope bytes; returns the verified plaintext of the chunks they completed.
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] data: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let data = convert::byte_array(&data, "data")?;
        let out = self.inner.push(&data).map_err(err)?;
        Ok(Uint8Array::from(out.as_slice()))
    }

    /// WebCrypto path, step 1: feeds bytes to the header only; returns how many of `data` it
    /// took. The caller keeps the rest (the payload) and, once `headerReady()`, counts it
    /// in with `pushExternal`.
    #[wasm_bindgen(js_name = pushHeader)]
    pub fn push_header(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] data: JsValue,
    ) -> Result<u32, JsValue> {
        // Only the header's bytes are needed: copying more into wasm would be wasted.
        let data = convert::byte_array_prefix(&data, "data", envelope::header::MAX_HEADER_LEN)?;
        let n = self.inner.push_header(&data).map_err(err)?;
        // At most MAX_HEADER_LEN: fits a u32.
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// WebCrypto path, step 2: `length` more payload bytes arrived, kept by the caller.
    /// Returns the 12-byte nonces (concatenated) of the chunks now known to be complete and
    /// not final: each is the next 65552 bytes the caller holds. The payload itself never
    /// enters wasm (unless the envelope is signed: see `needsChunkBytes`).
    #[wasm_bindgen(js_name = pushExternal)]
    pub fn push_external(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] length: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let len = convert::safe_integer(&length, "length")?;
        let len = usize::try_from(len)
            .map_err(|_| invalid_argument("length: larger than this platform can count"))?;
        let nonces = self.inner.push_external(len).map_err(err)?;
        Ok(Uint8Array::from(nonces.as_flattened()))
    }

    /// WebCrypto path: whether every announced chunk must also be passed, in order, to
    /// `digestExternal` (signed envelopes: the signature covers the ciphertext).
    #[wasm_bindgen(js_name = needsChunkBytes)]
    pub fn needs_chunk_bytes(&self) -> bool {
        self.inner.needs_chunk_bytes()
    }

    /// WebCrypto path, signed envelopes: the bytes of the next announced chunk.
    #[wasm_bindgen(js_name = digestExternal)]
    pub fn digest_external(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] sealed: JsValue,
    ) -> Result<(), JsValue> {
        let sealed = convert::byte_array(&sealed, "sealed chunk")?;
        self.inner.digest_external(&sealed).map_err(err)
    }

    /// Ends the envelope: verifies the final chunk and the signature; returns the last
    /// plaintext bytes with the metadata.
    #[wasm_bindgen(unchecked_return_type = "Opened")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        opened_to_js(self.inner.finish().map_err(err)?, true)
    }

    /// WebCrypto path, step 3: `rest` is every byte still held (the final chunk and the
    /// trailer). Verifies the signature, if any; returns `{ chunk, metadata, recipientKid,
    /// signer }`, the final chunk still to be decrypted by the caller.
    #[wasm_bindgen(js_name = finishExternal, unchecked_return_type = "OpenedExternal")]
    pub fn finish_external(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] rest: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rest = convert::byte_array(&rest, "rest")?;
        let (chunk, opened) = self.inner.finish_external(&rest).map_err(err)?;
        let obj = opened_to_js(opened, false)?;
        js_sys::Reflect::set(&obj, &JsValue::from_str("chunk"), &external_chunk(&chunk)?)
            .map_err(|_| invalid_argument("cannot build the result"))?;
        Ok(obj)
    }

    /// **Exports the payload key** once the header verified (WebCrypto path; import it
    /// non-extractable and overwrite this array at once).
    #[wasm_bindgen(js_name = payloadKeyForWebCrypto)]
    pub fn payload_key_for_webcrypto(&self) -> Result<Uint8Array, JsValue> {
        let key = self.inner.payload_key_for_webcrypto().map_err(err)?;
        Ok(Uint8Array::from(key.as_slice()))
    }

    /// Whether the header has verified (the payload key and metadata are known).
    #[wasm_bindgen(js_name = headerReady)]
    pub fn header_ready(&self) -> bool {
        self.inner.header_ready()
    }

    /// The authenticated metadata once the header verified, else `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown> | undefined")]
    pub fn metadata(&self) -> Result<JsValue, JsValue> {
        match self.inner.metadata() {
            Some(m) => types::object_to_js(m),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}

fn external_chunk(c: &chunk::ExternalChunk) -> Result<JsValue, JsValue> {
    // Chunk indices stay far below 2^53.
    #[allow(clippy::cast_precision_loss)]
    let index = c.index as f64;
    ObjectBuilder::new()
        .set("index", &JsValue::from_f64(index))?
        .set("isFinal", &JsValue::from_bool(c.is_final))?
        .set("nonce", &u8a(&c.nonce))?
        .set("sealed", &u8a(&c.sealed))
        .map(ObjectBuilder::build)
}
