using System.Security.Cryptography;

namespace OciRuntime.Container.State;

/// <summary>
/// Names of the store's transient entries. They contain '~', which no container ID may, so a half-made
/// or half-removed container directory is never listed or loaded as a container.
/// </summary>
internal static class StateNames
{
    public static string StagingSuffix() => ".~" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A container directory under construction, renamed into place once complete.</summary>
    public static string NewContainer() => ".new" + StagingSuffix();

    /// <summary>A container directory that was renamed away by delete and is being removed.</summary>
    public static string DeletedContainer() => ".del" + StagingSuffix();
}
