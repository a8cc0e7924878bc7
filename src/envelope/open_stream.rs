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
    /// `Some(true)`: chunks are decrypted elsewhere (WebCrypto); fixed at the first chunk.
    external: Option<bool>,
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
        let mut ext = Vec::new();
        match self.feed(data, false, out, &mut ext) {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }

    /// WebCrypto path: like [`OpenStream::push`], but returns the framed non-final chunks for
    /// the caller to decrypt with the payload key; the order, the lengths and the signature
    /// digest are still enforced here. The caller MUST stop and discard everything if any
    /// `crypto.subtle.decrypt` rejects.
    ///
    /// # Errors
    /// As [`OpenStream::push`]; `StreamState` if the stream already used `push` for chunks.
    pub fn push_external(&mut self, data: &[u8]) -> Result<Vec<ExternalChunk>> {
        let mut out = Zeroizing::new(Vec::new());
        let mut ext = Vec::new();
        match self.feed(data, true, &mut out, &mut ext) {
            Ok(()) => Ok(ext),
            Err(e) => self.fail(e),
        }
    }

    fn feed(
        &mut self,
        mut data: &[u8],
        external: bool,
        out: &mut Vec<u8>,
        ext: &mut Vec<ExternalChunk>,
    ) -> Result<()> {
        if matches!(self.state, State::Header(_)) {
            // Take only the header's bytes into the buffer, so that a huge push cannot grow it
            // beyond MAX_HEADER_LEN.
            loop {
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
                if data.is_empty() {
                    return Ok(());
                }
                let (now, rest) = data.split_at_checked(missing).unwrap_or((data, &[]));
                self.buf.extend_from_slice(now);
                data = rest;
            }
        }
        let State::Body(body) = &mut self.state else {
            return Err(Error::new(
                ErrorCode::StreamState,
                "the open stream is finished or failed",
            ));
        };
        if *body.external.get_or_insert(external) != external {
            return Err(Error::new(
                ErrorCode::StreamState,
                "push and push_external cannot be mixed in one stream",
            ));
        }
        // Everything beyond `keep` bytes proves the first chunk is not the final one: the final
        // chunk (at most SEALED_CHUNK_LEN) is followed only by the fixed-size trailer.
        let keep = SEALED_CHUNK_LEN + body.trailer_len();
        loop {
            let room = (keep + 1).saturating_sub(self.buf.len());
            let (now, rest) = data.split_at_checked(room).unwrap_or((data, &[]));
            self.buf.extend_from_slice(now);
            data = rest;
            if self.buf.len() <= keep {
                return Ok(());
            }
            let sealed = self
                .buf
                .get(..SEALED_CHUNK_LEN)
                .ok_or_else(Error::decrypt_failed)?;
            take_chunk(body, sealed, false, out, ext)?;
            self.buf.drain(..SEALED_CHUNK_LEN);
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
        match self.finish_inner(false) {
            Ok((opened, _)) => Ok(opened),
            Err(e) => self.fail(e),
        }
    }

    /// WebCrypto path of [`OpenStream::finish`]: returns the final chunk for the caller to
    /// decrypt, and the envelope information (with an empty `plaintext`). The signature is
    /// over the ciphertext, so it is already verified here; the open succeeded only if the
    /// caller's decryption of this and every earlier chunk succeeded.
    ///
    /// # Errors
    /// As [`OpenStream::finish`].
    pub fn finish_external(&mut self) -> Result<(ExternalChunk, Opened)> {
        match self.finish_inner(true) {
            Ok((opened, Some(chunk))) => Ok((chunk, opened)),
            Ok((_, None)) => self.fail(Error::new(ErrorCode::Internal, "no final chunk")),
            Err(e) => self.fail(e),
        }
    }

    fn finish_inner(&mut self, external: bool) -> Result<(Opened, Option<ExternalChunk>)> {
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
        if *body.external.get_or_insert(external) != external {
            return Err(Error::new(
                ErrorCode::StreamState,
                "finish and finish_external must match push and push_external",
            ));
        }
        let rest = core::mem::take(&mut self.buf);
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
        let mut ext = Vec::new();
        take_chunk(&mut body, sealed, true, &mut tail, &mut ext)?;
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
        Ok((opened, ext.pop()))
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

/// Hashes a sealed chunk into the signature digest, then opens it (or hands it out).
fn take_chunk(
    body: &mut Body,
    sealed: &[u8],
    is_final: bool,
    out: &mut Vec<u8>,
    ext: &mut Vec<ExternalChunk>,
) -> Result<()> {
    if let Some(h) = body.payload_hash.as_mut() {
        h.update(sealed);
    }
    if body.external == Some(true) {
        let index = body
            .chunks
            .advance(is_final)
            .map_err(|_| Error::decrypt_failed())?;
        ext.push(ExternalChunk {
            index,
            is_final,
            nonce: nonce_for(index, is_final),
            sealed: sealed.to_vec(),
        });
        Ok(())
    } else {
        body.chunks.open(sealed, is_final, out)
    }
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
    let metadata: Map<String, Value> =
        serde_json::from_slice(h.metadata).map_err(|_| Error::decrypt_failed())?;
    Ok(Body {
        chunks: ChunkCipher::new(&keys.payload),
        payload_key: keys.payload.clone(),
        header_digest: Sha256::digest(bytes).into(),
        payload_hash: h.signer.map(|_| Sha256::new()),
        signer: h.signer,
        metadata,
        recipient_kid: b64u(&stanza.kid),
        external: None,
    })
}
