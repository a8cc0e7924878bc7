//! Streaming open: header, then chunks released only after their tag verified, then trailer.

use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use zeroize::{Zeroize as _, Zeroizing};

use super::chunk::{ChunkCipher, ExternalChunk, SEALED_CHUNK_LEN, TAG_LEN, nonce_for};
use super::header::{self, FIXED_LEN, MAGIC};
use super::jwk::b64u;
use super::keys::PrivateKey;
use super::schedule::{self, KEY_LEN};
use super::signing::{self, SIGNATURE_LEN};
use super::{Opened, wrap};
use crate::error::{Error, ErrorCode, Result};

/// Where the stream is. `Body` holds everything learnt from the verified header.
enum State {
    Header(PrivateKey),
    Body(Box<Body>),
    Finished,
    Failed,
}

struct Body {
    chunks: ChunkCipher,
    payload_key: Zeroizing<[u8; KEY_LEN]>,
    header_digest: [u8; 32],
    /// Digest of the chunk bytes, kept only when there is a signature to check.
    payload_hash: Option<Sha256>,
    signer: Option<[u8; 32]>,
    metadata: Map<String, Value>,
    recipient_kid: String,
    /// How the chunks are opened; fixed by the first call after the header.
    mode: Option<Mode>,
    /// [`Mode::External`]: body bytes the caller holds that are not yet in an announced chunk.
    held: usize,
    /// [`Mode::External`]: non-final chunks announced, and (signed envelopes) digested.
    announced: u64,
    digested: u64,
}

/// Who decrypts the chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Here, from bytes given to [`OpenStream::push`].
    Internal,
    /// The caller (WebCrypto), from bytes it keeps itself: only their count comes in
    /// ([`OpenStream::push_external`]), so the bulk of the payload is never copied into wasm.
    External,
}

impl Body {
    fn trailer_len(&self) -> usize {
        if self.signer.is_some() {
            SIGNATURE_LEN
        } else {
            0
        }
    }
}

/// Opens an envelope as its bytes arrive, with memory bounded by one chunk plus the header.
///
/// `push` returns the plaintext of every chunk whose tag verified — never part of a chunk,
/// and never a chunk that might be the final one, since only `finish` can know that. The
/// payload is complete and authentic (and the signature, if any, verified) only when
/// `finish` returns `Ok`: a caller that acts on pushed plaintext earlier must be ready to
/// discard it.
pub struct OpenStream {
    state: State,
    buf: Vec<u8>,
}

impl OpenStream {
    /// A stream that opens with `key`.
    #[must_use]
    pub fn new(key: &PrivateKey) -> Self {
        Self {
            state: State::Header(key.clone()),
            buf: Vec::new(),
        }
    }

    fn fail<T>(&mut self, e: Error) -> Result<T> {
        self.state = State::Failed;
        self.buf.zeroize();
        Err(e)
    }

    /// Feeds envelope bytes; returns the plaintext of the chunks that completed and verified.
    ///
    /// # Errors
    /// `NotAnEnvelope`, `UnsupportedVersion`, `HeaderTooLarge`, `TooManyRecipients`,
    /// `NotARecipient` from the header, else `DecryptFailed`; `StreamState` after `finish`
    /// or a failure (a failed stream stays failed).
    pub fn push(&mut self, data: &[u8]) -> Result<Vec<u8>> {
        // Zeroizing, and sized up front (the plaintext is never longer than the input) so no
        // reallocation leaves an unwiped copy behind if a later chunk fails.
        let mut out = Zeroizing::new(Vec::with_capacity(data.len()));
        self.push_into(data, &mut out)?;
        Ok(core::mem::take(&mut *out))
    }

