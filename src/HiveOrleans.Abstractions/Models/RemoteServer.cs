namespace HiveOrleans.Abstractions.Models;

/// <summary>Where a remote model runs: a KServe v2 (Triton) inference server, and how it is called.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.RemoteServer")]
public sealed record RemoteServer
{
    /// <summary>The server's root, http or https; requests go to <c>{BaseUrl}/v2/models/{ModelName}/infer</c>.</summary>
    [Id(0)] public required string BaseUrl { get; init; }

    /// <summary>The model's name on the server.</summary>
    [Id(1)] public required string ModelName { get; init; }

    /// <summary>The name of the model's picture input tensor.</summary>
    [Id(2)] public required string InputName { get; init; }

    /// <summary>The name of its score output tensor.</summary>
    [Id(3)] public required string OutputName { get; init; }

    /// <summary>One attempt's deadline, in seconds.</summary>
    [Id(4)] public double TimeoutSeconds { get; init; } = 10;

    /// <summary>Attempts after the first when the server answers 5xx, cannot be reached, or times out.</summary>
    [Id(5)] public int Retries { get; init; } = 2;

    /// <summary>Requests one silo has open to this server at once, at most.</summary>
    [Id(6)] public int MaxConcurrency { get; init; } = 4;
}
