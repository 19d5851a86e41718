namespace HiveOrleans.Moderation.Pdq;

/// <summary>The bytes are not an image we can decode (JPEG, PNG, GIF, WebP, BMP), or it is too large to hash.</summary>
public sealed class UnsupportedImageException : Exception
{
    public UnsupportedImageException()
        : base("The bytes are not a decodable image.")
    {
    }

    public UnsupportedImageException(string message)
        : base(message)
    {
    }

    public UnsupportedImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
