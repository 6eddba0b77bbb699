using System.Net;
using System.Net.Sockets;

namespace HealthRecords.TestSupport;

public static class FreePort
{
    // The OS may hand the same port to two bind(0) calls once the first listener is closed (measured:
    // 1 in 20 sets of 41 ports had a duplicate). Two nodes given one port: the second cannot listen and
    // exits, while its start-up health check is answered by the first. So a port is handed out once per process.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port free right now (the OS picks it) and not handed out before by this process, for a server started next.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                    return port;
            }
        }
    }
}
