using System.Text.Json.Serialization;

namespace OciRuntime.Container.State;

/// <summary>
/// The runtime-spec state document, with the fields runc adds (rootfs, created, owner), in runc's order.
/// It is what <c>state</c> prints, what <c>list</c> prints per container, and what hooks read on stdin.
/// </summary>
public sealed record OciState
{
    /// <summary>The runtime-spec version ocirun implements; like runc, the state reports this, not the config's.</summary>
    public const string RuntimeSpecVersion = Spec.RuntimeSpec.ImplementedVersion;

    public required string OciVersion { get; init; }
    public required string Id { get; init; }

    /// <summary>0 when the container is stopped (or not yet started as a process), as runc reports it.</summary>
    public int Pid { get; init; }

    public required string Status { get; init; }
    public required string Bundle { get; init; }
    public required string Rootfs { get; init; }

    [JsonConverter(typeof(Rfc3339NanoConverter))]
    public DateTime Created { get; init; }

    /// <summary>Sorted by key, as Go writes maps; null (left out) when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public string Owner { get; init; } = "";

    public static OciState From(ContainerRecord record, ContainerStatus status) => new()
    {
        OciVersion = RuntimeSpecVersion,
        Id = record.Id,
        Pid = status is ContainerStatus.Stopped or ContainerStatus.Creating ? 0 : record.InitPid,
        Status = status.ToOciString(),
        Bundle = record.Bundle,
        Rootfs = record.Rootfs,
        Created = record.Created,
        Annotations = record.Annotations.Count == 0
            ? null
            : new SortedDictionary<string, string>(record.Annotations, StringComparer.Ordinal),
        Owner = record.Owner,
    };
}
