using System.Buffers.Binary;
using System.Text;

namespace HiveOrleans.Moderation.Onnx;

/// <summary>
/// Writes one protocol-buffers message: the three wire types an ONNX model needs (varint, 32-bit, length-delimited).
/// We only ever write models, never parse them (ONNX Runtime reads them), so this is all the protobuf we need.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;
    private const int Fixed32Wire = 5;

    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>An integer field (int32, int64 or enum: negative values take ten bytes, as protobuf specifies).</summary>
    public ProtobufWriter Int(int field, long value)
    {
        Tag(field, VarintWire);
        Varint(unchecked((ulong)value));
        return this;
    }

    /// <summary>Repeated integers, unpacked (onnx.proto is proto2, whose default that is; parsers accept both).</summary>
    public ProtobufWriter Ints(int field, IEnumerable<long> values)
    {
        foreach (var value in values)
        {
            Int(field, value);
        }

        return this;
    }

    public ProtobufWriter Float(int field, float value)
    {
        Tag(field, Fixed32Wire);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedWire);
        Varint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, ProtobufWriter message) => Bytes(field, message.ToArray());

    private void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
