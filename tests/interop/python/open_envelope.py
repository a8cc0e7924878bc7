"""An independent borderseal v1 reader written from docs/FORMAT.md, using pyca/cryptography (>= 48).

Usage: python3 tests/interop/python/open_envelope.py docs/vectors/*.json
Opens every vector's envelope with every recipient's private JWK and checks the plaintext,
the metadata, the intermediate values and (for signed vectors) the Ed25519 signature.
"""

import base64
import hashlib
import hmac
import json
import struct
import sys

from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.exceptions import InvalidSignature

CHUNK = 65536
SEALED = CHUNK + 16


def b64u_decode(s):
    if "=" in s:
        raise ValueError("padding is not allowed")
    raw = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != s:
        raise ValueError("non-canonical base64url")
    return raw


def thumbprint(x_b64u):  # FORMAT.md §2, RFC 7638
    return hashlib.sha256(('{"crv":"X25519","kty":"OKP","x":"%s"}' % x_b64u).encode()).digest()


def hkdf_extract(salt, ikm):  # RFC 5869 §2.2
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def open_envelope(env, jwk):
    # §5 steps 1-3
    if env[:8] != b"BRDRSEAL":
        raise ValueError("NOT_AN_ENVELOPE")
    if env[8] != 1 or env[9] & 0xFE or env[10:16] != bytes.fromhex("002000010002"):
        raise ValueError("UNSUPPORTED_VERSION")
    signed = env[9] & 1
    salt = env[16:32]
    m, n = struct.unpack(">IH", env[32:38])
    if m > 32768:
        raise ValueError("HEADER_TOO_LARGE")
    if n > 64:
        raise ValueError("TOO_MANY_RECIPIENTS")
    if n == 0:
        raise ValueError("NOT_A_RECIPIENT")
    # §3.2
    h = 38 + m + 112 * n + (32 if signed else 0) + 32
    if len(env) < h:
        raise ValueError("DECRYPT_FAILED")
    stanzas = [env[38 + m + 112 * i: 38 + m + 112 * (i + 1)] for i in range(n)]
    if len({s[:32] for s in stanzas}) != n:
        raise ValueError("DECRYPT_FAILED")
    kid = thumbprint(jwk["x"])
    mine = [s for s in stanzas if s[:32] == kid]
    if not mine:
        raise ValueError("NOT_A_RECIPIENT")
    stanza = mine[0]
    # §4.1: pyca takes enc || ct as one string and has no aad (ours is empty)
    sk = x25519.X25519PrivateKey.from_private_bytes(b64u_decode(jwk["d"]))
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
    cek = suite.decrypt(stanza[32:112], sk, info=b"borderseal/v1 wrap " + kid)
    assert len(cek) == 32
    # §4.2
    prk = hkdf_extract(salt, cek)
    payload_key = HKDFExpand(hashes.SHA256(), 32, b"borderseal/v1 payload key").derive(prk)
    mac_key = HKDFExpand(hashes.SHA256(), 32, b"borderseal/v1 header mac key").derive(prk)
    # §4.3
    if not hmac.compare_digest(hmac.new(mac_key, env[: h - 32], hashlib.sha256).digest(), env[h - 32: h]):
        raise ValueError("DECRYPT_FAILED")
    metadata = json.loads(env[38: 38 + m].decode("utf-8"))
    if not isinstance(metadata, dict):
        raise ValueError("DECRYPT_FAILED")
    # §4.4, §4.5
    t = 64 if signed else 0
    body = env[h: len(env) - t]
    if len(body) < 16:
        raise ValueError("DECRYPT_FAILED")
    aead = AESGCM(payload_key)
    out, i, pos = bytearray(), 0, 0
    while True:
        final = len(body) - pos <= SEALED
        chunk = body[pos:] if final else body[pos: pos + SEALED]
        if final and len(chunk) == 16 and i > 0:
            raise ValueError("DECRYPT_FAILED")
        nonce = i.to_bytes(11, "big") + (b"\x01" if final else b"\x00")
        out += aead.decrypt(nonce, chunk, b"")
        if final:
            break
        pos, i = pos + SEALED, i + 1
    if signed:
        pk = ed25519.Ed25519PublicKey.from_public_bytes(env[h - 64: h - 32])
        msg = b"borderseal/v1 signature " + hashlib.sha256(env[:h]).digest() + hashlib.sha256(body).digest()
        try:
            pk.verify(env[len(env) - 64:], msg)
        except InvalidSignature:
            raise ValueError("SIGNATURE_INVALID")
    return bytes(out), metadata, {"payload_key": payload_key, "mac_key": mac_key, "cek": cek, "h": h}


def main(paths):
    opened = 0
    for path in paths:
        v = json.load(open(path))
        env = bytes.fromhex(v["envelope_hex"])
        if "plaintext_hex" in v:
            pt = bytes.fromhex(v["plaintext_hex"])
        else:
            pt = bytes(i % 251 for i in range(v["plaintext_len"]))
        for r in v["recipients"]:
            got, meta, inter = open_envelope(env, r["private_jwk"])
            assert got == pt, path
            assert meta == v["metadata"], path
            iv = v["intermediate"]
            assert inter["cek"].hex() == iv["content_key_hex"]
            assert inter["payload_key"].hex() == iv["payload_key_hex"]
            assert inter["mac_key"].hex() == iv["header_mac_key_hex"]
            assert inter["h"] == iv["header_len"]
            assert base64.urlsafe_b64encode(thumbprint(r["public_jwk"]["x"])).rstrip(b"=").decode() == r["kid"]
            # A flipped bit in the last byte must be rejected (tag or signature).
            bad = bytearray(env)
            bad[-1] ^= 1
            try:
                open_envelope(bytes(bad), r["private_jwk"])
                raise AssertionError("tampered envelope opened")
            except Exception as e:  # noqa: BLE001 - any rejection is fine here
                assert not isinstance(e, AssertionError), e
            opened += 1
        print(f"ok {path}: {len(v['recipients'])} recipient(s), {len(pt)} bytes")
    print(f"{opened} openings verified with pyca/cryptography")


if __name__ == "__main__":
    main(sys.argv[1:])
