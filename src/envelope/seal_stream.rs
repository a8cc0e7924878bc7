//! Streaming seal: header first, then 64 KiB chunks as plaintext arrives, then the trailer.

use rand_core::CryptoRng;
use sha2::{Digest as _, Sha256};
use zeroize::{Zeroize as _, Zeroizing};

use super::chunk::{CHUNK_SIZE, ChunkCipher, SEALED_CHUNK_LEN, TAG_LEN};
use super::header::{self, MAX_RECIPIENTS, SALT_LEN};
use super::schedule::{self, KEY_LEN};
use super::signing::SigningKey;
use super::{SealOptions, wrap};
use crate::error::{Error, ErrorCode, Result};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Finished,
    Failed,
}

/// Seals a payload of any length with bounded memory: it buffers at most one chunk
/// ([`CHUNK_SIZE`] bytes of plaintext, zeroized on drop).
///
/// `new` returns the header bytes; each `push` returns the chunks it completed; `finish`
/// returns the final chunk and the trailer. Concatenated, they are exactly what
/// [`super::seal_with_rng`] returns for the same input and RNG.
pub struct SealStream {
    chunks: ChunkCipher,
    payload_key: Zeroizing<[u8; KEY_LEN]>,
    buffer: Zeroizing<Vec<u8>>,
    header_digest: [u8; 32],
    /// Digest of the chunk bytes, kept only when the envelope is signed.
    payload_hash: Option<Sha256>,
    signer: Option<SigningKey>,
    state: State,
}

impl SealStream {
    /// Starts an envelope with randomness from the operating system.
    ///
    /// # Errors
    /// As [`SealStream::new_with_rng`], and [`ErrorCode::RandomUnavailable`].
    pub fn new(opts: &SealOptions) -> Result<(Self, Vec<u8>)> {
        let mut rng = super::OsSeed::draw(opts.recipients.len())?;
        let out = Self::new_with_rng(opts, &mut rng)?;
        rng.check_not_overrun()?;
        Ok(out)
    }

    /// Starts an envelope, drawing the content key, the salt and every HPKE ephemeral key
    /// from `rng`, in that order.
    ///
    /// # Errors
    /// [`ErrorCode::InvalidArgument`] for no recipients or one recipient twice,
    /// [`ErrorCode::TooManyRecipients`] above [`MAX_RECIPIENTS`],
    /// [`ErrorCode::HeaderTooLarge`] if the metadata JSON exceeds its limit.
    pub fn new_with_rng<R: CryptoRng + ?Sized>(
        opts: &SealOptions,
        rng: &mut R,
    ) -> Result<(Self, Vec<u8>)> {
        // `&mut R` is a sized CryptoRng (rand_core's DerefMut impl), so it can go behind `dyn`.
        Self::start(opts, &mut &mut *rng)
    }

