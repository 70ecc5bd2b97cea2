using static OciRuntime.Linux.MountApi;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// What runc's recursive options (<c>rro</c>, <c>rnosuid</c>, ...) ask of mount_setattr(2): attributes to set and to
/// clear on the mount and every mount below it, and the option names that asked (for error messages).
/// </summary>
internal sealed record RecursiveAttributes(ulong Set, ulong Clear, IReadOnlyList<string> Options)
{
    public static readonly RecursiveAttributes None = new(0, 0, []);

    public bool IsEmpty => Set == 0 && Clear == 0;

    /// <summary>
    /// Adds one option; a later option wins over an earlier opposite one. The atime family is one mode, not a set
    /// of bits: the kernel wants the whole MOUNT_ATTR__ATIME mask in attr_clr with the mode chosen in attr_set.
    /// A clearing atime option (<c>ratime</c>, <c>rnorelatime</c>, <c>rnostrictatime</c>) names no mode of its own,
    /// so it cancels the same mode given earlier and otherwise leaves every mount's atime alone (a partial mask in
    /// attr_clr, as runc passes it, is refused by the kernel with EINVAL).
    /// </summary>
    public RecursiveAttributes With(string option, bool clear, ulong attribute)
    {
        var options = Options.Append(option).ToList();
        if (IsAtimeMode(attribute))
        {
            var chosen = (Clear & MOUNT_ATTR__ATIME) != 0;
            if (!clear) return new((Set & ~MOUNT_ATTR__ATIME) | attribute, Clear | MOUNT_ATTR__ATIME, options);
            if (chosen && (Set & MOUNT_ATTR__ATIME) == attribute)
                return new(Set & ~MOUNT_ATTR__ATIME, Clear & ~MOUNT_ATTR__ATIME, options);
            return this with { Options = options };
        }
        return clear
            ? new(Set & ~attribute, Clear | attribute, options)
            : new(Set | attribute, Clear & ~attribute, options);
    }

    private static bool IsAtimeMode(ulong attribute) => attribute is MOUNT_ATTR_RELATIME or MOUNT_ATTR_NOATIME or MOUNT_ATTR_STRICTATIME;
}
