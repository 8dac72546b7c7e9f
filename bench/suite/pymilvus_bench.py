"""pymilvus side of `npm run bench`: times `MilvusClient.insert()` on one workload and prints the result.

Usage: pymilvus_bench.py SPEC_JSON

SPEC_JSON: {"workload": "W1", "rows": 10000, "uri": "http://127.0.0.1:PORT",
            "collection": "bench_w1", "iterations": 5, "warmup": 1, "sample_rows": [0, 9999]}

The rows are built here, before any timing, from the same generators as `bench/shared/data-gen.ts`
(``hash32`` is the same murmur3 finaliser, vectorised with numpy), so every client inserts the same
numbers. Values take the form a pymilvus user would pass: lists of floats for float vectors, ``bytes``
for binary vectors, numpy float16 rows for float16 vectors (pymilvus' documented input; given a list
it would send float32 data instead), ``{index: value}`` dicts for sparse vectors, and numpy float32
rows for the columnar workload (pymilvus has no columnar insert). For W4 and W6 the time to turn the
float lists into those numpy rows is reported as ``prepare_ms`` (outside the timed calls).

Measured like the Node cases: warm-up calls, ``gc.collect()``, the peak-RSS mark reset
(``/proc/self/clear_refs``), then ``iterations`` timed calls. Prints one line
``RESULT {json}`` with the per-call wall times (perf_counter), the process CPU time of the timed calls
(time.process_time, all threads), RSS before and peak RSS during them, the number of calls made,
and the canonical form of the rows in ``sample_rows`` (compared against the Node rows by the runner).
"""

import gc
import json
import sys
import time

import numpy as np

TWO_POW_32 = 4294967296.0
VECTOR, TITLE, PRICE, META, BINARY, SPARSE_INDEX, SPARSE_VALUE, EXTRA = range(1, 9)
SPARSE_NNZ, SPARSE_BUCKET = 50, 600
COLORS = ["red", "green", "blue", "black"]


def hash32(stream, index):
    """bench/shared/data-gen.ts hash32, over a numpy array of indices."""
    x = np.asarray(index, dtype=np.uint32) * np.uint32(0x9E3779B1)
    x ^= np.uint32(((stream + 1) * 0x85EBCA77) & 0xFFFFFFFF)
    x ^= x >> np.uint32(16)
    x *= np.uint32(0x85EBCA6B)
    x ^= x >> np.uint32(13)
    x *= np.uint32(0xC2B2AE35)
    x ^= x >> np.uint32(16)
    return x


def unit(stream, index):
    return hash32(stream, index).astype(np.float64) / TWO_POW_32


def dense(n, dim):
    return (unit(VECTOR, np.arange(n * dim)) * 2.0 - 1.0).reshape(n, dim)


def mixed_rows(n, dynamic):
    vectors = dense(n, 128)
    th = hash32(TITLE, np.arange(3 * n)).reshape(n, 3).tolist()
    prices = (unit(PRICE, np.arange(n)) * 1000.0).tolist()
    mh = hash32(META, np.arange(n)).tolist()
    eh = hash32(EXTRA, np.arange(n)).tolist()
    rows = []
    for r in range(n):
        h = mh[r]
        row = {
            "id": r,
            "vector": vectors[r].tolist(),
            "title": f"product-{r:06d}-{th[r][0]:08x}{th[r][1]:08x}{th[r][2]:08x}",
            "price": prices[r],
            "meta": {"category": f"c{h % 16}", "score": (h % 10000) / 100,
                     "tags": [f"t{h % 7}", f"t{(h >> 8) % 5}"], "in_stock": (h & 1) == 1},
        }
        if dynamic:
            row["color"] = COLORS[eh[r] % 4]
            row["rank"] = eh[r] % 1000
        rows.append(row)
    return rows


