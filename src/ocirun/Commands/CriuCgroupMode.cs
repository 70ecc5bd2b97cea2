using Ocirun.Cli.Values;

namespace Ocirun.Commands;

/// <summary><c>--manage-cgroups-mode</c> of checkpoint and restore: how criu treats the container's cgroups.</summary>
internal enum CriuCgroupMode { Soft, Full, Strict }

internal static class CriuCgroupModes
{
    /// <summary>runc 1.1 accepts exactly these three names; an empty value means criu's default (soft).</summary>
    public static CriuCgroupMode? Parse(string text) => text switch
    {
        "" => null,
        "soft" => CriuCgroupMode.Soft,
        "full" => CriuCgroupMode.Full,
        "strict" => CriuCgroupMode.Strict,
        _ => throw new InvalidValueException("must be soft, full or strict"),
    };
}
