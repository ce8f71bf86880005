"""Code128 for printable ASCII, encoded here: code set B for text, C for digit pairs, chosen
optimally, so a waybill of digits gets the shortest (widest-barred) symbol.

Our own encoder because reportlab's barcode package imports all of its widgets and platypus on
first use (~60 ms of the first label's budget), and we only need the bar widths.
"""

from __future__ import annotations

from functools import lru_cache

# Widths of bar, space, bar, space, bar, space for symbol values 0..105, then the stop symbol.
PATTERNS = (
    '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
    '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
    '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
    '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
    '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
    '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
    '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
    '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
    '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
    '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
    '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
)  # fmt: skip
START_B, START_C, STOP = 104, 105, 106
TO_C, TO_B = 99, 100  # "code C" in set B, "code B" in set C


def encodable(value: str) -> bool:
    return bool(value) and all(32 <= ord(ch) <= 126 for ch in value)


@lru_cache(maxsize=4096)
def encode(value: str) -> tuple[int, ...]:
    """Symbol values: start, data, checksum, stop. `value` must be printable ASCII."""
    if not encodable(value):
        raise ValueError(f"not printable ASCII: {value!r}")
    codes = [START_C if _plan(value)[0] == "C" else START_B]
    mode = _plan(value)[0]
    i = 0
    for step in _plan(value):
        if step != mode:
            codes.append(TO_C if step == "C" else TO_B)
            mode = step
        if step == "C":
            codes.append(int(value[i : i + 2]))
            i += 2
        else:
            codes.append(ord(value[i]) - 32)
            i += 1
    check = (codes[0] + sum(k * c for k, c in enumerate(codes[1:], start=1))) % 103
    return (*codes, check, STOP)


@lru_cache(maxsize=4096)
def _plan(value: str) -> tuple[str, ...]:
    """The cheapest sequence of steps ("B": one character, "C": two digits), by dynamic programming."""
    n = len(value)
    inf = (10**9, ())
    # best[i][mode]: (cost, steps) to encode value[i:] when the current set is `mode`
    best: list[dict[str, tuple[int, tuple[str, ...]]]] = [{"B": inf, "C": inf} for _ in range(n + 1)]
    best[n] = {"B": (0, ()), "C": (0, ())}
    for i in range(n - 1, -1, -1):
        for mode in ("B", "C"):
            options = []
            for step in ("B", "C"):
                if step == "C" and not (i + 1 < n and value[i : i + 2].isdigit()):
                    continue
                cost, rest = best[i + (2 if step == "C" else 1)][step]
                options.append((cost + 1 + (step != mode), (step, *rest)))
            best[i][mode] = min(options, default=inf)
    return min(best[0]["B"], best[0]["C"])[1]


def modules(value: str) -> int:
    """Width of the symbol in modules (no quiet zones)."""
    return sum(int(w) for code in encode(value) for w in PATTERNS[code])


def bars(value: str) -> list[tuple[int, int]]:
    """(first module, width in modules) of every bar, left to right."""
    out, pos = [], 0
    for code in encode(value):
        for k, w in enumerate(PATTERNS[code]):
            if k % 2 == 0:
                out.append((pos, int(w)))
            pos += int(w)
    return out