def sparse_rows(n):
    at = np.arange(n * SPARSE_NNZ)
    indices = ((at % SPARSE_NNZ) * SPARSE_BUCKET + hash32(SPARSE_INDEX, at) % SPARSE_BUCKET).reshape(n, SPARSE_NNZ).tolist()
    values = (1.0 - unit(SPARSE_VALUE, at)).reshape(n, SPARSE_NNZ).tolist()
    return [{"id": r, "sparse": dict(zip(indices[r], values[r]))} for r in range(n)]


def numpy_rows(lists, dtype):
    """Rows of float lists as numpy arrays of ``dtype``, and the time that took (what a caller holding
    lists pays before pymilvus accepts float16 input; not part of the timed insert)."""
    t0 = time.perf_counter()
    arrays = [np.asarray(v, dtype=dtype) for v in lists]
    return arrays, (time.perf_counter() - t0) * 1000


def build(workload, n):
    """(rows to insert, canonical(row) -> plain JSON values, ms spent converting lists to numpy or None)."""
    if workload in ("W1", "W4", "W6"):
        mat = dense(n, 768)
        if workload == "W1":
            rows = [{"id": r, "vector": mat[r].tolist()} for r in range(n)]
            return rows, lambda r: rows[r], None
        lists = mat.tolist()
        arrays, prep_ms = numpy_rows(lists, np.float16 if workload == "W4" else np.float32)
        canonical = (lambda r: {"id": r, "vector": lists[r]}) if workload == "W4" else (lambda r: {"id": r, "vector": arrays[r].tolist()})
        return [{"id": r, "vector": arrays[r]} for r in range(n)], canonical, prep_ms
    if workload in ("W2", "W7"):
        rows = mixed_rows(n, workload == "W7")
        return rows, lambda r: rows[r], None
    if workload == "W3":
        bits = (hash32(BINARY, np.arange(n * 128)) & np.uint32(0xFF)).astype(np.uint8).reshape(n, 128)
        rows = [{"id": r, "bits": bits[r].tobytes()} for r in range(n)]
        return rows, lambda r: {"id": r, "bits": list(rows[r]["bits"])}, None
    if workload == "W5":
        rows = sparse_rows(n)
        return rows, lambda r: {"id": r, "sparse": [[k, v] for k, v in rows[r]["sparse"].items()]}, None
    raise SystemExit(f"unknown workload {workload!r}")


def proc_status(key):
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        pass


def versions():
    import google.protobuf
    import grpc
    import pymilvus
    return {"python": sys.version.split()[0], "pymilvus": pymilvus.__version__, "numpy": np.__version__,
            "grpcio": grpc.__version__, "protobuf": google.protobuf.__version__}


def main():
    spec = json.loads(sys.argv[1])
    from pymilvus import MilvusClient

    n = spec["rows"]
    rows, canonical, prepare_ms = build(spec["workload"], n)
    client = MilvusClient(uri=spec["uri"])
    calls = 0

    def insert():
        nonlocal calls
        calls += 1
        res = client.insert(spec["collection"], rows)
        if res["insert_count"] != n or len(res["ids"]) != n:
            raise RuntimeError(f"insert_count {res['insert_count']}, {len(res['ids'])} ids; expected {n}")

    for _ in range(spec["warmup"]):
        insert()
    gc.collect()
    reset_peak_rss()
    rss_before = proc_status("VmRSS")
    samples = []
    cpu0 = time.process_time()
    for _ in range(spec["iterations"]):
        t0 = time.perf_counter()
        insert()
        samples.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (time.process_time() - cpu0) * 1000
    peak = proc_status("VmHWM")
    client.close()
    result = {
        "samples_ms": samples, "cpu_ms": cpu_ms, "calls": calls, "rows_per_call": n,
        "rss_before_kb": rss_before, "peak_rss_kb": peak, "versions": versions(),
        "sample": {str(r): canonical(r) for r in spec.get("sample_rows", [])},
        "prepare_ms": prepare_ms,
    }
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
