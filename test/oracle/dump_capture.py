"""Prints captured Insert/Upsert requests: protobuf text format plus the wire order of fields.

Usage: dump_capture.py FILE.bin [FILE.bin ...]   (the method is read from the file name)

The wire listing shows, for the request and each FieldData, the field numbers in the order they
are serialized (``name#number``), which text format alone does not reveal.
"""

import sys

from pymilvus.grpc_gen import milvus_pb2, schema_pb2


def varint(buf, pos):
    shift = result = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def wire_fields(buf):
    """(field number, wire type, payload or value) in serialized order."""
    pos, out = 0, []
    while pos < len(buf):
        key, pos = varint(buf, pos)
        num, wt = key >> 3, key & 7
        if wt == 0:
            val, pos = varint(buf, pos)
        elif wt == 2:
            n, pos = varint(buf, pos)
            val, pos = buf[pos : pos + n], pos + n
        elif wt == 1:
            val, pos = buf[pos : pos + 8], pos + 8
        elif wt == 5:
            val, pos = buf[pos : pos + 4], pos + 4
        else:
            raise ValueError(f"wire type {wt}")
        out.append((num, wt, val))
    return out


def names(descriptor, fields):
    by_num = {f.number: f.name for f in descriptor.fields}
    return " ".join(f"{by_num.get(n, '?')}#{n}" + (f"[{len(v)}B]" if wt == 2 else "") for n, wt, v in fields)


def nested(descriptor, fields, path, indent):
    for num, wt, val in fields:
        fd = descriptor.fields_by_number.get(num)
        if fd is None or fd.message_type is None or wt != 2:
            continue
        inner = wire_fields(val)
        print(f"{indent}{path}{fd.name}: {names(fd.message_type, inner) or '(empty message)'}")
        if fd.message_type.full_name != "milvus.proto.schema.FieldData" or True:
            nested(fd.message_type, inner, f"{path}{fd.name}.", indent)


def main():
    for path in sys.argv[1:]:
        cls = milvus_pb2.UpsertRequest if "Upsert" in path else milvus_pb2.InsertRequest
        raw = open(path, "rb").read()
        msg = cls.FromString(raw)
        print(f"===== {path} ({len(raw)} bytes)")
        print(msg)
        top = wire_fields(raw)
        print("-- wire order:", names(cls.DESCRIPTOR, top))
        nested(cls.DESCRIPTOR, top, "", "   ")


if __name__ == "__main__":
    main()
