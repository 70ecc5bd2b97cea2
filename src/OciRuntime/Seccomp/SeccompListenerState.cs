namespace OciRuntime.Seccomp;

/// <summary>
/// What the seccomp agent at <c>listenerPath</c> is told about the container (runtime-spec
/// <c>ContainerProcessState</c>): the OCI state of the container plus the pid of the process whose filter
/// the fd belongs to, and the profile's <c>listenerMetadata</c>.
/// </summary>
public sealed record SeccompListenerState(
    string OciVersion,
    string ContainerId,
    string Status,
    int InitPid,
    string Bundle,
    IReadOnlyDictionary<string, string>? Annotations,
    int ProcessPid,
    string? Metadata);
