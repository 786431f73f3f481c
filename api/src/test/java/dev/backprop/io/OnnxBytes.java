package dev.backprop.io;

import static dev.backprop.io.OnnxProto.*;

import java.util.ArrayList;
import java.util.List;

/** Builds ONNX models by hand for the importer's tests: graphs no exporter of ours writes. */
final class OnnxBytes {
    private final ProtobufWriter graph = new ProtobufWriter();
    private final List<ProtobufWriter> metadata = new ArrayList<>();
    private long opset = 13;

    static OnnxBytes graph(int inputWidth) {
        OnnxBytes b = new OnnxBytes();
        b.graph.message(GRAPH_INPUT, valueInfo("x", inputWidth));
        return b;
    }

    OnnxBytes opset(long version) {
        this.opset = version;
        return this;
    }

    OnnxBytes output(String name) {
        graph.message(GRAPH_OUTPUT, valueInfo(name, 0));
        return this;
    }

    /** A node; attributes as name, value pairs (Long → INT, Float → FLOAT). */
    OnnxBytes node(String op, String name, List<String> inputs, String output, Object... attributes) {
        ProtobufWriter node = new ProtobufWriter();
        for (String in : inputs) {
            node.string(NODE_INPUT, in);
        }
        node.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, op);
        for (int i = 0; i < attributes.length; i += 2) {
            ProtobufWriter a = new ProtobufWriter().string(ATTRIBUTE_NAME, (String) attributes[i]);
            if (attributes[i + 1] instanceof Float f) {
                a.float32(ATTRIBUTE_F, f).varint(ATTRIBUTE_TYPE, ATTRIBUTE_FLOAT);
            } else {
                a.varint(ATTRIBUTE_I, (Long) attributes[i + 1]).varint(ATTRIBUTE_TYPE, ATTRIBUTE_INT);
            }
            node.message(NODE_ATTRIBUTE, a);
        }
        graph.message(GRAPH_NODE, node);
        return this;
    }

    /** A float initializer in raw_data. */
    OnnxBytes floats(String name, float[] values, long... dims) {
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.varint(TENSOR_DIMS, d);
        }
        graph.message(GRAPH_INITIALIZER, t.varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW_DATA, ProtobufWriter.littleEndian(values)));
        return this;
    }

    /** A double initializer in packed double_data with packed dims, as some exporters write. */
    OnnxBytes doubles(String name, double[] values, long... dims) {
        ProtobufWriter packedDims = new ProtobufWriter();
        java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
        for (long v : dims) {
            while ((v & ~0x7FL) != 0) {
                d.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            d.write((int) v);
        }
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            data.putDouble(v);
        }
        graph.message(GRAPH_INITIALIZER, packedDims.bytes(TENSOR_DIMS, d.toByteArray()).varint(TENSOR_DATA_TYPE, DOUBLE)
                .string(TENSOR_NAME, name).bytes(TENSOR_DOUBLE_DATA, data.array()));
        return this;
    }

    /** Any tensor message, for malformed ones. */
    OnnxBytes tensor(ProtobufWriter tensor) {
        graph.message(GRAPH_INITIALIZER, tensor);
        return this;
    }

    OnnxBytes meta(String key, String value) {
        metadata.add(new ProtobufWriter().string(ENTRY_KEY, key).string(ENTRY_VALUE, value));
        return this;
    }

    byte[] bytes() {
        ProtobufWriter model = new ProtobufWriter().varint(MODEL_IR_VERSION, IR_VERSION).message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, new ProtobufWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, opset));
        for (ProtobufWriter m : metadata) {
            model.message(MODEL_METADATA_PROPS, m);
        }
        return model.toByteArray();
    }

    private static ProtobufWriter valueInfo(String name, int width) {
        ProtobufWriter shape = new ProtobufWriter().message(SHAPE_DIM, new ProtobufWriter().string(DIM_PARAM, "n"));
        if (width > 0) {
            shape.message(SHAPE_DIM, new ProtobufWriter().varint(DIM_VALUE, width));
        }
        return new ProtobufWriter().string(VALUE_NAME, name).message(VALUE_TYPE, new ProtobufWriter().message(TYPE_TENSOR,
                new ProtobufWriter().varint(TENSOR_TYPE_ELEM_TYPE, FLOAT).message(TENSOR_TYPE_SHAPE, shape)));
    }
}
