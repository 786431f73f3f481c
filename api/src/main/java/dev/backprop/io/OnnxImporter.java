package dev.backprop.io;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed graph into a {@link Network} and {@link Parameters}, when it is a chain of
 * fully connected layers: per layer a Gemm (A·Bᵀ + C with transB = 1, or A·B + C with transB = 0;
 * alpha = beta = 1) or a MatMul followed by an Add, then Sigmoid, Tanh, Relu, Softmax or nothing
 * (identity); Identity nodes pass through. Around the chain, a backprop export's Sub and Div
 * (feature scaling) and Mul and Add (regression targets) become the {@link TabularSchema}, with
 * the names from its metadata. Every other node is refused, naming it.
 */
final class OnnxImporter {
    private static final String FAMILY = "backprop imports chains of Gemm (or MatMul + Add), each followed by Sigmoid,"
            + " Tanh, Relu, Softmax or nothing";
    private static final Set<String> ACTIVATIONS = Set.of("Sigmoid", "Tanh", "Relu", "Softmax");

    private final OnnxGraph g;
    private int next;
    private String current;
    private final List<float[]> weights = new ArrayList<>();
    private final List<float[]> biases = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private final List<Activation> activations = new ArrayList<>();
    private final List<OnnxGraph.Node> layerNodes = new ArrayList<>();
    private FeatureScaling scaling;
    private float[] targetDivisor;
    private float[] targetCenter;

    private OnnxImporter(OnnxGraph g) {
        this.g = g;
    }

    static TabularModelFile.Loaded read(OnnxGraph g) throws OnnxFormatException {
        return new OnnxImporter(g).build();
    }

    private TabularModelFile.Loaded build() throws OnnxFormatException {
        checkOpset();
        if (g.sparseInitializerOffset >= 0) {
            throw new OnnxFormatException(g.file, g.sparseInitializerOffset, "sparse initializers are not supported");
        }
        OnnxGraph.Value input = singleInput();
        if (g.outputs.size() != 1) {
            throw new OnnxFormatException(g.file, -1, "the graph has " + g.outputs.size() + " outputs; " + FAMILY
                    + " into one output");
        }
        current = input.name();
        boolean tabular = g.metadata.containsKey(OnnxWriter.META_PREFIX + "task");
        if (tabular && peek("Sub")) {
            float[] c = constant(false);
            if (!peek("Div")) {
                throw unsupported(next < g.nodes.size() ? g.nodes.get(next) : null, "a Sub at the input without its Div");
            }
            float[] s = constant(false);
            try {
                scaling = FeatureScaling.of(FeatureScaling.Kind.of(meta("scaling")), c, s);
            } catch (IllegalArgumentException e) {
                throw new OnnxFormatException(g.file, g.nodes.get(next - 1).offset(), "the input scaling: " + e.getMessage());
            }
        }
        while (next < g.nodes.size() && (peek("Gemm") || peek("MatMul") || peek("Identity"))) {
            if (peek("Identity")) {
                take();
                continue;
            }
            layer();
        }
        if (tabular && peek("Mul")) {
            targetDivisor = constant(true);
            if (!peek("Add")) {
                throw unsupported(next < g.nodes.size() ? g.nodes.get(next) : null, "a Mul at the output without its Add");
            }
            targetCenter = constant(true);
        }
        while (peek("Identity")) {
            take();
        }
        if (next < g.nodes.size()) {
            throw unsupported(g.nodes.get(next), null);
        }
        if (weights.isEmpty()) {
            throw new OnnxFormatException(g.file, -1, "the graph has no Gemm or MatMul layer; " + FAMILY);
        }
        if (!current.equals(g.outputs.get(0).name())) {
            throw new OnnxFormatException(g.file, g.outputs.get(0).offset(), "the chain ends in '" + current
                    + "' but the graph's output is '" + g.outputs.get(0).name() + "'");
        }
        Network network = network(input);
        Parameters parameters = Parameters.of(network, weights.toArray(new float[0][]), biases.toArray(new float[0][]));
        String nonFinite = parameters.firstNonFinite();
        if (nonFinite != null) {
            throw new OnnxFormatException(g.file, -1, "non-finite parameter: " + nonFinite);
        }
        return new TabularModelFile.Loaded(network, parameters, tabular ? schema(network) : null);
    }

