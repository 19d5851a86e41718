using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>Who may call an operation, and so which security scheme the document names for it.</summary>
internal enum Caller
{
    Anyone,

    /// <summary><c>authorization: token &lt;API_KEY&gt;</c>: a project's key (the <c>ProjectKey</c> scheme).</summary>
    Project,

    /// <summary><c>authorization: Bearer &lt;operator token&gt;</c> (the <c>OperatorToken</c> scheme).</summary>
    Operator,

    /// <summary>A reviewer: <c>authorization: Bearer &lt;reviewer token&gt;</c> or the session cookie (the <c>ReviewerToken</c> and <c>ReviewerSession</c> schemes).</summary>
    Reviewer,
}

/// <summary>
/// What the OpenAPI document says of one endpoint. The endpoints read their bodies and write their answers by hand
/// (to keep one JSON error and the wire shapes exact), so nothing of this can be inferred from their signatures.
/// </summary>
internal sealed record OperationDoc(string Summary, string Description)
{
    public Caller Caller { get; init; }

    /// <summary>A component schema of an <c>application/json</c> body, with its example.</summary>
    public string? JsonBody { get; init; }

    /// <summary>An example of the JSON body other than the schema's own.</summary>
    public string? JsonExample { get; init; }

    /// <summary>A task submission: the same fields as multipart, urlencoded or JSON.</summary>
    public bool TaskBody { get; init; }

    /// <summary>A batch submission: a JSON array of items, or NDJSON.</summary>
    public bool BatchBody { get; init; }

    /// <summary>Query parameters the endpoint reads itself, and descriptions for its route values.</summary>
    public IReadOnlyList<ParameterDoc> Parameters { get; init; } = [];

    public required Reply Reply { get; init; }

    /// <summary>The ways it fails, each answered with the JSON error body.</summary>
    public IReadOnlyList<Failure> Failures { get; init; } = [];

    public OperationDoc WithJsonBody(string schema, string? example = null) => this with { JsonBody = schema, JsonExample = example };
}

/// <summary>The success answer: a status, a component schema (or none) and an example.</summary>
internal sealed record Reply(int Status, string Description, string? Schema, string? Example = null)
{
    public string ContentType { get; init; } = "application/json";
}

/// <summary>A way a call fails: its status, when it happens, and the message (start) the gateway sends.</summary>
internal sealed record Failure(int Status, string When, string Message)
{
    /// <summary>The answer carries <c>Retry-After</c> (seconds).</summary>
    public bool RetryAfter { get; init; }

    /// <summary>The body also carries the task's id (a sync timeout).</summary>
    public bool TaskId { get; init; }

    /// <summary>The body also carries this <c>reason</c> (the reviewer API's 409s).</summary>
    public string? Reason { get; init; }
}

internal sealed record ParameterDoc(string Name, ParameterLocation In, string Description, JsonSchemaType Type, string? Example = null)
{
    public bool Required { get; init; }

    public string? Format { get; init; }
}
