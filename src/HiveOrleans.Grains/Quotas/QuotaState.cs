namespace HiveOrleans.Grains.Quotas;

[GenerateSerializer, Alias("HiveOrleans.QuotaState")]
public sealed class QuotaState
{
    /// <summary>One entry per UTC day with activity, oldest first, trimmed to <see cref="ProjectQuotaGrain.DaysKept"/>.</summary>
    [Id(0)] public List<QuotaDay> Days { get; set; } = [];
}
