namespace HiveOrleans.Client;

/// <summary>How <see cref="HiveOrleansClient"/> reaches the gateway and how patiently it retries.</summary>
public sealed class HiveOrleansClientOptions
{
    /// <summary>The gateway, e.g. <c>https://moderation.example.com/</c>. When null, the <see cref="HttpClient"/>'s own <c>BaseAddress</c> is used.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The project's API key, sent as <c>authorization: token &lt;key&gt;</c>. Required.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// How many times a request is sent at most when the gateway answers 429 or 503 (1 turns retrying off).
    /// Default 4.
    /// </summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// The most time spent waiting between attempts, in all, for one call. A <c>Retry-After</c> that would go past it
    /// (a daily quota that resets at midnight) is not waited for: the call throws at once with
    /// <see cref="HiveOrleansException.RetryAfter"/> set. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before a retry when a 429 or 503 gives no <c>Retry-After</c>. Default 1 s.</summary>
    public TimeSpan DefaultRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when the options cannot work, naming the setting.</summary>
    internal void Validate()
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>What makes the options unusable, naming the setting; null when they are fine.</summary>
    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            return "HiveOrleansClientOptions.ApiKey is required: the project's API key.";
        }

        if (BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)))
        {
            return "HiveOrleansClientOptions.BaseAddress must be an absolute http or https address.";
        }

        if (MaxAttempts < 1)
        {
            return "HiveOrleansClientOptions.MaxAttempts must be 1 or more.";
        }

        return MaxRetryWait < TimeSpan.Zero || DefaultRetryDelay < TimeSpan.Zero
            ? "HiveOrleansClientOptions.MaxRetryWait and DefaultRetryDelay cannot be negative."
            : null;
    }
}
