package dev.backprop.io;

import static dev.backprop.io.OnnxProto.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX ModelProto the importer needs, parsed with {@link ProtobufReader}: opsets,
 * metadata, the graph's nodes (with their byte offsets, for messages), float initializers, inputs
 * and outputs. Walks only the fixed path ModelProto → GraphProto → NodeProto → AttributeProto and
 * GraphProto → TensorProto / ValueInfoProto → TypeProto → TensorShapeProto, so its depth is six
 * whatever the input; every other field (subgraphs in attributes included) is skipped by length.
 */
final class OnnxGraph {
    /** A float initializer; values decoded only after its size was checked against its bytes. */
    record Tensor(String name, long[] dims, float[] values, int offset) {}

    /** One attribute: its name, declared type and, when present, its scalar float or integer. */
    record Attribute(String name, long type, Float f, Long i, int offset) {}

    record Node(int index, int offset, String name, String op, String domain, List<String> inputs, List<String> outputs,
                Map<String, Attribute> attributes) {
        String describe() {
            return "node " + index + (name.isEmpty() ? "" : " '" + name + "'") + " (" + (domain.isEmpty() ? "" : domain + ".")
                    + op + ")";
        }
    }

    /** A graph input or output: its element type and dimensions (a Long, a symbolic String, or null when unknown). */
    record Value(String name, long elemType, List<Object> dims, int offset) {}

    final Path file;
    long irVersion;
    final Map<String, Long> opsets = new LinkedHashMap<>();
    final Map<String, String> metadata = new LinkedHashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> initializers = new LinkedHashMap<>();
    final List<Value> inputs = new ArrayList<>();
    final List<Value> outputs = new ArrayList<>();
    int graphOffset = -1;
    int sparseInitializerOffset = -1;

    private OnnxGraph(Path file) {
        this.file = file;
    }

    static OnnxGraph parse(byte[] bytes, Path file) throws OnnxFormatException {
        OnnxGraph g = new OnnxGraph(file);
        ProtobufReader model = new ProtobufReader(bytes, 0, bytes.length, file, "ModelProto");
        while (model.hasMore()) {
            switch (model.field()) {
                case MODEL_IR_VERSION -> g.irVersion = model.varint();
                case MODEL_OPSET_IMPORT -> g.opset(model.message("OperatorSetIdProto"));
                case MODEL_METADATA_PROPS -> g.metadata(model.message("StringStringEntryProto"));
                case MODEL_GRAPH -> {
                    if (g.graphOffset >= 0) {
                        throw model.problem(model.fieldOffset(), "a second graph in the ModelProto");
                    }
                    g.graphOffset = model.fieldOffset();
                    g.graph(model.message("GraphProto"));
                }
                default -> model.skip();
            }
        }
        if (g.graphOffset < 0) {
            throw new OnnxFormatException(file, -1, "no graph in the ModelProto (is this an ONNX model file?)");
        }
        return g;
    }

