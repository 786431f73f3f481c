package dev.backprop.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads one protocol-buffers message, field by field, from a window [start, end) of a byte array
 * that holds the whole file. Nothing from the input is trusted: every varint is at most ten bytes,
 * every length is checked against the bytes left in its own message before anything is sliced,
 * and a nested message is another window on the same array (no copy, no allocation by declared
 * size). Unknown fields are skipped by their length without being parsed, so nesting depth is
 * bounded by the schema the caller walks, never by the input. Every problem is an
 * {@link OnnxFormatException} with the absolute byte offset.
 */
final class ProtobufReader {
    private final byte[] bytes;
    private final Path file;
    private final int end;
    private final String message;
    private int position;
    private int wireType = -1;
    private int fieldStart;

    /**
     * @param message the message's type, for error messages ("GraphProto")
     */
    ProtobufReader(byte[] bytes, int start, int end, Path file, String message) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.file = file;
        this.message = message;
    }

    boolean hasMore() {
        return position < end;
    }

    /** Where the field last read by {@link #field()} starts, for messages. */
    int fieldOffset() {
        return fieldStart;
    }

    /** Reads the next tag and returns its field number; the value is read by one of the typed reads or {@link #skip()}. */
    int field() throws OnnxFormatException {
        fieldStart = position;
        long tag = rawVarint();
        int type = (int) (tag & 7);
        long field = tag >>> 3;
        if (field < 1 || field > (1 << 29) - 1) {
            throw problem(fieldStart, "field number " + field + " in a " + message + "; protobuf field numbers are 1 to 2^29 − 1"
                    + " (is this an ONNX file?)");
        }
        if (type == 3 || type == 4) {
            throw problem(fieldStart, "field " + field + " of a " + message + " uses the group wire type " + type
                    + ", which ONNX never uses");
        }
        if (type > 5) {
            throw problem(fieldStart, "field " + field + " of a " + message + " has wire type " + type
                    + "; protobuf defines 0 to 5 (is this an ONNX file?)");
        }
        wireType = type;
        return (int) field;
    }

    int wireType() {
        return wireType;
    }

    /** A varint field's value (int32, int64, enum). */
    long varint() throws OnnxFormatException {
        expect(ProtobufWriter.VARINT, "an integer");
        return rawVarint();
    }

    /** One varint of a packed repeated field (no tag of its own). */
    long packedVarint() throws OnnxFormatException {
        return rawVarint();
    }

    /** A float field (wire type 5). */
    float float32() throws OnnxFormatException {
        return fixed(ProtobufWriter.FIXED32, 4, "float").getFloat();
    }

    /** A double value (wire type 1), as in an unpacked TensorProto.double_data. */
    double float64() throws OnnxFormatException {
        return fixed(ProtobufWriter.FIXED64, 8, "double").getDouble();
    }

    /** The {@code size} bytes of a fixed-width field, little-endian as protobuf stores them; reading moves past them. */
    private ByteBuffer fixed(int type, int size, String what) throws OnnxFormatException {
        expect(type, "a " + what);
        need(size, what);
        ByteBuffer value = ByteBuffer.wrap(bytes, position, size).order(ByteOrder.LITTLE_ENDIAN);
        position += size;
        return value;
    }

    /** A length-delimited field as UTF-8 text. */
    String string() throws OnnxFormatException {
        int length = length("string");
        int at = position;
        position += length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw problem(at, "a string in a " + message + " is not valid UTF-8");
        }
    }

    /** A length-delimited field as a window: the caller reads it as a nested message or as raw bytes. */
    ProtobufReader message(String type) throws OnnxFormatException {
        int length = length(type);
        int at = position;
        position += length;
        return new ProtobufReader(bytes, at, at + length, file, type);
    }

    /** The window's bytes as a little-endian buffer (packed numbers, raw tensor data); not a copy. */
    ByteBuffer remaining() {
        return ByteBuffer.wrap(bytes, position, end - position).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The offset where this window starts reading next. */
    int position() {
        return position;
    }

    int size() {
        return end - position;
    }

    /** Skips the value of the field just read, whatever its type. */
    void skip() throws OnnxFormatException {
        switch (wireType) {
            case ProtobufWriter.VARINT:
                rawVarint();
                break;
            case ProtobufWriter.FIXED64:
                need(8, "fixed64");
                position += 8;
                break;
            case ProtobufWriter.LENGTH_DELIMITED:
                int length = length("bytes"); // advances past the length's own varint first
                position += length;
                break;
            case ProtobufWriter.FIXED32:
                need(4, "fixed32");
                position += 4;
                break;
            default:
                throw new IllegalStateException("no field read");
        }
    }

    OnnxFormatException problem(long offset, String problem) {
        return new OnnxFormatException(file, offset, problem);
    }

    private int length(String what) throws OnnxFormatException {
        expect(ProtobufWriter.LENGTH_DELIMITED, what);
        int at = position;
        long length = rawVarint();
        if (length < 0 || length > end - position) {
            throw problem(at, "a " + what + " in a " + message + " declares " + length + " bytes, but only "
                    + (end - position) + " remain in the " + message + " (truncated file, or a length that lies)");
        }
        return (int) length;
    }

    private void expect(int type, String what) throws OnnxFormatException {
        if (wireType != type) {
            throw problem(fieldStart, "expected " + what + " (wire type " + type + ") in a " + message + ", got wire type "
                    + wireType);
        }
    }

    private void need(int count, String what) throws OnnxFormatException {
        if (end - position < count) {
            throw problem(position, "a " + what + " needs " + count + " bytes, only " + (end - position) + " remain in the "
                    + message + " (truncated)");
        }
    }

    private long rawVarint() throws OnnxFormatException {
        int at = position;
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (position >= end) {
                throw problem(at, "a varint runs past the end of its " + message + " (truncated)");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw problem(at, "a varint longer than 10 bytes in a " + message + "; the data is corrupt");
    }
}
