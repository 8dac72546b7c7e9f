"""A capturing stand-in for a Milvus server, used to record exactly what pymilvus sends.

Usage: capture_sink.py SCHEMAS_JSON OUT_DIR [PORT]

Listens on 127.0.0.1 (PORT, default 0 = any free port) and prints ``PORT <n>`` on stdout once
serving. It answers the RPCs ``MilvusClient(uri).insert()/.upsert()`` make:

* Connect (success, server_info, identifier), GetVersion, CheckHealth, HasCollection;
* DescribeCollection: the schema for the requested collection from SCHEMAS_JSON, re-read on
  every call. SCHEMAS_JSON is either one corpus case ``{"schema": {...}}`` (served for any
  collection name) or a corpus ``{"cases": [{"collection_name": ..., "schema": {...}}, ...]}``.
  ``update_timestamp`` is always ``UPDATE_TIMESTAMP`` (424242);
* Insert / Upsert: writes the raw request bytes to ``OUT_DIR/<n>.<Method>.bin`` (n counts
  captured requests from 0) and answers a MutationResult with the primary keys it finds in
  the request (or generated ones for an auto-id primary key) and insert_cnt / upsert_cnt.
  The call's gRPC metadata goes to ``OUT_DIR/<n>.<Method>.meta.json`` as ``[[key, value], ...]``.

Every call is logged to stderr as ``CALL <method>``; any other method is logged to stderr as ``UNHANDLED <method>`` and answered
UNIMPLEMENTED, so a new RPC pymilvus starts calling shows up rather than being guessed at.

Schema fields use the shape of ``src/schema.ts`` ``FieldSchema``: name, data_type (name or
number), is_primary_key, autoID, dim, max_length, element_type, max_capacity, nullable,
default_value (a plain JSON value, stored in the ValueField slot matching data_type),
type_params (object or [{key, value}]), is_partition_key, is_dynamic, is_function_output;
and ``enable_dynamic_field`` on the schema.
"""

import json
import os
import sys
import threading
from concurrent import futures

import grpc
from pymilvus.grpc_gen import common_pb2, milvus_pb2, schema_pb2

UPDATE_TIMESTAMP = 424242
SERVICE = "milvus.proto.milvus.MilvusService"
DT = schema_pb2.DataType


def data_type(value):
    if isinstance(value, int):
        return value
    for name, number in DT.items():
        if name.lower() == str(value).lower():
            return number
    raise ValueError(f"unknown data_type {value!r}")


def value_field(dtype, value):
    """A proto ValueField holding a JSON default value in the slot Milvus expects for dtype."""
    vf = schema_pb2.ValueField()
    if dtype == DT.Bool:
        vf.bool_data = bool(value)
    elif dtype in (DT.Int8, DT.Int16, DT.Int32):
        vf.int_data = int(value)
    elif dtype == DT.Int64:
        vf.long_data = int(value)
    elif dtype == DT.Float:
        vf.float_data = float(value)
    elif dtype == DT.Double:
        vf.double_data = float(value)
    else:
        vf.string_data = str(value)
    return vf


def field_schema(index, spec):
    dtype = data_type(spec["data_type"])
    fs = schema_pb2.FieldSchema(
        fieldID=100 + index,
        name=spec["name"],
        data_type=dtype,
        is_primary_key=bool(spec.get("is_primary_key", False)),
        autoID=bool(spec.get("autoID", False)),
        nullable=bool(spec.get("nullable", False)),
        is_partition_key=bool(spec.get("is_partition_key", False)),
        is_dynamic=bool(spec.get("is_dynamic", False)),
        is_function_output=bool(spec.get("is_function_output", False)),
    )
    if "element_type" in spec:
        fs.element_type = data_type(spec["element_type"])
    params = spec.get("type_params") or {}
    if isinstance(params, list):
        params = {kv["key"]: kv["value"] for kv in params}
    params = dict(params)
    for key in ("dim", "max_length", "max_capacity"):
        if key in spec:
            params[key] = spec[key]
    for key, value in params.items():
        fs.type_params.add(key=key, value=str(value))
    if spec.get("default_value") is not None:
        fs.default_value.CopyFrom(value_field(dtype, spec["default_value"]))
    return fs


VECTOR_TYPES = {DT.FloatVector, DT.BinaryVector, DT.Float16Vector, DT.BFloat16Vector, DT.Int8Vector, DT.SparseFloatVector}


def is_struct_array(spec):
    return data_type(spec["data_type"]) == DT.Array and spec.get("element_type") is not None and data_type(spec["element_type"]) == DT.Struct


def struct_array_field(field_id, spec):
    """An Array-of-Struct field as Milvus describes it: members are Array (scalars) or ArrayOfVector
    (vectors) fields whose element_type is the member's type, each with the struct's max_capacity."""
    members = []
    for j, member in enumerate(spec["fields"]):
        mtype = data_type(member["data_type"])
        as_array = dict(member, data_type=DT.ArrayOfVector if mtype in VECTOR_TYPES else DT.Array, element_type=mtype)
        as_array["max_capacity"] = spec["max_capacity"]
        fs = field_schema(j, as_array)
        fs.fieldID = field_id + 1 + j
        members.append(fs)
    return schema_pb2.StructArrayFieldSchema(fieldID=field_id, name=spec["name"], fields=members, nullable=bool(spec.get("nullable", False)))


