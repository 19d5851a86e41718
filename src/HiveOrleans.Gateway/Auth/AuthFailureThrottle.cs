using System.Collections.Concurrent;
using System.Net;
using HiveOrleans.Gateway.Hosting;
using HiveOrleans.Gateway.Wire;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Gateway.Auth;

/// <summary>
/// Slows down key guessing: a client address that fails authentication <see cref="GatewayOptions.AuthFailureLimit"/>
/// times within <see cref="GatewayOptions.AuthFailureWindow"/> gets 429 with <c>Retry-After</c> for every request
/// until the window ends, before any key is looked up. Other addresses are not affected, and successes never count.
/// </summary>
internal sealed class AuthFailureThrottle(IOptions<GatewayOptions> options, TimeProvider time)
{
    /// <summary>Addresses tracked at most; a flood of distinct addresses clears the table rather than grow it.</summary>
    private const int MaxTrackedAddresses = 100_000;

    private readonly ConcurrentDictionary<IPAddress, Window> _windows = new();

    /// <summary>Throws the 429 when <paramref name="address"/> is over its limit of failures.</summary>
    public void ThrowIfBlocked(IPAddress? address)
    {
        var limit = options.Value.AuthFailureLimit;
        if (limit == 0 || address is null || !_windows.TryGetValue(address, out var window))
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (window)
        {
            if (window.Failures < limit || now >= window.Ends)
            {
                return;
            }

            var retryAfter = (int)Math.Max(1, Math.Ceiling((window.Ends - now).TotalSeconds));
            throw new ApiException(StatusCodes.Status429TooManyRequests,
                $"Too many failed authentication attempts from this address; retry after {retryAfter} s.")
            {
                RetryAfterSeconds = retryAfter,
            };
        }
    }

    /// <summary>Counts a failed authentication from <paramref name="address"/>.</summary>
    public void RecordFailure(IPAddress? address)
    {
        var settings = options.Value;
        if (settings.AuthFailureLimit == 0 || address is null)
        {
            return;
        }

        if (_windows.Count >= MaxTrackedAddresses)
        {
            _windows.Clear();
        }

        var window = _windows.GetOrAdd(address, _ => new Window());
        var now = time.GetUtcNow();
        lock (window)
        {
            if (now >= window.Ends)
            {
                window.Ends = now + settings.AuthFailureWindow;
                window.Failures = 0;
            }

            window.Failures++;
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Ends = DateTimeOffset.MinValue;
        public int Failures;
    }
}
