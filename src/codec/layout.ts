// The memory contract between the staging code (TypeScript) and the two encoder cores (the
// AssemblyScript core in assembly/ and its TypeScript twin in src/codec/core-js/). Both import this
// file: AssemblyScript infers i32 for these integer constants, TypeScript infers number. Keep it to
// plain integer constants.

// Request header: i32 words at the header pointer.
export const H_KIND = 0; // 0 insert, 1 upsert
export const H_NUM_ROWS = 1;
export const H_NUM_FIELDS = 2;
export const H_FIELDS_PTR = 3;
export const H_DB_PTR = 4;
export const H_DB_LEN = 5;
export const H_COLL_PTR = 6;
export const H_COLL_LEN = 7;
export const H_PART_PTR = 8;
export const H_PART_LEN = 9;
export const H_TS_LO = 10;
export const H_TS_HI = 11;
export const H_PARTIAL_UPDATE = 12;
export const H_ERROR_PTR = 13;
export const H_OUT_PTR = 14;
// Word 15 is reserved.
export const HEADER_WORDS = 16;

export const REQUEST_INSERT = 0;
export const REQUEST_UPSERT = 1;

// Field descriptor: FD_WORDS i32 words per field, in schema order.
export const F_KIND = 0;
export const F_DATA_TYPE = 1;
export const F_NAME_PTR = 2;
export const F_NAME_LEN = 3;
export const F_NUM_ROWS = 4;
export const F_VALID_PTR = 5; // u8 per row, 0 when the field sends no valid_data
export const F_COUNT = 6; // number of staged (non-null) values
export const F_DATA_PTR = 7;
export const F_OFFSETS_PTR = 8; // u32[count + 1]: byte offsets (strings) or element offsets (arrays, sparse)
export const F_AUX_PTR = 9; // arrays of strings: u32 element byte offsets; sparse: f64 values
export const F_DIM = 10;
export const F_LIMIT = 11; // VarChar max_length in bytes or Array max_capacity; 0 = none
export const F_ELEM_KIND = 12; // arrays: the staging kind of the elements
export const F_WIRE_FIELD = 13; // field number of the data inside ScalarField / VectorField
export const F_IS_DYNAMIC = 14;
export const F_SCRATCH_PTR = 15; // u32 per value: per-row message sizes (arrays, sparse)
export const F_BODY_SIZE = 16; // computed: FieldData message size
export const F_INNER_SIZE = 17; // computed: ScalarField / VectorField message size
export const F_DATA_SIZE = 18; // computed: size of the data message inside it
export const F_PAYLOAD_SIZE = 19; // computed: packed payload size (packed arrays) or sum of parts
export const F_NUM_MEMBERS = 20; // Array-of-Struct fields: member descriptors at F_DATA_PTR
export const F_ELEM_TYPE = 21; // arrays: DataType of the elements
export const F_ELEM_LIMIT = 22; // arrays of VarChar: max_length of each element in bytes; 0 = none
export const F_ROW_BYTES = 23; // raw byte vectors: bytes per row (F_DIM stays the schema dim); vector arrays: bytes per vector
// A FloatVector field, or a K_BYTES_VEC field, staged with data pointer 0 is filled by the caller after the
// write pass: the core measures and frames it but neither writes nor skips its payload (count * dim * 4
// bytes, or count * F_ROW_BYTES): what follows it is written on at once, so the arena never holds the
// payload's room, and the caller opens the gap in its copy. Recorded here: where the payload begins.
export const F_FILL_AT = 24;
export const FD_WORDS = 25;

// Staging kinds: how a column is laid out in memory.
export const K_BOOL = 1; // u8 per value: 0 or 1
export const K_INT32 = 2; // f64 per value (Int8/Int16/Int32), range-checked by data type
export const K_INT64 = 3; // i64 per value, already exact
export const K_FLOAT = 4; // f64 per value, sent as f32
export const K_DOUBLE = 5; // f64 per value
export const K_STRING = 6; // UTF-8 bytes at data, u32 byte offsets[count + 1]
export const K_FLOAT_VEC = 7; // f32[count * dim]
export const K_F16_FROM_F64 = 8; // f64[count * dim] -> IEEE half
export const K_BF16_FROM_F64 = 9; // f64[count * dim] -> bfloat16
// 10 and 11 were f32 -> half and f32 -> bfloat16: a flat Float32Array is now converted by vector-fill.ts.
export const K_BYTES_VEC = 12; // raw bytes, F_DIM = bytes per row
export const K_INT8_FROM_F64 = 13; // f64[count * dim] -> int8
export const K_SPARSE = 14; // f64 indices at data, f64 values at aux, u32 offsets[count + 1]
export const K_ARRAY = 15; // elements in F_ELEM_KIND layout at data, u32 element offsets[count + 1]
// An Array-of-Struct field: F_NUM_MEMBERS member descriptors (K_ARRAY or K_VECTOR_ARRAY, one per struct
// member, each holding that member's values of every element) at F_DATA_PTR.
export const K_STRUCT = 16;
// A struct's vector member (ArrayOfVector): every row's vectors back to back at data in the F_ELEM_KIND
// layout of a vector column, u32 vector offsets[count + 1] per row, inner VectorField sizes in scratch.
export const K_VECTOR_ARRAY = 17;

// Error record: i32 words at the header's error pointer.
export const E_CODE = 0;
export const E_FIELD = 1;
export const E_INDEX = 2; // staged value index (k-th non-null value of the field)
export const E_ELEMENT = 3; // element within the value (vector component, array element, sparse entry)
export const E_MEMBER = 4; // member of an Array-of-Struct field, or -1
export const ERROR_RECORD_BYTES = 20;

export const ERR_NONE = 0;
export const ERR_NOT_FINITE = 1;
export const ERR_NOT_INTEGER = 2;
export const ERR_INT_RANGE = 3;
export const ERR_FLOAT_RANGE = 4; // finite double that overflows float32
export const ERR_F16_OVERFLOW = 5;
export const ERR_BF16_OVERFLOW = 6;
export const ERR_SPARSE_INDEX = 7;
export const ERR_SPARSE_DUPLICATE = 8;
export const ERR_STRING_TOO_LONG = 9;
export const ERR_ARRAY_TOO_LONG = 10;

// Protobuf field numbers used by the writers.
export const SCALAR_BOOL = 1;
export const SCALAR_INT = 2;
export const SCALAR_LONG = 3;
export const SCALAR_FLOAT = 4;
export const SCALAR_DOUBLE = 5;
export const SCALAR_STRING = 6;
export const SCALAR_ARRAY = 8;
export const SCALAR_JSON = 9;
export const SCALAR_GEOMETRY_WKT = 12;
export const VECTOR_FLOAT = 2;
export const VECTOR_BINARY = 3;
export const VECTOR_FLOAT16 = 4;
export const VECTOR_BFLOAT16 = 5;
export const VECTOR_SPARSE = 6;
export const VECTOR_INT8 = 7;
export const VECTOR_ARRAY = 8;
export const FIELD_STRUCT_ARRAYS = 8;
// DataType values the writers emit for struct fields and their vector members.
export const TYPE_ARRAY_OF_VECTOR = 106;
export const TYPE_ARRAY_OF_STRUCT = 200;
