namespace HiveOrleans.Grains.Callbacks;

/// <summary>One callback to send: where, what, under which Standard Webhooks id, signed with which secrets.</summary>
public sealed record CallbackMessage(Guid TaskId, Uri Url, string MessageId, byte[] Payload, IReadOnlyList<string> Secrets);
