using System.Net;
using System.Net.Sockets;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>Picks loopback ports for silos so parallel test classes do not collide.</summary>
public static class FreeTcpPort
{
    /// <summary>A port the OS just handed out as free. Another process could still take it before use.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
