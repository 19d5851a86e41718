using System.Net;
using System.Net.Sockets;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>A loopback port that was free a moment ago (Orleans needs fixed silo ports; Kestrel takes port 0).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
