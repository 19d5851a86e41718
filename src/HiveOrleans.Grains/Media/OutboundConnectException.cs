namespace HiveOrleans.Grains.Media;

/// <summary>
/// Why <see cref="OutboundConnector"/> made no connection: <see cref="Refused"/> when the policy refused every
/// address the host stands for (nothing was dialled), otherwise the host did not resolve or no address answered.
/// The message is meant for the caller's task, and names addresses, never a URL's path or query.
/// </summary>
public sealed class OutboundConnectException : Exception
{
    public OutboundConnectException()
    {
    }

    public OutboundConnectException(string message)
        : base(message)
    {
    }

    public OutboundConnectException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OutboundConnectException(string message, bool refused, Exception? innerException = null)
        : base(message, innerException) => Refused = refused;

    /// <summary>The policy refused the destination; retrying cannot succeed until the operator changes it.</summary>
    public bool Refused { get; }
}
