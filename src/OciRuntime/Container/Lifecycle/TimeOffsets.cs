using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>linux.timeOffsets as /proc/PID/timens_offsets lines ("monotonic SECS NANOS", "boottime SECS NANOS").</summary>
internal static class TimeOffsets
{
    public static string Format(IReadOnlyDictionary<string, LinuxTimeOffset> offsets) =>
        string.Concat(offsets.Select(o => $"{ClockName(o.Key)} {o.Value.Secs ?? 0} {o.Value.Nanosecs ?? 0}\n"));

    /// <summary>Null when there is nothing to write, so the spawn keeps its one-clone path.</summary>
    public static Action<int>? Writer(IReadOnlyDictionary<string, LinuxTimeOffset>? offsets) =>
        offsets is not { Count: > 0 } ? null : pid =>
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/timens_offsets", Format(offsets));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OciRuntimeException($"writing the time namespace offsets: {e.Message}");
            }
        };

    private static string ClockName(string key) => key switch
    {
        "monotonic" or "boottime" => key,
        _ => throw new OciRuntimeException($"config.json: linux.timeOffsets: unknown clock \"{key}\""),
    };
}
