namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>One request a <see cref="CallbackReceiver"/> got, and the status it answered with.</summary>
public sealed record ReceivedCallback(
    string Path, string? ContentType, string Body, string WebhookId, string WebhookTimestamp, string WebhookSignature, int AnsweredWith);