    private void opset(ProtobufReader r) throws OnnxFormatException {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            switch (r.field()) {
                case OPSET_DOMAIN -> domain = r.string();
                case OPSET_VERSION -> version = r.varint();
                default -> r.skip();
            }
        }
        opsets.put(domain, version);
    }

    private void metadata(ProtobufReader r) throws OnnxFormatException {
        String key = "";
        String value = "";
        while (r.hasMore()) {
            switch (r.field()) {
                case ENTRY_KEY -> key = r.string();
                case ENTRY_VALUE -> value = r.string();
                default -> r.skip();
            }
        }
        metadata.put(key, value);
    }

    private void graph(ProtobufReader r) throws OnnxFormatException {
        while (r.hasMore()) {
            int field = r.field();
            int at = r.fieldOffset();
            switch (field) {
                case GRAPH_NODE -> nodes.add(node(r.message("NodeProto"), at));
                case GRAPH_INITIALIZER -> {
                    Tensor t = tensor(r.message("TensorProto"), at);
                    if (initializers.put(t.name(), t) != null) {
                        throw r.problem(at, "two initializers are named '" + t.name() + "'");
                    }
                }
                case GRAPH_SPARSE_INITIALIZER -> {
                    sparseInitializerOffset = at;
                    r.skip();
                }
                case GRAPH_INPUT -> inputs.add(value(r.message("ValueInfoProto"), at));
                case GRAPH_OUTPUT -> outputs.add(value(r.message("ValueInfoProto"), at));
                default -> r.skip();
            }
        }
    }

    private Node node(ProtobufReader r, int offset) throws OnnxFormatException {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        String name = "";
        String op = "";
        String domain = "";
        while (r.hasMore()) {
            switch (r.field()) {
                case NODE_INPUT -> in.add(r.string());
                case NODE_OUTPUT -> out.add(r.string());
                case NODE_NAME -> name = r.string();
                case NODE_OP_TYPE -> op = r.string();
                case NODE_DOMAIN -> domain = r.string();
                case NODE_ATTRIBUTE -> {
                    Attribute a = attribute(r.message("AttributeProto"), r.fieldOffset());
                    attributes.put(a.name(), a);
                }
                default -> r.skip();
            }
        }
        return new Node(nodes.size(), offset, name, op, domain, in, out, attributes);
    }

    private Attribute attribute(ProtobufReader r, int offset) throws OnnxFormatException {
        String name = "";
        long type = 0;
        Float f = null;
        Long i = null;
        while (r.hasMore()) {
            switch (r.field()) {
                case ATTRIBUTE_NAME -> name = r.string();
                case ATTRIBUTE_TYPE -> type = r.varint();
                case ATTRIBUTE_F -> f = r.float32();
                case ATTRIBUTE_I -> i = r.varint();
                default -> r.skip(); // tensors, graphs, lists: no supported operator takes them
            }
        }
        return new Attribute(name, type, f, i, offset);
    }

    private Tensor tensor(ProtobufReader r, int offset) throws OnnxFormatException {
        List<Long> dims = new ArrayList<>();
        long dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        int rawOffset = offset;
        GrowingFloatList floats = new GrowingFloatList();
        while (r.hasMore()) {
            int field = r.field();
            int at = r.fieldOffset();
            switch (field) {
                case TENSOR_DIMS -> {
                    if (r.wireType() == ProtobufWriter.LENGTH_DELIMITED) { // packed
                        ProtobufReader packed = r.message("TensorProto.dims");
                        while (packed.hasMore()) {
                            dims.add(packed.packedVarint());
                        }
                    } else {
                        dims.add(r.varint());
                    }
                    if (dims.size() > 8) {
                        throw r.problem(at, "tensor '" + name + "' has more than 8 dimensions; a layer's weights have 2");
                    }
                }
                case TENSOR_DATA_TYPE -> dataType = r.varint();
                case TENSOR_NAME -> name = r.string();
                case TENSOR_RAW_DATA -> {
                    rawOffset = at;
                    raw = r.message("TensorProto.raw_data").remaining();
                }
                case TENSOR_FLOAT_DATA -> floats.read(r, 4, at);
                case TENSOR_DOUBLE_DATA -> floats.read(r, 8, at);
                case TENSOR_SEGMENT, TENSOR_EXTERNAL_DATA -> throw r.problem(at, "tensor '" + name + "' keeps its data in "
                        + (field == TENSOR_SEGMENT ? "segments" : "an external file") + "; only data inside the model"
                        + " file is read (save the model without external data)");
                case TENSOR_DATA_LOCATION -> {
                    if (r.varint() != 0) {
                        throw r.problem(at, "tensor '" + name + "' keeps its data in an external file; only data inside"
                                + " the model file is read");
                    }
                }
                default -> r.skip();
            }
        }
        if (dataType != FLOAT && dataType != DOUBLE) {
            throw new OnnxFormatException(file, offset, "initializer '" + name + "' has data type " + dataType
                    + "; weights and biases must be float (1) or double (11)");
        }
        long[] shape = new long[dims.size()];
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            shape[d] = dims.get(d);
            if (shape[d] < 0) {
                throw new OnnxFormatException(file, offset, "initializer '" + name + "' declares a negative dimension "
                        + shape[d]);
            }
            count = shape[d] == 0 ? 0 : count > Long.MAX_VALUE / shape[d] ? -1 : count * shape[d];
            if (count < 0) {
                throw new OnnxFormatException(file, offset, "initializer '" + name + "' declares dimensions " + dims
                        + " whose product overflows");
            }
        }
        int size = dataType == FLOAT ? 4 : 8;
        float[] values;
        if (raw != null) {
            if (count > raw.remaining() / size || (long) raw.remaining() != count * size) {
                throw new OnnxFormatException(file, rawOffset, "initializer '" + name + "' declares dimensions " + dims
                        + " = " + count + " values (" + (count > Long.MAX_VALUE / size ? "more than 2^63" : count * size)
                        + " bytes), but its raw_data holds " + raw.remaining() + " bytes");
            }
            values = new float[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = size == 4 ? raw.getFloat(4 * i) : narrow(raw.getDouble(8 * i), name, i, offset);
            }
        } else {
            if (floats.size() != count) {
                throw new OnnxFormatException(file, offset, "initializer '" + name + "' declares dimensions " + dims + " = "
                        + count + " values, but holds " + floats.size());
            }
            values = floats.toArray();
        }
        return new Tensor(name, shape, values, offset);
    }

    private float narrow(double value, String name, int index, int offset) throws OnnxFormatException {
        float f = (float) value;
        if (Double.isFinite(value) && !Float.isFinite(f)) {
            throw new OnnxFormatException(file, offset, "initializer '" + name + "' value [" + index + "] = " + value
                    + " is outside the float32 range");
        }
        return f;
    }

    private Value value(ProtobufReader r, int offset) throws OnnxFormatException {
        String name = "";
        long elemType = 0;
        List<Object> dims = null;
        while (r.hasMore()) {
            switch (r.field()) {
                case VALUE_NAME -> name = r.string();
                case VALUE_TYPE -> {
                    ProtobufReader type = r.message("TypeProto");
                    while (type.hasMore()) {
                        if (type.field() != TYPE_TENSOR) {
                            type.skip();
                            continue;
                        }
                        ProtobufReader tensor = type.message("TypeProto.Tensor");
                        while (tensor.hasMore()) {
                            switch (tensor.field()) {
                                case TENSOR_TYPE_ELEM_TYPE -> elemType = tensor.varint();
                                case TENSOR_TYPE_SHAPE -> dims = shape(tensor.message("TensorShapeProto"));
                                default -> tensor.skip();
                            }
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new Value(name, elemType, dims, offset);
    }

    private static List<Object> shape(ProtobufReader r) throws OnnxFormatException {
        List<Object> dims = new ArrayList<>();
        while (r.hasMore()) {
            if (r.field() != SHAPE_DIM) {
                r.skip();
                continue;
            }
            ProtobufReader dim = r.message("TensorShapeProto.Dimension");
            Object value = null;
            while (dim.hasMore()) {
                switch (dim.field()) {
                    case DIM_VALUE -> value = dim.varint();
                    case DIM_PARAM -> value = dim.string();
                    default -> dim.skip();
                }
            }
            dims.add(value);
            if (dims.size() > 8) {
                throw r.problem(r.fieldOffset(), "a graph input or output with more than 8 dimensions");
            }
        }
        return dims;
    }

    /** Float or double values of float_data/double_data, packed or one per field, bounded by the bytes read. */
    private final class GrowingFloatList {
        private float[] values = new float[16];
        private int size;

        void read(ProtobufReader r, int width, int at) throws OnnxFormatException {
            if (r.wireType() == ProtobufWriter.LENGTH_DELIMITED) {
                ProtobufReader packed = r.message("TensorProto.float_data");
                if (packed.size() % width != 0) {
                    throw r.problem(at, "packed " + (width == 4 ? "float" : "double") + " data of " + packed.size()
                            + " bytes, not a multiple of " + width);
                }
                ByteBuffer data = packed.remaining();
                ensure(packed.size() / width);
                for (int i = 0; i < packed.size() / width; i++) {
                    values[size++] = width == 4 ? data.getFloat(4 * i) : narrow(data.getDouble(8 * i), "?", size, at);
                }
            } else {
                ensure(1);
                values[size++] = width == 4 ? r.float32() : narrow(r.float64(), "?", size, at);
            }
        }

        private void ensure(int more) {
            if (size + more > values.length) {
                // Grows with bytes actually read: every value came from at least 4 bytes of input.
                values = java.util.Arrays.copyOf(values, Math.max(size + more, 2 * values.length));
            }
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