class Sink:
    def __init__(self, schemas_path, out_dir):
        self.schemas_path = schemas_path
        self.out_dir = out_dir
        self.count = 0
        self.lock = threading.Lock()

    def schema_for(self, collection_name):
        with open(self.schemas_path, encoding="utf-8") as f:
            doc = json.load(f)
        if "cases" in doc:
            for case in doc["cases"]:
                if case.get("collection_name") == collection_name:
                    return case["schema"]
            return None
        return doc["schema"]

    def capture(self, method, raw, context):
        with self.lock:
            n = self.count
            self.count += 1
        with open(os.path.join(self.out_dir, f"{n}.{method}.bin"), "wb") as f:
            f.write(raw)
        metadata = [[k, v if isinstance(v, str) else v.hex()] for k, v in context.invocation_metadata()]
        with open(os.path.join(self.out_dir, f"{n}.{method}.meta.json"), "w", encoding="utf-8") as f:
            json.dump(metadata, f)

    @staticmethod
    def ok():
        return common_pb2.Status(code=0, error_code=common_pb2.Success)

    def connect(self, request, context):
        info = common_pb2.ServerInfo(build_tags="capture-sink", deploy_mode="STANDALONE")
        return milvus_pb2.ConnectResponse(status=self.ok(), server_info=info, identifier=1)

    def get_version(self, request, context):
        return milvus_pb2.GetVersionResponse(status=self.ok(), version="v2.6.0-capture-sink")

    def check_health(self, request, context):
        return milvus_pb2.CheckHealthResponse(status=self.ok(), isHealthy=True)

    def has_collection(self, request, context):
        found = self.schema_for(request.collection_name) is not None
        return milvus_pb2.BoolResponse(status=self.ok(), value=found)

    def describe_collection(self, request, context):
        spec = self.schema_for(request.collection_name)
        if spec is None:
            status = common_pb2.Status(
                code=100,
                error_code=common_pb2.CollectionNotExists,
                reason=f"collection not found[collection={request.collection_name}]",
            )
            return milvus_pb2.DescribeCollectionResponse(status=status)
        plain = [f for f in spec["fields"] if not is_struct_array(f)]
        structs = [f for f in spec["fields"] if is_struct_array(f)]
        schema = schema_pb2.CollectionSchema(
            name=request.collection_name,
            fields=[field_schema(i, f) for i, f in enumerate(plain)],
            struct_array_fields=[struct_array_field(100 + len(plain) + 10 * i, f) for i, f in enumerate(structs)],
            enable_dynamic_field=bool(spec.get("enable_dynamic_field", False)),
        )
        return milvus_pb2.DescribeCollectionResponse(
            status=self.ok(),
            schema=schema,
            collectionID=4242,
            collection_name=request.collection_name,
            db_name=request.db_name or "default",
            created_timestamp=UPDATE_TIMESTAMP,
            update_timestamp=UPDATE_TIMESTAMP,
            shards_num=1,
        )

    def mutation(self, method, parse):
        def handle(raw, context):
            self.capture(method, raw, context)
            request = parse(raw)
            spec = self.schema_for(request.collection_name) or {"fields": []}
            pk = next((f for f in spec["fields"] if f.get("is_primary_key")), None)
            ids = schema_pb2.IDs()
            pk_data = next(
                (fd for fd in request.fields_data if pk and fd.field_name == pk["name"]), None
            )
            is_string_pk = pk is not None and data_type(pk["data_type"]) in (DT.VarChar, DT.String)
            if pk_data is not None and is_string_pk:
                ids.str_id.data.extend(pk_data.scalars.string_data.data)
            elif pk_data is not None:
                ids.int_id.data.extend(pk_data.scalars.long_data.data)
            elif is_string_pk:
                ids.str_id.data.extend(str(i) for i in range(request.num_rows))
            else:
                ids.int_id.data.extend(range(1, request.num_rows + 1))
            result = milvus_pb2.MutationResult(status=self.ok(), IDs=ids, timestamp=UPDATE_TIMESTAMP)
            if method == "Upsert":
                result.upsert_cnt = request.num_rows
            else:
                result.insert_cnt = request.num_rows
            return result

        return handle


class Handler(grpc.GenericRpcHandler):
    def __init__(self, sink):
        unary = grpc.unary_unary_rpc_method_handler
        ser = lambda m: m.SerializeToString()  # noqa: E731
        raw = lambda b: b  # noqa: E731
        self.methods = {
            "Connect": unary(sink.connect, milvus_pb2.ConnectRequest.FromString, ser),
            "GetVersion": unary(sink.get_version, milvus_pb2.GetVersionRequest.FromString, ser),
            "CheckHealth": unary(sink.check_health, milvus_pb2.CheckHealthRequest.FromString, ser),
            "HasCollection": unary(
                sink.has_collection, milvus_pb2.HasCollectionRequest.FromString, ser
            ),
            "DescribeCollection": unary(
                sink.describe_collection, milvus_pb2.DescribeCollectionRequest.FromString, ser
            ),
            "Insert": unary(
                sink.mutation("Insert", milvus_pb2.InsertRequest.FromString), raw, ser
            ),
            "Upsert": unary(
                sink.mutation("Upsert", milvus_pb2.UpsertRequest.FromString), raw, ser
            ),
        }

    def service(self, handler_call_details):
        service, _, method = handler_call_details.method.lstrip("/").partition("/")
        print(f"CALL {handler_call_details.method}", file=sys.stderr, flush=True)
        if service == SERVICE and method in self.methods:
            return self.methods[method]
        print(f"UNHANDLED {handler_call_details.method}", file=sys.stderr, flush=True)
        return None


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    schemas_path, out_dir = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(out_dir, exist_ok=True)
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=4),
        options=[
            ("grpc.max_receive_message_length", 512 * 1024 * 1024),
            ("grpc.so_reuseport", 0),
        ],
    )
    server.add_generic_rpc_handlers((Handler(Sink(schemas_path, out_dir)),))
    bound = server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print(f"PORT {bound}", flush=True)
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        server.stop(0)


if __name__ == "__main__":
    main()
