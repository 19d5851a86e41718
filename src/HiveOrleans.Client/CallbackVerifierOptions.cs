namespace HiveOrleans.Client;

/// <summary>The receiver's settings for <see cref="CallbackVerifier"/>, bound with <c>services.AddHiveOrleansCallbackVerifier(...)</c>.</summary>
public sealed class CallbackVerifierOptions
{
    /// <summary>The project's webhook secrets (<c>whsec_…</c>); a signature by any one is accepted. At least one.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>How far <c>webhook-timestamp</c> may be from this machine's clock. Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = CallbackVerifier.DefaultTolerance;
}
