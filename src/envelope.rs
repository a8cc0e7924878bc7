//! Seal and open: the multi-recipient envelope (HPKE key wrap + chunked AES-256-GCM).
