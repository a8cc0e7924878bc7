"""Check-digit algorithms for the evaluation set, written from domain.md §5 (not from
src/detect). `generate.py` uses them to build valid identifiers and to make sure that
decoys fail every validator; `generate.py --self-test` runs the published vectors.

Every function takes the compact form (separators removed) as a str.
"""

import hashlib

# ---------------------------------------------------------------- generic algorithms


def luhn_ok(s):
    if not s.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_digit(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return c
    raise ValueError(body)


def alnum_val(ch):
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def mod97(s):
    r = 0
    for ch in s:
        v = alnum_val(ch)
        r = (r * (10 if v < 10 else 100) + v) % 97
    return r


def iso7064_11_10_digit(body):
    p = 10
    for ch in body:
        s = (int(ch) + p) % 10
        if s == 0:
            s = 10
        p = (2 * s) % 11
    return str((11 - p) % 10)


def icao_digit(field):
    w = (7, 3, 1)
    total = 0
    for i, ch in enumerate(field):
        v = 0 if ch == "<" else alnum_val(ch)
        total += v * w[i % 3]
    return str(total % 10)


VD = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
VP = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 2, 1, 5, 6, 8, 3, 9],
]


def verhoeff_ok(s):
    c = 0
    for i, ch in enumerate(reversed(s)):
        c = VD[c][VP[i % 8][int(ch)]]
    return c == 0


def verhoeff_digit(body):
    for c in "0123456789":
        if verhoeff_ok(body + c):
            return c
    raise ValueError(body)


def weighted(s, weights):
    return sum(int(c) * w for c, w in zip(s, weights))


# ---------------------------------------------------------------- Keccak-256 (EIP-55)

_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [
    [0, 36, 3, 41, 18],
    [1, 44, 10, 45, 2],
    [62, 6, 43, 15, 61],
    [28, 55, 25, 21, 56],
    [27, 20, 39, 8, 14],
]
_M = (1 << 64) - 1


def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & _M if n else x


def _keccak_f(a):
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(data):
    """Original Keccak-256 (pad 0x01), as Ethereum uses it; not NIST SHA3-256."""
    rate = 136
    msg = bytearray(data)
    msg.append(0x01)
    while len(msg) % rate:
        msg.append(0)
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        a = _keccak_f(a)
    out = b""
    for i in range(4):
        x, y = i % 5, i // 5
        out += a[x][y].to_bytes(8, "little")
    return out


def eip55(hex40):
    low = hex40.lower()
    h = keccak256(low.encode()).hex()
    return "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(low))


# ---------------------------------------------------------------- Bitcoin

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58check_encode(payload):
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    raw = payload + chk
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(raw) - len(raw.lstrip(b"\0"))
    return "1" * pad + out


def b58check_ok(s):
    try:
        n = 0
        for ch in s:
            n = n * 58 + B58.index(ch)
    except ValueError:
        return False
    pad = len(s) - len(s.lstrip("1"))
    raw = b"\0" * pad + (n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b"")
    if len(raw) < 5:
        return False
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _hrp_expand(hrp):
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convertbits(data, frombits, tobits):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for v in data:
        acc = (acc << frombits) | v
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def segwit_encode(hrp, version, program):
    const = 1 if version == 0 else 0x2BC830A3
    data = [version] + _convertbits(program, 8, 5)
    pm = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def segwit_ok(s):
    low = s.lower()
    if s != low and s != s.upper():
        return False
    if "1" not in low:
        return False
    hrp, data = low.rsplit("1", 1)
    if hrp not in ("bc", "tb") or any(c not in BECH for c in data) or len(data) < 7:
        return False
    d = [BECH.index(c) for c in data]
    pm = _polymod(_hrp_expand(hrp) + d)
    return (d[0] == 0 and pm == 1) or (1 <= d[0] <= 16 and pm == 0x2BC830A3)


# ---------------------------------------------------------------- national identifiers (validators)


def nhs_ok(s):
    if len(s) != 10 or not s.isdigit():
        return False
    c = 11 - weighted(s[:9], range(10, 1, -1)) % 11
    c = 0 if c == 11 else c
    return c != 10 and int(s[9]) == c