    /** One Gemm, or MatMul and its Add, then an optional activation. */
    private void layer() throws OnnxFormatException {
        String before = current;
        OnnxGraph.Node node = take();
        if (!node.inputs().get(0).equals(before)) {
            throw unsupported(node, "it multiplies '" + node.inputs().get(0) + "' by the layer's input; a layer is"
                    + " input × weights");
        }
        int in = widths.isEmpty() ? -1 : widths.get(widths.size() - 1);
        float[] w;
        float[] b = null;
        int out;
        if (node.op().equals("Gemm")) {
            checkAttributes(node, Map.of("alpha", 1L, "beta", 1L, "transA", 0L, "transB", -1L));
            OnnxGraph.Tensor weight = initializer(node, 1, 2);
            boolean transB = node.attributes().containsKey("transB") && node.attributes().get("transB").i() != null
                    && node.attributes().get("transB").i() == 1;
            out = (int) weight.dims()[transB ? 0 : 1];
            int fanIn = (int) weight.dims()[transB ? 1 : 0];
            w = transB ? weight.values() : transpose(weight.values(), fanIn, out);
            in = checkFanIn(node, in, fanIn);
            if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
                b = bias(node, initializer(node, 2, 0), out);
            }
        } else {
            checkAttributes(node, Map.of());
            OnnxGraph.Tensor weight = initializer(node, 1, 2);
            int fanIn = (int) weight.dims()[0];
            out = (int) weight.dims()[1];
            w = transpose(weight.values(), fanIn, out);
            in = checkFanIn(node, in, fanIn);
            if (peek("Add")) {
                OnnxGraph.Node add = take();
                checkAttributes(add, Map.of());
                int other = add.inputs().get(0).equals(node.outputs().get(0)) ? 1 : 0;
                b = bias(add, initializer(add, other, 0), out);
            }
        }
        if (widths.isEmpty()) {
            widths.add(in);
        }
        weights.add(w);
        biases.add(b == null ? new float[out] : b);
        widths.add(out);
        layerNodes.add(node);
        activations.add(activation());
    }

    private Activation activation() throws OnnxFormatException {
        while (peek("Identity")) {
            take();
        }
        for (String op : ACTIVATIONS) {
            if (peek(op)) {
                OnnxGraph.Node node = take();
                if (op.equals("Softmax")) {
                    checkAttributes(node, Map.of("axis", -2L));
                    OnnxGraph.Attribute axis = node.attributes().get("axis");
                    if (axis != null && axis.i() != null && axis.i() != 1 && axis.i() != -1) {
                        throw unsupported(node, "Softmax over axis " + axis.i() + "; only the row of one example's"
                                + " outputs (axis 1 or −1) is a layer");
                    }
                    return Activations.SOFTMAX;
                }
                checkAttributes(node, Map.of());
                return op.equals("Sigmoid") ? Activations.SIGMOID : op.equals("Tanh") ? Activations.TANH : Activations.RELU;
            }
        }
        return Activations.IDENTITY;
    }

    private Network network(OnnxGraph.Value input) throws OnnxFormatException {
        if (input.dims() != null && input.dims().size() == 2 && input.dims().get(1) instanceof Long width
                && width != (long) widths.get(0)) {
            throw new OnnxFormatException(g.file, input.offset(), "the input '" + input.name() + "' is " + width
                    + " wide but the first layer takes " + widths.get(0));
        }
        Activation last = activations.get(activations.size() - 1);
        Cost cost = last == Activations.SOFTMAX ? Costs.LOG_LIKELIHOOD : Costs.QUADRATIC;
        String stored = g.metadata.get(OnnxWriter.META_PREFIX + "cost");
        if (stored != null) {
            try {
                cost = Costs.byId(stored);
            } catch (IllegalArgumentException e) {
                throw new OnnxFormatException(g.file, -1, "metadata backprop.cost: " + e.getMessage());
            }
        }
        try {
            Network.Builder builder = Network.builder(widths.get(0));
            for (int l = 0; l < activations.size(); l++) {
                builder.layer(widths.get(l + 1), activations.get(l));
            }
            return builder.cost(cost).build();
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(g.file, -1, "the layers do not make a network backprop can run: " + e.getMessage());
        }
    }

    private TabularSchema schema(Network network) throws OnnxFormatException {
        try {
            String task = meta("task");
            List<String> features = names("feature", network.inputWidth());
            FeatureScaling s = scaling != null ? scaling : FeatureScaling.none(network.inputWidth());
            if (task.equals("classification")) {
                return new TabularSchema(features, s, TabularData.Kind.CLASSIFICATION, names("target", 1),
                        names("class", network.outputWidth()), null);
            }
            if (targetCenter == null) {
                throw new OnnxFormatException(g.file, -1, "a regression model exported by backprop ends in Mul and Add"
                        + " (the target scaling); this graph does not");
            }
            return new TabularSchema(features, s, TabularData.Kind.REGRESSION, names("target", network.outputWidth()),
                    List.of(), FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE, targetCenter, targetDivisor));
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(g.file, -1, "the backprop metadata do not make a valid schema: " + e.getMessage());
        }
    }

    private List<String> names(String kind, int count) throws OnnxFormatException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(meta(kind + "." + i));
        }
        return names;
    }

    private String meta(String key) throws OnnxFormatException {
        String value = g.metadata.get(OnnxWriter.META_PREFIX + key);
        if (value == null) {
            throw new OnnxFormatException(g.file, -1, "metadata property " + OnnxWriter.META_PREFIX + key
                    + " is missing; a model exported by backprop with a schema has it");
        }
        return value;
    }

    private OnnxGraph.Value singleInput() throws OnnxFormatException {
        List<OnnxGraph.Value> real = new ArrayList<>();
        for (OnnxGraph.Value v : g.inputs) {
            if (!g.initializers.containsKey(v.name())) { // older exporters list initializers as inputs too
                real.add(v);
            }
        }
        if (real.size() != 1) {
            throw new OnnxFormatException(g.file, -1, "the graph has " + real.size() + " inputs that are not initializers;"
                    + " " + FAMILY + " from one input");
        }
        OnnxGraph.Value input = real.get(0);
        if (input.elemType() != OnnxProto.FLOAT) {
            throw new OnnxFormatException(g.file, input.offset(), "input '" + input.name() + "' has element type "
                    + input.elemType() + "; expected float (1)");
        }
        if (input.dims() != null && input.dims().size() != 2) {
            throw new OnnxFormatException(g.file, input.offset(), "input '" + input.name() + "' has " + input.dims().size()
                    + " dimensions; expected 2, [batch, features]");
        }
        return input;
    }

    private void checkOpset() throws OnnxFormatException {
        Long version = g.opsets.get("");
        if (version == null) {
            version = g.opsets.get("ai.onnx");
        }
        if (version == null || version < 7) {
            throw new OnnxFormatException(g.file, -1, "the model imports opset " + version + " of the default domain;"
                    + " expected 7 or later (the Gemm and Softmax of opset 7+)");
        }
    }

    private boolean peek(String op) {
        if (next >= g.nodes.size()) {
            return false;
        }
        OnnxGraph.Node node = g.nodes.get(next);
        return node.op().equals(op) && (node.domain().isEmpty() || node.domain().equals("ai.onnx"))
                && node.inputs().contains(current);
    }

    /** The next node, which must read the current value and write one output. */
    private OnnxGraph.Node take() throws OnnxFormatException {
        OnnxGraph.Node node = g.nodes.get(next++);
        if (node.outputs().size() != 1) {
            throw unsupported(node, "it has " + node.outputs().size() + " outputs");
        }
        current = node.outputs().get(0);
        return node;
    }

    /** {@code allowed}: attribute → the only value accepted, or −1 for 0 or 1, −2 for any. */
    private void checkAttributes(OnnxGraph.Node node, Map<String, Long> allowed) throws OnnxFormatException {
        for (OnnxGraph.Attribute a : node.attributes().values()) {
            Long wanted = allowed.get(a.name());
            if (wanted == null) {
                throw unsupported(node, "attribute '" + a.name() + "' is not supported");
            }
            if (wanted == -2) {
                continue;
            }
            long value = a.i() != null ? a.i() : a.f() != null && a.f() == Math.rint(a.f()) ? a.f().longValue() : -99;
            boolean ok = wanted == -1 ? value == 0 || value == 1 : value == wanted;
            if (!ok) {
                throw unsupported(node, "attribute " + a.name() + " = " + (a.i() != null ? String.valueOf(a.i()) : String.valueOf(a.f()))
                        + "; expected " + (wanted == -1 ? "0 or 1" : wanted));
            }
        }
    }

    private OnnxGraph.Tensor initializer(OnnxGraph.Node node, int input, int rank) throws OnnxFormatException {
        String name = input < node.inputs().size() ? node.inputs().get(input) : "";
        OnnxGraph.Tensor t = g.initializers.get(name);
        if (t == null) {
            throw unsupported(node, "input " + input + " ('" + name + "') is not an initializer; weights and biases must"
                    + " be constants");
        }
        if (rank > 0 && t.dims().length != rank) {
            throw unsupported(node, "initializer '" + name + "' has shape " + java.util.Arrays.toString(t.dims())
                    + "; expected " + rank + " dimensions");
        }
        return t;
    }

    private float[] bias(OnnxGraph.Node node, OnnxGraph.Tensor t, int out) throws OnnxFormatException {
        long[] d = t.dims();
        boolean fits = t.values().length == out && (d.length == 1 || d.length == 2 && d[0] == 1);
        if (!fits) {
            throw unsupported(node, "bias '" + t.name() + "' has shape " + java.util.Arrays.toString(d) + "; expected ["
                    + out + "] or [1, " + out + "]");
        }
        return t.values();
    }

    /**
     * Takes the next node, a scaling step (Sub, Div, Mul or Add) of the current value by a
     * per-column constant of shape [d] or [1, d], and returns the constant. Sub and Div must have
     * the value first; Mul and Add ({@code commutative}) may have it either side.
     */
    private float[] constant(boolean commutative) throws OnnxFormatException {
        String before = current;
        OnnxGraph.Node node = take();
        checkAttributes(node, Map.of());
        if (node.inputs().size() != 2 || !commutative && !node.inputs().get(0).equals(before)) {
            throw unsupported(node, "expected " + node.op() + "('" + before + "', constant)");
        }
        OnnxGraph.Tensor t = initializer(node, node.inputs().get(0).equals(before) ? 1 : 0, 0);
        if (!(t.dims().length == 1 || t.dims().length == 2 && t.dims()[0] == 1)) {
            throw unsupported(node, node.op() + " by '" + t.name() + "' of shape " + java.util.Arrays.toString(t.dims())
                    + "; expected one value per column");
        }
        return t.values();
    }

    private int checkFanIn(OnnxGraph.Node node, int in, int fanIn) throws OnnxFormatException {
        if (in >= 0 && in != fanIn) {
            throw unsupported(node, "its weights take " + fanIn + " inputs, the layer before gives " + in);
        }
        return fanIn;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private OnnxFormatException unsupported(OnnxGraph.Node node, String why) {
        if (node == null) {
            return new OnnxFormatException(g.file, -1, why + "; " + FAMILY);
        }
        String reason = why != null ? why : "not supported";
        return new OnnxFormatException(g.file, node.offset(), node.describe() + ": " + reason + "; " + FAMILY
                + (why == null && !node.inputs().contains(current) ? " (and it does not read '" + current
                + "', the value the chain has reached)" : ""));
    }
}
