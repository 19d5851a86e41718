namespace HiveOrleans.Grains.Quotas;

[GenerateSerializer, Alias("HiveOrleans.QuotaDay")]
public sealed class QuotaDay
{
    [Id(0)] public DateOnly Date { get; set; }

    [Id(1)] public long Tasks { get; set; }

    [Id(2)] public double Charge { get; set; }

    [Id(3)] public long Rejected { get; set; }

    /// <summary>Admissions leased out and not given back: what the daily quota counts.</summary>
    [Id(4)] public long Granted { get; set; }
}
