namespace HiveOrleans.Wire;

/// <summary>The answer of <c>/healthz</c> and <c>/readyz</c> when all is well; a probe that fails is an <see cref="ErrorDocument"/>.</summary>
/// <param name="Status"><c>ok</c> (the process answers) or <c>ready</c> (a silo answers and can reach its store).</param>
public sealed record HealthDocument(string Status)
{
    /// <summary>The process is up.</summary>
    public static HealthDocument Ok { get; } = new("ok");

    /// <summary>The cluster and its store answer.</summary>
    public static HealthDocument Ready { get; } = new("ready");
}
