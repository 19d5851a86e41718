namespace HiveOrleans.Gateway.Quotas;

/// <summary>Whether a request may go ahead, and if not, which limit stopped it and when to come back.</summary>
public readonly record struct QuotaDecision(bool Admitted, string? LimitedBy, TimeSpan RetryAfter)
{
    public static QuotaDecision Admit { get; } = new(true, null, TimeSpan.Zero);
}
