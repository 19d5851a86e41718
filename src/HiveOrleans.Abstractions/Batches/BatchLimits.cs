namespace HiveOrleans.Abstractions.Batches;

/// <summary>The limits of <c>POST /api/v2/task/batch</c>.</summary>
public static class BatchLimits
{
    /// <summary>The most items a JSON body (an array) may carry.</summary>
    public const int MaxJsonItems = 1_000;

    /// <summary>The most lines an NDJSON body may carry.</summary>
    public const int MaxNdjsonLines = 100_000;

    /// <summary>The largest JSON body: 1,000 items of up to 64 KiB each.</summary>
    public const long MaxJsonBodyBytes = 64L * 1024 * 1024;

    /// <summary>The largest NDJSON body.</summary>
    public const long MaxNdjsonBodyBytes = 1024L * 1024 * 1024;

    /// <summary>The longest NDJSON line; a longer one is that item's error (413), and the rest go on.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>How many items one call to a silo stores (one group commit).</summary>
    public const int ChunkSize = 500;
}