def nir_ok(s):
    if len(s) != 15:
        return False
    t = s[:5] + {"2A": "19", "2B": "18"}.get(s[5:7], s[5:7]) + s[7:]
    return t.isdigit() and 97 - int(t[:13]) % 97 == int(t[13:])


def detax_ok(s):
    if len(s) != 11 or not s.isdigit() or s[0] == "0":
        return False
    counts = [s[:10].count(d) for d in "0123456789"]
    return sum(1 for c in counts if c >= 2) == 1 and max(counts) <= 3 and iso7064_11_10_digit(s[:10]) == s[10]


CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def cf_check(s15):
    total = 0
    for i, ch in enumerate(s15):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        total += CF_ODD[v] if i % 2 == 0 else v
    return chr(65 + total % 26)


def cf_ok(s):
    return len(s) == 16 and s.isalnum() and s == s.upper() and cf_check(s[:15]) == s[15]


DNI = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_ok(s):
    return len(s) == 9 and s[:8].isdigit() and DNI[int(s[:8]) % 23] == s[8]


def nie_ok(s):
    return len(s) == 9 and s[0] in "XYZ" and s[1:8].isdigit() and dni_ok(str("XYZ".index(s[0])) + s[1:])


def bsn_ok(s):
    if len(s) != 9 or not s.isdigit():
        return False
    return (weighted(s[:8], range(9, 1, -1)) - int(s[8])) % 11 == 0 and int(s) > 0


def be_ok(s):
    if len(s) != 11 or not s.isdigit():
        return False
    n, cc = int(s[:9]), int(s[9:])
    return 97 - n % 97 == cc or 97 - (2000000000 + n) % 97 == cc


