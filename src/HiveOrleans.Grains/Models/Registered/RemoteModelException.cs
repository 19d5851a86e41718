namespace HiveOrleans.Grains.Models.Registered;

/// <summary>A remote model server could not score the pictures: unreachable, too slow, or it refused or garbled the request.</summary>
public sealed class RemoteModelException : Exception
{
    public RemoteModelException(string message)
        : base(message)
    {
    }

    public RemoteModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RemoteModelException()
    {
    }
}