    /// [`OpenStream::push`], appending to `out`; on error `out` may hold verified chunks of
    /// this call, which the caller must wipe and drop.
    pub(crate) fn push_into(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<()> {
        match self.feed(data, out) {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }

    /// WebCrypto path, step 1: feeds bytes to the header only, and returns how many of `data`
    /// it took — all of them while the header is incomplete, then only its last bytes. The
    /// caller keeps the rest, the payload, and goes on with [`OpenStream::push_external`]
    /// once [`OpenStream::header_ready`] says so.
    ///
    /// # Errors
    /// As [`OpenStream::push`] for the header.
    pub fn push_header(&mut self, data: &[u8]) -> Result<usize> {
        match self.take_header(data) {
            Ok(n) => Ok(n),
            Err(e) => self.fail(e),
        }
    }

    /// `true` once the header verified: the payload key, the metadata and the framing are
    /// known.
    #[must_use]
    pub fn header_ready(&self) -> bool {
        matches!(self.state, State::Body(_))
    }

    /// WebCrypto path: `true` if the envelope is signed, so every chunk announced by
    /// [`OpenStream::push_external`] must also be given, in order, to
    /// [`OpenStream::digest_external`] (the signature covers the ciphertext).
    #[must_use]
    pub fn needs_chunk_bytes(&self) -> bool {
        matches!(&self.state, State::Body(b) if b.signer.is_some())
    }

    /// WebCrypto path, step 2: `len` more payload bytes arrived, which the caller keeps.
    /// Returns the nonces of the chunks now known to be complete and not final, in order:
    /// each is the next [`SEALED_CHUNK_LEN`] bytes the caller holds, to decrypt with
    /// `crypto.subtle` under the payload key, nonce and no additional data. The framing
    /// rules (chunk lengths, which chunk is final, the trailer) stay here: a chunk is known
    /// not to be final once more bytes follow it than the final chunk and the trailer can
    /// take.
    ///
    /// # Errors
    /// `StreamState` before the header verified, after `finish`, after a failure, or if
    /// [`OpenStream::push`] was used; `DecryptFailed` if the chunk counter is exhausted.
    pub fn push_external(&mut self, len: usize) -> Result<Vec<[u8; 12]>> {
        let r = body_in(&mut self.state, Mode::External).and_then(|body| {
            body.held = body
                .held
                .checked_add(len)
                .ok_or_else(Error::decrypt_failed)?;
            let keep = SEALED_CHUNK_LEN + body.trailer_len();
            let mut nonces = Vec::new();
            while body.held > keep {
                let index = body
                    .chunks
                    .advance(false)
                    .map_err(|_| Error::decrypt_failed())?;
                nonces.push(nonce_for(index, false));
                body.held -= SEALED_CHUNK_LEN;
                body.announced += 1;
            }
            Ok(nonces)
        });
        r.or_else(|e| self.fail(e))
    }

    /// WebCrypto path, signed envelopes: the bytes of the next announced chunk, in order,
    /// for the payload digest the signature covers.
    ///
    /// # Errors
    /// `StreamState` if the envelope is not signed, or every announced chunk was already
    /// given; `InvalidArgument` if `sealed` is not [`SEALED_CHUNK_LEN`] bytes long.
    pub fn digest_external(&mut self, sealed: &[u8]) -> Result<()> {
        let r = body_in(&mut self.state, Mode::External).and_then(|body| {
            let Some(h) = body.payload_hash.as_mut() else {
                return Err(Error::new(
                    ErrorCode::StreamState,
                    "the envelope is not signed: no chunk digest to feed",
                ));
            };
            if body.digested >= body.announced {
                return Err(Error::new(
                    ErrorCode::StreamState,
                    "every announced chunk was already digested",
                ));
            }
            if sealed.len() != SEALED_CHUNK_LEN {
                return Err(Error::new(
                    ErrorCode::InvalidArgument,
                    format!(
                        "expected a sealed chunk of {SEALED_CHUNK_LEN} bytes, got {}",
                        sealed.len()
                    ),
                ));
            }
            h.update(sealed);
            body.digested += 1;
            Ok(())
        });
        r.or_else(|e| self.fail(e))
    }

    /// Takes header bytes from the front of `data` until the header is complete and
    /// verified; returns how many it took (0 once the header is done).
    fn take_header(&mut self, data: &[u8]) -> Result<usize> {
        let mut taken = 0;
        while matches!(self.state, State::Header(_)) {
            // Take only the header's bytes into the buffer, so that a huge push cannot grow it
            // beyond MAX_HEADER_LEN.
            let want = header::check_prefix(&self.buf)?.unwrap_or(FIXED_LEN);
            let missing = want.saturating_sub(self.buf.len());
            if missing == 0 {
                let State::Header(key) = &self.state else {
                    return Err(Error::new(ErrorCode::Internal, "open stream state"));
                };
                let body = open_header(key, &self.buf)?;
                self.buf.clear();
                self.state = State::Body(Box::new(body));
                break;
            }
            let rest = data.get(taken..).unwrap_or_default();
            if rest.is_empty() {
                break;
            }
            let now = rest.get(..missing).unwrap_or(rest);
            self.buf.extend_from_slice(now);
            taken += now.len();
        }
        Ok(taken)
    }

    fn feed(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<()> {
        let taken = self.take_header(data)?;
        let mut data = data.get(taken..).unwrap_or_default();
        if matches!(self.state, State::Header(_)) {
            return Ok(());
        }
        let body = body_in(&mut self.state, Mode::Internal)?;
        // Everything beyond `keep` bytes proves the first chunk is not the final one: the final
        // chunk (at most SEALED_CHUNK_LEN) is followed only by the fixed-size trailer.
        let keep = SEALED_CHUNK_LEN + body.trailer_len();
        loop {
            if self.buf.len() + data.len() <= keep {
                self.buf.extend_from_slice(data);
                return Ok(());
            }
            // The next SEALED_CHUNK_LEN bytes of buf ‖ data are a complete non-final chunk.
            // Only the part of a chunk that spans two pushes is copied into `buf`; whole
            // chunks are opened where they are.
            if self.buf.is_empty() {
                let (sealed, rest) = data
                    .split_at_checked(SEALED_CHUNK_LEN)
                    .ok_or_else(Error::decrypt_failed)?;
                take_chunk(body, sealed, out)?;
                data = rest;
            } else if self.buf.len() >= SEALED_CHUNK_LEN {
                // Only with a trailer: buf held more than one chunk's worth.
                let sealed = self
                    .buf
                    .get(..SEALED_CHUNK_LEN)
                    .ok_or_else(Error::decrypt_failed)?;
                take_chunk(body, sealed, out)?;
                self.buf.drain(..SEALED_CHUNK_LEN);
            } else {
                let need = SEALED_CHUNK_LEN - self.buf.len();
                let (now, rest) = data
                    .split_at_checked(need)
                    .ok_or_else(Error::decrypt_failed)?;
                self.buf.extend_from_slice(now);
                data = rest;
                take_chunk(body, &self.buf, out)?;
                self.buf.clear();
            }
        }
    }

    /// Ends the stream: the rest must be exactly one final chunk and the trailer. Returns the
    /// final chunk's plaintext (only after the signature, if any, verified) with the
    /// metadata, the recipient kid and the signer.
    ///
    /// # Errors
    /// `DecryptFailed` if the final chunk is missing, damaged or followed by extra bytes;
    /// `SignatureInvalid` if a signature is present but wrong; `NotAnEnvelope` if the input
    /// ended inside the magic; `StreamState` if used twice.
    pub fn finish(&mut self) -> Result<Opened> {
        match self.finish_inner(Mode::Internal) {
            Ok((opened, _)) => Ok(opened),
            Err(e) => self.fail(e),
        }
    }

    /// WebCrypto path, step 3: `rest` is every byte the caller still holds (the final chunk
    /// and the trailer). Checks the final chunk's length, that every announced chunk was
    /// digested, and the signature (over the ciphertext, so it verifies before anything is
    /// decrypted); returns the final chunk for the caller to decrypt, with the envelope
    /// information (an empty `plaintext`). The open succeeded only if the caller's
    /// decryption of this and every earlier chunk succeeded.
    ///
    /// # Errors
    /// As [`OpenStream::finish`]; `InvalidArgument` if `rest` is not as long as the bytes
    /// counted by [`OpenStream::push_external`] and not yet announced; `StreamState` if an
    /// announced chunk of a signed envelope was not digested.
    pub fn finish_external(&mut self, rest: &[u8]) -> Result<(ExternalChunk, Opened)> {
        let check = match body_in(&mut self.state, Mode::External) {
            Ok(body) if rest.len() != body.held => Err(Error::new(
                ErrorCode::InvalidArgument,
                format!(
                    "expected the {} bytes held after the last announced chunk, got {}",
                    body.held,
                    rest.len()
                ),
            )),
            Ok(body) if body.signer.is_some() && body.digested != body.announced => {
                Err(Error::new(
                    ErrorCode::StreamState,
                    "an announced chunk was not given to digest_external",
                ))
            }
            // Before the header (or after the end) finish_inner gives the precise error.
            Ok(_) | Err(_) => Ok(()),
        };
        if let Err(e) = check {
            return self.fail(e);
        }
        if matches!(self.state, State::Body(_)) {
            self.buf.clear();
            self.buf.extend_from_slice(rest);
        }
        match self.finish_inner(Mode::External) {
            Ok((opened, Some(chunk))) => Ok((chunk, opened)),
            Ok((_, None)) => self.fail(Error::new(ErrorCode::Internal, "no final chunk")),
            Err(e) => self.fail(e),
        }
    }

    fn finish_inner(&mut self, mode: Mode) -> Result<(Opened, Option<ExternalChunk>)> {
        let state = core::mem::replace(&mut self.state, State::Finished);
        let mut body = match state {
            State::Body(body) => body,
            State::Header(_) => {
                let within_magic = self.buf.len() < MAGIC.len();
                return Err(if within_magic {
                    Error::new(ErrorCode::NotAnEnvelope, "the data ended before the magic")
                } else {
                    Error::decrypt_failed()
                });
            }
            State::Finished | State::Failed => {
                return Err(Error::new(
                    ErrorCode::StreamState,
                    "the open stream is finished or failed",
                ));
            }
        };
        if *body.mode.get_or_insert(mode) != mode {
            return Err(Error::new(
                ErrorCode::StreamState,
                "finish and finish_external must match push and push_external",
            ));
        }
        let rest = Zeroizing::new(core::mem::take(&mut self.buf));
        let final_len = rest
            .len()
            .checked_sub(body.trailer_len())
            .ok_or_else(Error::decrypt_failed)?;
        let (sealed, trailer) = rest
            .split_at_checked(final_len)
            .ok_or_else(Error::decrypt_failed)?;
        // An empty final chunk is valid only as the only chunk (the empty payload), so that
        // every plaintext has exactly one encoding.
        if sealed.len() < TAG_LEN || (sealed.len() == TAG_LEN && body.chunks.next_index() > 0) {
            return Err(Error::decrypt_failed());
        }
        let mut tail = Zeroizing::new(Vec::new());
        let mut ext = None;
        if let Some(h) = body.payload_hash.as_mut() {
            h.update(sealed);
        }
        if mode == Mode::External {
            let index = body
                .chunks
                .advance(true)
                .map_err(|_| Error::decrypt_failed())?;
            ext = Some(ExternalChunk {
                index,
                is_final: true,
                nonce: nonce_for(index, true),
                sealed: sealed.to_vec(),
            });
        } else {
            body.chunks.open(sealed, true, &mut tail)?;
        }
        let signer = match body.signer {
            None => None,
            Some(pk) => {
                let hash = body.payload_hash.clone().unwrap_or_default();
                let payload_digest: [u8; 32] = hash.finalize().into();
                let msg = schedule::signature_message(&body.header_digest, &payload_digest);
                Some(signing::verify(&pk, &msg, trailer)?)
            }
        };
        let body = *body;
        let opened = Opened {
            plaintext: core::mem::take(&mut *tail),
            metadata: body.metadata,
            recipient_kid: body.recipient_kid,
            signer,
        };
        Ok((opened, ext))
    }

    /// **Deliberate export** of the payload key for the WebCrypto path (import it
    /// non-extractable, for `decrypt` only). Available once the header verified.
    ///
    /// # Errors
    /// `StreamState` before the header is complete or after the stream ended.
    pub fn payload_key_for_webcrypto(&self) -> Result<Zeroizing<[u8; 32]>> {
        match &self.state {
            State::Body(body) => Ok(body.payload_key.clone()),
            _ => Err(Error::new(
                ErrorCode::StreamState,
                "the payload key is known only between a verified header and finish",
            )),
        }
    }

    /// The authenticated metadata, once the header verified (before the payload did).
    #[must_use]
    pub fn metadata(&self) -> Option<&Map<String, Value>> {
        match &self.state {
            State::Body(body) => Some(&body.metadata),
            _ => None,
        }
    }
}

/// The body, claiming `mode` for the stream if this is the first body call.
fn body_in(state: &mut State, mode: Mode) -> Result<&mut Body> {
    let State::Body(body) = state else {
        return Err(Error::new(
            ErrorCode::StreamState,
            "the header is not verified yet, or the open stream is finished or failed",
        ));
    };
    if *body.mode.get_or_insert(mode) != mode {
        return Err(Error::new(
            ErrorCode::StreamState,
            "push and push_external cannot be mixed in one stream",
        ));
    }
    Ok(body)
}

/// Hashes a sealed non-final chunk into the signature digest (if any), then opens it.
fn take_chunk(body: &mut Body, sealed: &[u8], out: &mut Vec<u8>) -> Result<()> {
    if let Some(h) = body.payload_hash.as_mut() {
        h.update(sealed);
    }
    body.chunks.open(sealed, false, out)
}

/// Verifies a complete header for `key`, in the order FORMAT.md §5 prescribes.
fn open_header(key: &PrivateKey, bytes: &[u8]) -> Result<Body> {
    let h = header::parse(bytes)?;
    let stanza = h
        .stanzas
        .iter()
        .find(|s| &s.kid == key.public_key().thumbprint())
        .ok_or_else(|| {
            Error::new(
                ErrorCode::NotARecipient,
                format!("no recipient stanza for key {}", key.kid()),
            )
        })?;
    // From here on every failure is the one opaque DecryptFailed.
    let content_key = wrap::unwrap(key, stanza)?;
    let keys = schedule::derive(&content_key, &h.salt)?;
    schedule::verify_header_mac(&keys.mac, h.mac_input, h.mac)?;
    // Parsed only once authenticated: unauthenticated JSON never reaches the parser.
    // Read as a `Value` from text, then required to be an object: deserialising a `Map`
    // directly would link serde's typed-mismatch messages (whose float printing alone was
    // ~10 KB of gzipped wasm) for an error dropped here anyway, and reading from bytes a
    // second copy of the JSON parser (every other JSON input arrives as text). Invalid
    // UTF-8 is refused either way (a JSON string must be UTF-8; outside strings any
    // non-ASCII byte is a syntax error).
    let Ok(Ok(Value::Object(metadata))) =
        core::str::from_utf8(h.metadata).map(serde_json::from_str::<Value>)
    else {
        return Err(Error::decrypt_failed());
    };
    Ok(Body {
        chunks: ChunkCipher::new(&keys.payload),
        payload_key: keys.payload.clone(),
        header_digest: Sha256::digest(bytes).into(),
        payload_hash: h.signer.map(|_| Sha256::new()),
        signer: h.signer,
        metadata,
        recipient_kid: b64u(&stanza.kid),
        mode: None,
        held: 0,
        announced: 0,
        digested: 0,
    })
}