def pesel_ok(s):
    if len(s) != 11 or not s.isdigit():
        return False
    return (10 - weighted(s[:10], [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10 == int(s[10])


def se_ok(s):
    if not s.isdigit() or len(s) not in (10, 12):
        return False
    return luhn_ok(s[-10:])


HETU = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu_ok(s):
    return len(s) == 11 and s[:6].isdigit() and s[7:10].isdigit() and HETU[int(s[:6] + s[7:10]) % 31] == s[10]


def _mod11(body, weights):
    c = 11 - weighted(body, weights) % 11
    return 0 if c == 11 else (None if c == 10 else c)


def fnr_ok(s):
    if len(s) != 11 or not s.isdigit():
        return False
    k1 = _mod11(s[:9], [3, 7, 6, 1, 8, 9, 4, 5, 2])
    k2 = _mod11(s[:10], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    return k1 is not None and k2 is not None and k1 == int(s[9]) and k2 == int(s[10])


def svnr_ok(s):
    if len(s) != 10 or not s.isdigit() or s[0] == "0":
        return False
    return weighted(s, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11 == int(s[3])


def rc_ok(s):
    return len(s) == 10 and s.isdigit() and (int(s[:9]) % 11) % 10 == int(s[9])


def cnp_ok(s):
    if len(s) != 13 or not s.isdigit():
        return False
    r = weighted(s[:12], [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
    return (1 if r == 10 else r) == int(s[12])


def nif_pt_ok(s):
    if len(s) != 9 or not s.isdigit() or s[0] not in "1235689":
        return False
    c = 11 - weighted(s[:8], range(9, 1, -1)) % 11
    return (0 if c >= 10 else c) == int(s[8])


PPS = "WABCDEFGHIJKLMNOPQRSTUV"


def pps_ok(s):
    if len(s) not in (8, 9) or not s[:7].isdigit():
        return False
    total = weighted(s[:7], range(8, 1, -1))
    if len(s) == 9:
        if s[8] in "ABH":
            total += 9 * PPS.index(s[8])
        elif s[8] not in "WTX":
            return False
    return PPS[total % 23] == s[7]


def sin_ok(s):
    return len(s) == 9 and s.isdigit() and s[0] not in "08" and luhn_ok(s)


def tfn_ok(s):
    return len(s) == 9 and s.isdigit() and weighted(s, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0


def aadhaar_ok(s):
    return len(s) == 12 and s.isdigit() and s[0] in "23456789" and s != s[::-1] and verhoeff_ok(s)


VIN_T = {c: v for c, v in zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9])}
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin_digit(s17):
    total = sum((int(c) if c.isdigit() else VIN_T[c]) * w for c, w in zip(s17, VIN_W))
    r = total % 11
    return "X" if r == 10 else str(r)


def vin_ok(s):
    return len(s) == 17 and all(c in "0123456789" or c in VIN_T for c in s) and vin_digit(s) == s[8]


def iban_ok(s):
    return len(s) >= 15 and s[:2].isalpha() and s[2:4].isdigit() and mod97(s[4:] + s[:4]) == 1


def card_ok(s):
    return 12 <= len(s) <= 19 and s.isdigit() and luhn_ok(s)


def idcard_ok(s):
    return len(s) == 10 and s.isalnum() and s[9].isdigit() and icao_digit(s[:9]) == s[9]


# Every checksum validator, by the entity it validates: a decoy must fail all of them.
VALIDATORS = {
    "IBAN": iban_ok,
    "CREDIT_CARD": card_ok,
    "IMEI": lambda s: len(s) == 15 and luhn_ok(s),
    "UK_NHS": nhs_ok,
    "FR_NIR": nir_ok,
    "DE_TAX_ID": detax_ok,
    "DE_ID_CARD": idcard_ok,
    "IT_FISCAL_CODE": cf_ok,
    "ES_DNI": dni_ok,
    "ES_NIE": nie_ok,
    "NL_BSN": bsn_ok,
    "BE_NRN": be_ok,
    "PL_PESEL": pesel_ok,
    "SE_PERSONNUMMER": se_ok,
    "FI_HETU": hetu_ok,
    "NO_FNR": fnr_ok,
    "AT_SVNR": svnr_ok,
    "CZ_BIRTH_NUMBER": rc_ok,
    "RO_CNP": cnp_ok,
    "PT_NIF": nif_pt_ok,
    "IE_PPSN": pps_ok,
    "CA_SIN": sin_ok,
    "AU_TFN": tfn_ok,
    "IN_AADHAAR": aadhaar_ok,
    "VIN": vin_ok,
    "BTC_ADDRESS": lambda s: b58check_ok(s) or segwit_ok(s),
}


def passes_any(compact):
    """Names of the validators that accept `compact` (upper-cased where relevant)."""
    up = compact.upper()
    return [k for k, f in VALIDATORS.items() if f(compact) or f(up)]


def self_test():
    """The published vectors of domain.md §5 (recomputed there, §5.9)."""
    assert luhn_ok("4111111111111111") and luhn_ok("354178036859789")
    assert iban_ok("DE89370400440532013000") and iban_ok("GB82WEST12345698765432")
    assert iban_ok("BE68539007547034") and iban_ok("GR1601101250000000012300695")
    assert icao_digit("L898902C3") == "6" and icao_digit("740812") == "2" and icao_digit("120415") == "9"
    assert nhs_ok("9434765870") and nir_ok("295109912611193") and nir_ok("253072B07300470")
    assert detax_ok("36574261809") and cf_ok("RCCMNL83S18D969H")
    assert dni_ok("54362315K") and nie_ok("X2482300W") and bsn_ok("111222333")
    assert be_ok("85073003328") and be_ok("17073003384") and pesel_ok("44051401359")
    assert se_ok("8803200016") and hetu_ok("131052-308T") and fnr_ok("15108695088")
    assert svnr_ok("1237010180") and rc_ok("7103192745") and cnp_ok("1630615123457")
    assert nif_pt_ok("501964843") and pps_ok("6433435F") and pps_ok("6433435OA")
    assert sin_ok("123456782") and tfn_ok("123456782") and aadhaar_ok("234123412346")
    assert vin_ok("1G4AH59H45G118341") and vin_ok("1M8GDM9AXKP042788")
    assert b58check_ok("1NEDqZPvTWRaoho48qXuLLsrYomMXPABfD")
    assert not b58check_ok("1NEDqZPvTWRaoho48qXuLLsrYomMXPABfE")
    assert segwit_ok("bc1qardv855yjngspvxuttq897aqca3lxju2y69jce")
    assert segwit_ok("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")
    for a in [
        "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]:
        assert eip55(a) == a, a
    # The MRZ specimen of ICAO Doc 9303 Part 4 (composite 0).
    l2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert icao_digit(l2[0:10] + l2[13:20] + l2[21:43]) == "0"