    /// [`SealStream::new_with_rng`] for one RNG type only: the HPKE code below is generic
    /// over the RNG, and the module seals with two (the system's and the test hooks' seeded
    /// one), which linked it twice.
    fn start(opts: &SealOptions, rng: &mut dyn CryptoRng) -> Result<(Self, Vec<u8>)> {
        let recipients = &opts.recipients;
        if recipients.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "an envelope needs at least one recipient",
            ));
        }
        if recipients.len() > MAX_RECIPIENTS {
            return Err(Error::new(
                ErrorCode::TooManyRecipients,
                format!(
                    "{} recipients, at most {MAX_RECIPIENTS} allowed",
                    recipients.len()
                ),
            ));
        }
        for (i, r) in recipients.iter().enumerate() {
            if recipients
                .iter()
                .take(i)
                .any(|o| o.thumbprint() == r.thumbprint())
            {
                return Err(Error::new(
                    ErrorCode::InvalidArgument,
                    format!("recipient {} is listed twice", r.kid()),
                ));
            }
        }
        let metadata = serde_json::to_vec(&opts.metadata)
            .map_err(|e| Error::new(ErrorCode::InvalidArgument, format!("metadata: {e}")))?;

        // Zeroizing: the content key unlocks the whole payload.
        let mut content_key = Zeroizing::new([0u8; KEY_LEN]);
        rng.fill_bytes(content_key.as_mut_slice());
        let mut salt = [0u8; SALT_LEN];
        rng.fill_bytes(&mut salt);
        let stanzas = recipients
            .iter()
            .map(|r| wrap::wrap(r, &content_key, rng))
            .collect::<Result<Vec<_>>>()?;

        let signer_pk = opts.signer.as_ref().map(SigningKey::public_bytes);
        let mut head = header::encode_unmacced(&salt, &metadata, &stanzas, signer_pk.as_ref())?;
        let keys = schedule::derive(&content_key, &salt)?;
        let mac = schedule::header_mac(&keys.mac, &head)?;
        head.extend_from_slice(&mac);

        let stream = Self {
            chunks: ChunkCipher::new(&keys.payload),
            payload_key: keys.payload.clone(),
            buffer: Zeroizing::new(Vec::with_capacity(CHUNK_SIZE)),
            header_digest: Sha256::digest(&head).into(),
            payload_hash: opts.signer.as_ref().map(|_| Sha256::new()),
            signer: opts.signer.clone(),
            state: State::Open,
        };
        Ok((stream, head))
    }

    fn check_open(&self) -> Result<()> {
        match self.state {
            State::Open => Ok(()),
            State::Finished => Err(Error::new(
                ErrorCode::StreamState,
                "the seal stream is already finished",
            )),
            State::Failed => Err(Error::new(
                ErrorCode::StreamState,
                "the seal stream failed earlier",
            )),
        }
    }

    /// Seals the buffered plaintext, then wipes the buffer (keeping its allocation).
    fn emit_buffer(&mut self, is_final: bool, out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        let sealed = self.chunks.seal(&self.buffer, is_final, out);
        self.buffer.zeroize();
        self.after_emit(sealed, start, out)
    }

    fn emit_slice(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        let sealed = self.chunks.seal(data, false, out);
        self.after_emit(sealed, start, out)
    }

    fn after_emit(&mut self, sealed: Result<()>, start: usize, out: &[u8]) -> Result<()> {
        if sealed.is_err() {
            self.state = State::Failed;
        }
        sealed?;
        if let Some(h) = self.payload_hash.as_mut() {
            h.update(out.get(start..).unwrap_or_default());
        }
        Ok(())
    }

    /// Adds plaintext; returns the sealed chunks it completed (possibly none). A full chunk is
    /// sealed only once more data follows it, because the last chunk carries the final flag.
    ///
    /// # Errors
    /// [`ErrorCode::StreamState`] after `finish` or an earlier failure.
    pub fn push(&mut self, data: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(data.len() + data.len() / CHUNK_SIZE * TAG_LEN + TAG_LEN);
        self.push_into(data, &mut out)?;
        Ok(out)
    }

    /// [`SealStream::push`], appending to `out` (saves a copy in one-shot [`super::seal`]).
    pub(crate) fn push_into(&mut self, mut data: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.check_open()?;
        while !data.is_empty() {
            if self.buffer.len() == CHUNK_SIZE {
                self.emit_buffer(false, out)?;
            }
            if self.buffer.is_empty() && data.len() > CHUNK_SIZE {
                // Whole chunks straight from the input: no copy into the buffer.
                let (chunk, rest) = data.split_at_checked(CHUNK_SIZE).unwrap_or((data, &[]));
                self.emit_slice(chunk, out)?;
                data = rest;
                continue;
            }
            let room = CHUNK_SIZE.saturating_sub(self.buffer.len());
            let (now, rest) = data.split_at_checked(room).unwrap_or((data, &[]));
            self.buffer.extend_from_slice(now);
            data = rest;
        }
        Ok(())
    }

    /// Seals the buffered rest as the final chunk and appends the trailer (the signature, if
    /// the options had a signer). An empty payload gives one empty final chunk.
    ///
    /// # Errors
    /// [`ErrorCode::StreamState`] if called twice or after a failure.
    pub fn finish(&mut self) -> Result<Vec<u8>> {
        self.check_open()?;
        let mut out = Vec::with_capacity(self.buffer.len() + TAG_LEN + 64);
        self.emit_buffer(true, &mut out)?;
        out.extend_from_slice(&self.trailer());
        self.state = State::Finished;
        Ok(out)
    }

    fn trailer(&self) -> Vec<u8> {
        match &self.signer {
            None => Vec::new(),
            Some(key) => {
                let hash = self.payload_hash.clone().unwrap_or_default();
                let payload_digest: [u8; 32] = hash.finalize().into();
                let msg = schedule::signature_message(&self.header_digest, &payload_digest);
                key.sign(&msg).to_vec()
            }
        }
    }

    /// **Deliberate export** of the payload key, for the JavaScript WebCrypto fast path only:
    /// import it with `crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt"])`
    /// (non-extractable) and wipe the JS copy. Whoever holds it can read and forge every
    /// chunk of this envelope (but no other envelope, and not the header MAC key).
    #[must_use]
    pub fn payload_key_for_webcrypto(&self) -> Zeroizing<[u8; 32]> {
        self.payload_key.clone()
    }

    /// Index of the next chunk to seal: the WebCrypto path passes
    /// [`super::chunk::nonce_for`]`(index, is_final)` as the `iv`.
    #[must_use]
    pub fn next_chunk_index(&self) -> u64 {
        self.chunks.next_index()
    }

    /// Accepts a chunk sealed elsewhere (WebCrypto) with the payload key, the nonce of
    /// [`SealStream::next_chunk_index`] and [`super::chunk::CHUNK_AAD`]. Enforces the framing:
    /// a non-final chunk is exactly [`SEALED_CHUNK_LEN`] bytes, a final one at most that and
    /// empty only as the sole chunk. Returns the trailer when `is_final`, else nothing; the
    /// caller writes its own chunk bytes to the output.
    ///
    /// # Errors
    /// [`ErrorCode::StreamState`] if plaintext pushed with [`SealStream::push`] is still
    /// buffered or the stream is finished; [`ErrorCode::InvalidArgument`] for a chunk of the
    /// wrong length.
    pub fn accept_sealed_chunk(&mut self, sealed: &[u8], is_final: bool) -> Result<Vec<u8>> {
        self.accept(sealed.len(), Some(sealed), is_final)
    }

    /// `true` if the envelope is signed: the WebCrypto path must then pass every sealed
    /// chunk's bytes ([`SealStream::accept_sealed_chunk`]) for the payload digest, else its
    /// length is enough ([`SealStream::accept_sealed_len`]).
    #[must_use]
    pub fn needs_chunk_bytes(&self) -> bool {
        self.payload_hash.is_some()
    }

    /// [`SealStream::accept_sealed_chunk`] for an unsigned envelope, from the chunk's length
    /// alone: nothing needs its bytes, so the caller does not copy them here.
    ///
    /// # Errors
    /// As [`SealStream::accept_sealed_chunk`]; [`ErrorCode::StreamState`] if the envelope is
    /// signed.
    pub fn accept_sealed_len(&mut self, len: usize, is_final: bool) -> Result<Vec<u8>> {
        if self.needs_chunk_bytes() {
            return Err(Error::new(
                ErrorCode::StreamState,
                "a signed envelope needs each sealed chunk's bytes (accept_sealed_chunk)",
            ));
        }
        self.accept(len, None, is_final)
    }

    fn accept(&mut self, len: usize, sealed: Option<&[u8]>, is_final: bool) -> Result<Vec<u8>> {
        self.check_open()?;
        if !self.buffer.is_empty() {
            return Err(Error::new(
                ErrorCode::StreamState,
                "plaintext pushed into this stream is still buffered; finish or keep using push",
            ));
        }
        let ok_len = if is_final {
            (TAG_LEN..=SEALED_CHUNK_LEN).contains(&len)
                && (len > TAG_LEN || self.chunks.next_index() == 0)
        } else {
            len == SEALED_CHUNK_LEN
        };
        if !ok_len {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                format!(
                    "a {} sealed chunk of {} bytes; expected {}",
                    if is_final { "final" } else { "non-final" },
                    len,
                    if is_final {
                        "17..=65552 bytes (16 only as the only chunk)"
                    } else {
                        "exactly 65552 bytes"
                    }
                ),
            ));
        }
        if let Some(h) = self.payload_hash.as_mut() {
            let Some(sealed) = sealed else {
                return Err(Error::new(
                    ErrorCode::StreamState,
                    "a signed envelope needs each sealed chunk's bytes",
                ));
            };
            h.update(sealed);
        }
        self.chunks.advance(is_final)?;
        if is_final {
            self.state = State::Finished;
            Ok(self.trailer())
        } else {
            Ok(Vec::new())
        }
    }
}
