namespace Ocirun.Commands;

/// <summary><c>ocirun events [--interval D] [--stats] ID</c>: a stream of JSON events (stats, OOM) for a container.</summary>
internal sealed class EventsOptions : IContainerOptions
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public string ContainerId { get; set; } = "";

    /// <summary><c>--interval</c> between stats events, a Go duration ("5s", "1m30s"); always positive.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary><c>--stats</c>: print one stats event and exit.</summary>
    public bool Stats { get; set; }
}
