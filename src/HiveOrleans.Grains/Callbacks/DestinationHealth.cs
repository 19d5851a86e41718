using System.Collections.Concurrent;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// What this silo has seen of each callback destination lately, so that a destination failing everything is probed
/// rather than hammered, and one that answers again gets its backlog at once. After
/// <see cref="FailuresBeforeHolding"/> failed attempts in a row a destination is failing: callbacks to it are held
/// (not sent; each task tries again on its own schedule), and every probe interval one held task is woken to try as
/// the probe (<see cref="TakeProbes"/>). The first success after that is a recovery, which the caller turns into
/// bringing the destination's pending retries forward.
/// </summary>
public sealed class DestinationHealth(TimeSpan probeInterval)
{
    /// <summary>How many failed attempts in a row make a destination failing.</summary>
    public const int FailuresBeforeHolding = 3;

    private readonly ConcurrentDictionary<string, Destination> _destinations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether callbacks to <paramref name="destination"/> are held for probes instead of sent.</summary>
    public bool IsFailing(string destination) =>
        _destinations.TryGetValue(destination, out var state) && Volatile.Read(ref state.ConsecutiveFailures) >= FailuresBeforeHolding;

    /// <summary>Notes that <paramref name="taskId"/>'s callback to <paramref name="destination"/> was held: a candidate probe.</summary>
    public void Held(string destination, Guid taskId)
    {
        if (_destinations.TryGetValue(destination, out var state))
        {
            lock (state)
            {
                state.ProbeCandidate = taskId;
            }
        }
    }

    /// <summary>
    /// The probe <paramref name="taskId"/> found nothing to send (its callback was delivered, given up or stopped
    /// meanwhile): it is no longer the candidate, and the next task held is probed at the next look rather than an
    /// interval after this probe that sent nothing.
    /// </summary>
    public void Forget(string destination, Guid taskId)
    {
        if (_destinations.TryGetValue(destination, out var state))
        {
            lock (state)
            {
                if (state.ProbeCandidate == taskId)
                {
                    state.ProbeCandidate = null;
                    state.LastProbeAt = DateTimeOffset.MinValue;
                }
            }
        }
    }

    /// <summary>Records an attempt's outcome. Returns true when it is a success after the destination was failing.</summary>
    public bool Record(string destination, bool succeeded)
    {
        if (succeeded && !_destinations.ContainsKey(destination))
        {
            // The common case, a healthy destination, costs no entry and no lock.
            return false;
        }

        var state = _destinations.GetOrAdd(destination, _ => new Destination());
        lock (state)
        {
            if (!succeeded)
            {
                state.ConsecutiveFailures++;
                return false;
            }

            _destinations.TryRemove(new KeyValuePair<string, Destination>(destination, state));
            return state.ConsecutiveFailures >= FailuresBeforeHolding;
        }
    }

    /// <summary>
    /// For each failing destination not probed within the probe interval, the held task to wake as its probe: the one
    /// held last. It stays the candidate after a failed probe (it still owes that callback), so a destination whose
    /// tasks have all backed off far is still probed every interval until it answers.
    /// </summary>
    public IReadOnlyList<(string Destination, Guid TaskId)> TakeProbes(DateTimeOffset now)
    {
        var probes = new List<(string, Guid)>();
        foreach (var (destination, state) in _destinations)
        {
            lock (state)
            {
                if (state.ConsecutiveFailures >= FailuresBeforeHolding && state.ProbeCandidate is { } candidate && now >= state.LastProbeAt + probeInterval)
                {
                    state.LastProbeAt = now;
                    probes.Add((destination, candidate));
                }
            }
        }

        return probes;
    }

    private sealed class Destination
    {
        public int ConsecutiveFailures;
        public Guid? ProbeCandidate;
        public DateTimeOffset LastProbeAt = DateTimeOffset.MinValue;
    }
}
