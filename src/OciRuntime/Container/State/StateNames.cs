namespace OciRuntime.Container.State;

/// <summary>
/// Names of the store's transient entries. They contain '~', which no container ID may, so a half-made
/// or half-removed container directory is never listed or loaded as a container.
/// </summary>
internal static class StateNames
{
    /// <summary>
    /// Unique among concurrent writers: our pid plus a random part. Not a secret, so no cryptographic generator
    /// (on Linux that loads OpenSSL, milliseconds of every create for nothing).
    /// </summary>
    public static string StagingSuffix() => $".~{Environment.ProcessId:x}.{Random.Shared.NextInt64():x}";

    /// <summary>A container directory under construction, renamed into place once complete.</summary>
    public static string NewContainer() => ".new" + StagingSuffix();

    /// <summary>A container directory that was renamed away by delete and is being removed.</summary>
    public static string DeletedContainer() => ".del" + StagingSuffix();
}
