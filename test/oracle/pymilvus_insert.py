"""Replays a corpus through pymilvus ``MilvusClient.insert()`` / ``.upsert()`` against a sink.

Usage: pymilvus_insert.py CORPUS_JSON PORT

CORPUS_JSON is one case or ``{"cases": [case, ...]}``. A case is::

    {
      "collection_name": "c_name",      # default "oracle"; unique per case in a multi-case corpus
      "op": "insert" | "upsert",        # default "insert"
      "partition_name": "p",            # optional
      "db_name": "db",                  # optional: MilvusClient(uri, db_name=...) for this case
      "partial_update": true,           # optional, upsert only
      "schema": {"fields": [...], "enable_dynamic_field": false},   # see test/fakes/capture_sink.py
      "rows": [ {field: value, ...}, ... ]   # or one row object
    }

Values JSON cannot express are tagged as single-key objects (the same tags are decoded on the
TypeScript side of the differential tests, into the value noted after the arrow):

    {"$bytes": "<base64>"}        Python bytes                  -> Uint8Array
    {"$f16": [numbers]}           numpy float16 array           -> number[]   (we encode to half bytes)
    {"$bf16": [numbers]}          numpy bfloat16 array via ml_dtypes when importable; otherwise the
                                  bfloat16 bytes computed here (``bfloat16_bits``: float64 rounded
                                  once to nearest even) and a ``NOTE`` line on stderr
                                                                -> number[]
    {"$int8": [numbers]}          numpy int8 array              -> Int8Array
    {"$int8list": [numbers]}      numpy int8 array              -> number[]
    {"$f32": [numbers]}           numpy float32 array           -> Float32Array
    {"$sparse": {"3": 0.5}}       dict with int keys            -> {3: 0.5}
    {"$sparse": [[7, 0.5], [2, 1]]}  dict in that (unsorted) order -> Map in that order
    {"$int": "123456789012345678"}  exact Python int            -> bigint
    {"$intstr": "-9007199254740993"}  exact Python int          -> the decimal string
    {"$datetime": "2025-01-02T03:04:05+00:00"}  datetime.fromisoformat -> Date
                                  (pymilvus 3.0.2 rejects a datetime for Timestamptz; kept for probing)

Tags are decoded recursively inside lists and dicts (so a row of an Array field may hold
``{"$int": ...}`` elements). Prints one JSON line per case on stdout:
``{"collection_name": ..., "ok": true, "result": {...}}`` or ``{"ok": false, "error": "..."}``.
"""

import base64
import datetime
import json
import math
import sys
from fractions import Fraction

import numpy as np
from pymilvus import MilvusClient

try:
    import ml_dtypes  # type: ignore
except ImportError:  # pragma: no cover - depends on the environment
    ml_dtypes = None


def bfloat16_bits(v):
    """float64 -> bfloat16 bits, rounded once to nearest even (exact arithmetic, no float32 detour)."""
    sign = 0x8000 if math.copysign(1.0, v) < 0 else 0
    if math.isnan(v):
        return sign | 0x7FC0
    if math.isinf(v):
        return sign | 0x7F80
    if v == 0:
        return sign
    e = math.frexp(abs(v))[1] - 1  # floor(log2 |v|)
    if e > 127:
        return sign | 0x7F80
    lsb = max(e, -126) - 7  # weight of the last kept mantissa bit
    q = round(Fraction(abs(v)) / Fraction(2) ** lsb)  # Fraction rounds half to even
    # Subnormals and the lowest binade share the grid 2^-133, where the bits are q itself.
    bits = q if e < -126 else ((e + 127) << 7) + (q - 128)
    return sign | min(bits, 0x7F80)


def bfloat16_bytes(values):
    """bfloat16 little-endian bytes of a list of numbers."""
    return b"".join(bfloat16_bits(float(v)).to_bytes(2, "little") for v in values)


NOTES = set()


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag == "$bytes":
            return base64.b64decode(inner)
        if tag == "$f16":
            return np.array(inner, dtype=np.float16)
        if tag == "$bf16":
            if ml_dtypes is not None:
                return np.array(inner, dtype=ml_dtypes.bfloat16)
            NOTES.add("NOTE ml_dtypes is not importable: $bf16 rows are sent as bytes computed here")
            return bfloat16_bytes(inner)
        if tag in ("$int8", "$int8list"):
            return np.array(inner, dtype=np.int8)
        if tag == "$f32":
            return np.array(inner, dtype=np.float32)
        if tag == "$sparse":
            pairs = inner if isinstance(inner, list) else inner.items()
            return {int(k): float(v) for k, v in pairs}
        if tag in ("$int", "$intstr"):
            return int(inner)
        if tag == "$datetime":
            return datetime.datetime.fromisoformat(inner)
    return {k: decode(v) for k, v in value.items()}


def run_case(client, case):
    name = case.get("collection_name", "oracle")
    rows = decode(case["rows"])
    kwargs = {}
    if case.get("partition_name"):
        kwargs["partition_name"] = case["partition_name"]
    if case.get("op", "insert") == "upsert":
        if "partial_update" in case:
            kwargs["partial_update"] = case["partial_update"]
        result = client.upsert(name, rows, **kwargs)
    else:
        result = client.insert(name, rows, **kwargs)
    return {k: (list(v) if k == "ids" else v) for k, v in dict(result).items()}


def main():
    corpus_path, port = sys.argv[1], int(sys.argv[2])
    with open(corpus_path, encoding="utf-8") as f:
        corpus = json.load(f)
    cases = corpus["cases"] if "cases" in corpus else [corpus]
    clients = {}
    for case in cases:
        db_name = case.get("db_name", "")
        if db_name not in clients:
            clients[db_name] = MilvusClient(uri=f"http://127.0.0.1:{port}", db_name=db_name)
        line = {"collection_name": case.get("collection_name", "oracle")}
        try:
            line.update(ok=True, result=run_case(clients[db_name], case))
        except Exception as e:  # reported per case; the caller decides what is expected
            line.update(ok=False, error=f"{type(e).__name__}: {e}")
        print(json.dumps(line, default=str), flush=True)
    for note in sorted(NOTES):
        print(note, file=sys.stderr, flush=True)
    for client in clients.values():
        client.close()


if __name__ == "__main__":
    main()
