using System.Runtime.InteropServices;

namespace HiveOrleans.Moderation.Onnx;

/// <summary>
/// Builds an ONNX model (IR version 8, the default operator set at a chosen version) node by node, with float
/// initializers stored as raw little-endian data. The field numbers are the ONNX IR specification's (onnx.proto):
/// ModelProto ir_version 1, producer_name 2, graph 7, opset_import 8; GraphProto node 1, name 2, initializer 5,
/// input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4, attribute 5; AttributeProto name 1, f 2, i 3,
/// ints 8, type 20; TensorProto dims 1, data_type 2, name 8, raw_data 9; ValueInfoProto name 1, type 2; TypeProto
/// tensor_type 1; its Tensor elem_type 1, shape 2; TensorShapeProto dim 1; its Dimension dim_value 1, dim_param 2;
/// OperatorSetIdProto domain 1, version 2.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const int IrVersion = 8;
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private const int FloatAttribute = 1;
    private const int IntAttribute = 2;
    private const int IntsAttribute = 7;

    private readonly ProtobufWriter _graph = new();
    private int _fresh;

    public OnnxGraphBuilder(string name) => _graph.String(2, name);

    /// <summary>A tensor name no other call returns, for intermediate values the source model does not name.</summary>
    public string Fresh(string hint) => $"{hint}__{_fresh++}";

    /// <summary>Adds a node; it is named after its first output and its operator.</summary>
    public void Node(string op, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params ProtobufWriter[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, $"{outputs[0]}_{op}").String(4, op);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute);
        }

        _graph.Message(1, node);
    }

    public static ProtobufWriter Attribute(string name, long value) =>
        new ProtobufWriter().String(1, name).Int(3, value).Int(20, IntAttribute);

    public static ProtobufWriter Attribute(string name, float value) =>
        new ProtobufWriter().String(1, name).Float(2, value).Int(20, FloatAttribute);

    public static ProtobufWriter Attribute(string name, params long[] values) =>
        new ProtobufWriter().String(1, name).Ints(8, values).Int(20, IntsAttribute);

    /// <summary>A float constant (weights, biases, scalars with no dimensions); returns its name.</summary>
    public string Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        Check(dims, values.Length, name);
        _graph.Message(5, new ProtobufWriter().Ints(1, dims).Int(2, FloatType).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values)));
        return name;
    }

    /// <summary>An int64 constant (e.g. a Pad node's pads); returns its name.</summary>
    public string Initializer(string name, long[] dims, ReadOnlySpan<long> values)
    {
        Check(dims, values.Length, name);
        _graph.Message(5, new ProtobufWriter().Ints(1, dims).Int(2, Int64Type).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values)));
        return name;
    }

    /// <summary>A float graph input; a dimension is a size (int) or a symbolic name (string, e.g. the batch "N").</summary>
    public void Input(string name, params object[] dims) => _graph.Message(11, ValueInfo(name, dims));

    /// <summary>A float graph output, dimensions as for <see cref="Input"/>.</summary>
    public void Output(string name, params object[] dims) => _graph.Message(12, ValueInfo(name, dims));

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToModel(long opsetVersion, string producer) =>
        new ProtobufWriter()
            .Int(1, IrVersion)
            .String(2, producer)
            .Message(7, _graph)
            .Message(8, new ProtobufWriter().String(1, "").Int(2, opsetVersion))
            .ToArray();

    private static ProtobufWriter ValueInfo(string name, object[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (var dim in dims)
        {
            shape.Message(1, dim switch
            {
                string symbol => new ProtobufWriter().String(2, symbol),
                int size => new ProtobufWriter().Int(1, size),
                long size => new ProtobufWriter().Int(1, size),
                _ => throw new ArgumentException($"A dimension is an int or a string, not {dim?.GetType().Name ?? "null"}.", nameof(dims)),
            });
        }

        var tensor = new ProtobufWriter().Int(1, FloatType).Message(2, shape);
        return new ProtobufWriter().String(1, name).Message(2, new ProtobufWriter().Message(1, tensor));
    }

    private static void Check(long[] dims, int length, string name)
    {
        var expected = dims.Aggregate(1L, (product, dim) => product * dim);
        if (expected != length)
        {
            throw new ArgumentException($"Initializer '{name}' has {length} values for dimensions [{string.Join(", ", dims)}] ({expected}).");
        }
    }
}
