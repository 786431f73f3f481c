package dev.backprop.io;

import static dev.backprop.io.OnnxProto.*;

import dev.backprop.Activations;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.TabularSchema;

import java.util.List;

/**
 * Builds the ONNX ModelProto of a network: per layer a Gemm (Y = A·Wᵀ + b, transB = 1, Eq. 25
 * batched with examples as rows) and its activation node (none for identity), an input of shape
 * [batch, n_in] with a symbolic batch dimension, weights as float32 initializers in raw
 * little-endian bytes. A tabular schema adds Sub and Div before the first Gemm (the feature
 * scaling, so the graph takes raw rows), Mul and Add after the last layer for regression (back to
 * target units), and metadata properties with the column and class names.
 */
final class OnnxWriter {
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String META_PREFIX = "backprop.";

    private final ProtobufWriter graph = new ProtobufWriter();
    private final ProtobufWriter model = new ProtobufWriter();

    private OnnxWriter() {
    }

    static byte[] write(Network network, Parameters parameters, TabularSchema schema) {
        return new OnnxWriter().build(network, parameters, schema);
    }

    private byte[] build(Network network, Parameters parameters, TabularSchema schema) {
        int nodes = 0;
        String value = INPUT;
        if (schema != null) {
            FeatureScaling s = schema.scaling();
            initializer("scaling_center", s.centers(), s.width());
            initializer("scaling_divisor", s.divisors(), s.width());
            value = node(nodes++, "Sub", value, "scaling_center", "centred");
            value = node(nodes++, "Div", value, "scaling_divisor", "scaled");
        }
        boolean unscale = schema != null && !schema.isClassification();
        for (int l = 0; l < network.depth(); l++) {
            String layer = String.valueOf(l + 2); // the book's numbering: the input is layer 1
            int out = network.layer(l).width();
            initializer("w" + layer, parameters.weights(l), out, network.fanIn(l));
            initializer("b" + layer, parameters.biases(l), out);
            boolean last = l == network.depth() - 1;
            boolean identity = network.layer(l).activation() == Activations.IDENTITY;
            String z = last && identity && !unscale ? OUTPUT : "z" + layer;
            ProtobufWriter gemm = nodeProto(nodes++, "Gemm", List.of(value, "w" + layer, "b" + layer), z);
            gemm.message(NODE_ATTRIBUTE, new ProtobufWriter().string(ATTRIBUTE_NAME, "transB").varint(ATTRIBUTE_I, 1)
                    .varint(ATTRIBUTE_TYPE, ATTRIBUTE_INT));
            graph.message(GRAPH_NODE, gemm);
            value = z;
            if (!identity) {
                String op = operator(network.layer(l).activation());
                value = node(nodes++, op, value, null, last && !unscale ? OUTPUT : "a" + layer);
            }
        }
        if (unscale) {
            FeatureScaling t = schema.targetScaling();
            initializer("target_divisor", t.divisors(), t.width());
            initializer("target_center", t.centers(), t.width());
            value = node(nodes++, "Mul", value, "target_divisor", "unscaled");
            node(nodes, "Add", value, "target_center", OUTPUT);
        }
        graph.string(GRAPH_NAME, "backprop");
        graph.message(GRAPH_INPUT, valueInfo(INPUT, network.inputWidth()));
        graph.message(GRAPH_OUTPUT, valueInfo(OUTPUT, network.outputWidth()));

        model.varint(MODEL_IR_VERSION, IR_VERSION);
        model.string(MODEL_PRODUCER_NAME, "backprop");
        model.string(MODEL_PRODUCER_VERSION, "0.1.0");
        model.string(MODEL_DOC_STRING, network.toString());
        model.message(MODEL_GRAPH, graph);
        model.message(MODEL_OPSET_IMPORT, new ProtobufWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, OPSET));
        metadata("cost", network.cost().id());
        if (schema != null) {
            metadata("task", schema.isClassification() ? "classification" : "regression");
            metadata("scaling", schema.scaling().kind().id());
            names("feature", schema.features());
            names("target", schema.targets());
            names("class", schema.classes());
        }
        return model.toByteArray();
    }

    static String operator(dev.backprop.Activation activation) {
        if (activation == Activations.SIGMOID) {
            return "Sigmoid";
        }
        if (activation == Activations.TANH) {
            return "Tanh";
        }
        if (activation == Activations.RELU) {
            return "Relu";
        }
        if (activation == Activations.SOFTMAX) {
            return "Softmax"; // opset 13: axis −1, the row of one example's outputs
        }
        throw new IllegalArgumentException("activation '" + activation.id() + "' has no ONNX operator here; ONNX export"
                + " takes sigmoid, tanh, relu, softmax and identity");
    }

    private String node(int index, String op, String input, String second, String output) {
        graph.message(GRAPH_NODE, nodeProto(index, op, second == null ? List.of(input) : List.of(input, second), output));
        return output;
    }

    private static ProtobufWriter nodeProto(int index, String op, List<String> inputs, String output) {
        ProtobufWriter node = new ProtobufWriter();
        for (String input : inputs) {
            node.string(NODE_INPUT, input);
        }
        return node.string(NODE_OUTPUT, output).string(NODE_NAME, op.toLowerCase(java.util.Locale.ROOT) + "_" + index)
                .string(NODE_OP_TYPE, op);
    }

    private void initializer(String name, float[] values, int... dims) {
        ProtobufWriter tensor = new ProtobufWriter();
        for (int d : dims) {
            tensor.varint(TENSOR_DIMS, d);
        }
        tensor.varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW_DATA, ProtobufWriter.littleEndian(values));
        graph.message(GRAPH_INITIALIZER, tensor);
    }

    /** A float tensor [batch, width]: "batch" is symbolic, so any number of rows runs. */
    private static ProtobufWriter valueInfo(String name, int width) {
        ProtobufWriter shape = new ProtobufWriter()
                .message(SHAPE_DIM, new ProtobufWriter().string(DIM_PARAM, "batch"))
                .message(SHAPE_DIM, new ProtobufWriter().varint(DIM_VALUE, width));
        ProtobufWriter tensor = new ProtobufWriter().varint(TENSOR_TYPE_ELEM_TYPE, FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new ProtobufWriter().string(VALUE_NAME, name).message(VALUE_TYPE,
                new ProtobufWriter().message(TYPE_TENSOR, tensor));
    }

    private void metadata(String key, String value) {
        model.message(MODEL_METADATA_PROPS, new ProtobufWriter().string(ENTRY_KEY, META_PREFIX + key)
                .string(ENTRY_VALUE, value));
    }

    /** Names as one property each, "backprop.feature.0", …: a name may hold any character. */
    private void names(String kind, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            metadata(kind + "." + i, names.get(i));
        }
    }
}
