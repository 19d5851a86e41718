namespace HiveOrleans.Abstractions.Models;

/// <summary>What runs a registered model.</summary>
public static class ModelKinds
{
    /// <summary>An ONNX file, run by every silo on ONNX Runtime's CPU provider.</summary>
    public const string Onnx = "onnx";

    /// <summary>An inference server speaking the KServe v2 (Triton) HTTP/JSON protocol.</summary>
    public const string Remote = "remote";
}
