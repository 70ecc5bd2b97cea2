using static OciRuntime.Linux.MountApi;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// An OCI mount's <c>options</c> turned into what mount(2) takes: flags to set, flags a bind remount must keep
/// clear, propagation changes applied afterwards, the filesystem data string, runc's recursive attributes
/// (mount_setattr on the whole mounted tree) and runc's extensions.
/// </summary>
internal sealed record MountOptions(
    ulong Flags,
    ulong ClearedFlags,
    IReadOnlyList<ulong> Propagation,
    string Data,
    RecursiveAttributes Recursive,
    bool TmpCopyUp,
    bool IdMap,
    bool RecursiveIdMap,
    string IgnoredData = "")
{
    public bool IsBind => (Flags & MS_BIND) != 0;
    public bool IsRecursive => (Flags & MS_REC) != 0;

    private static readonly Dictionary<string, (bool Clear, ulong Flag)> FlagOptions = new()
    {
        ["async"] = (true, MS_SYNCHRONOUS), ["atime"] = (true, MS_NOATIME), ["bind"] = (false, MS_BIND),
        ["defaults"] = (false, 0), ["dev"] = (true, MS_NODEV), ["diratime"] = (true, MS_NODIRATIME),
        ["dirsync"] = (false, MS_DIRSYNC), ["exec"] = (true, MS_NOEXEC), ["iversion"] = (false, 1 << 23),
        ["lazytime"] = (false, MS_LAZYTIME), ["loud"] = (true, MS_SILENT), ["mand"] = (false, MS_MANDLOCK),
        ["noatime"] = (false, MS_NOATIME), ["nodev"] = (false, MS_NODEV), ["nodiratime"] = (false, MS_NODIRATIME),
        ["noexec"] = (false, MS_NOEXEC), ["noiversion"] = (true, 1 << 23), ["nolazytime"] = (true, MS_LAZYTIME),
        ["nomand"] = (true, MS_MANDLOCK), ["norelatime"] = (true, MS_RELATIME), ["nostrictatime"] = (true, MS_STRICTATIME),
        ["nosuid"] = (false, MS_NOSUID), ["nosymfollow"] = (false, MS_NOSYMFOLLOW), ["rbind"] = (false, MS_BIND | MS_REC),
        ["relatime"] = (false, MS_RELATIME), ["remount"] = (false, MS_REMOUNT), ["ro"] = (false, MS_RDONLY),
        ["rw"] = (true, MS_RDONLY), ["silent"] = (false, MS_SILENT), ["strictatime"] = (false, MS_STRICTATIME),
        ["suid"] = (true, MS_NOSUID), ["symfollow"] = (true, MS_NOSYMFOLLOW), ["sync"] = (false, MS_SYNCHRONOUS),
    };

    private static readonly Dictionary<string, ulong> PropagationOptions = new()
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC, ["shared"] = MS_SHARED,
        ["rshared"] = MS_SHARED | MS_REC, ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    /// <summary>runc 1.1's recursive attributes: name, whether it clears, and the MOUNT_ATTR_* it concerns.</summary>
    private static readonly Dictionary<string, (bool Clear, ulong Attr)> RecursiveOptions = new()
    {
        ["rro"] = (false, MOUNT_ATTR_RDONLY), ["rrw"] = (true, MOUNT_ATTR_RDONLY),
        ["rnosuid"] = (false, MOUNT_ATTR_NOSUID), ["rsuid"] = (true, MOUNT_ATTR_NOSUID),
        ["rnodev"] = (false, MOUNT_ATTR_NODEV), ["rdev"] = (true, MOUNT_ATTR_NODEV),
        ["rnoexec"] = (false, MOUNT_ATTR_NOEXEC), ["rexec"] = (true, MOUNT_ATTR_NOEXEC),
        ["rnodiratime"] = (false, MOUNT_ATTR_NODIRATIME), ["rdiratime"] = (true, MOUNT_ATTR_NODIRATIME),
        ["rrelatime"] = (false, MOUNT_ATTR_RELATIME), ["rnorelatime"] = (true, MOUNT_ATTR_RELATIME),
        ["rnoatime"] = (false, MOUNT_ATTR_NOATIME), ["ratime"] = (true, MOUNT_ATTR_NOATIME),
        ["rstrictatime"] = (false, MOUNT_ATTR_STRICTATIME), ["rnostrictatime"] = (true, MOUNT_ATTR_STRICTATIME),
        ["rnosymfollow"] = (false, MOUNT_ATTR_NOSYMFOLLOW), ["rsymfollow"] = (true, MOUNT_ATTR_NOSYMFOLLOW),
    };

    /// <summary>Every option name this parser gives a meaning (the features document lists them).</summary>
    public static IEnumerable<string> Known =>
        FlagOptions.Keys.Concat(PropagationOptions.Keys).Concat(RecursiveOptions.Keys)
            .Concat(["tmpcopyup", "idmap", "ridmap"]).Order(StringComparer.Ordinal);

    /// <summary>
    /// Parses options the way runc does: known flag names set or clear flags, propagation names are collected,
    /// runc's extensions are recognised, and anything else is passed to the filesystem as data (so
    /// <c>mode=755</c> or <c>size=65536k</c> reach tmpfs; the kernel refuses what the filesystem does not know).
    /// A bind mount takes no data: runc and crun ignore it there, and so do we (<see cref="IgnoredData"/>, which the
    /// mount's maker notes in the debug log).
    /// </summary>
    public static MountOptions Parse(IEnumerable<string>? options, string? type)
    {
        ulong flags = 0, cleared = 0;
        var propagation = new List<ulong>();
        var data = new List<string>();
        var recursive = RecursiveAttributes.None;
        bool tmpCopyUp = false, idMap = false, rIdMap = false;
        foreach (var option in options ?? [])
        {
            if (FlagOptions.TryGetValue(option, out var f))
            {
                if (f.Clear)
                {
                    flags &= ~f.Flag;
                    cleared |= f.Flag;
                }
                else
                {
                    flags |= f.Flag;
                    cleared &= ~f.Flag;
                }
            }
            else if (PropagationOptions.TryGetValue(option, out var p)) propagation.Add(p);
            else if (RecursiveOptions.TryGetValue(option, out var r)) recursive = recursive.With(option, r.Clear, r.Attr);
            else if (option == "tmpcopyup") tmpCopyUp = true;
            else if (option == "idmap") idMap = true;
            else if (option == "ridmap") rIdMap = true;
            else data.Add(option);
        }
        if (type == "bind") flags |= MS_BIND;
        var ignored = "";
        if ((flags & MS_BIND) != 0 && data.Count > 0)
        {
            ignored = string.Join(',', data);
            data.Clear();
        }
        return new MountOptions(flags, cleared, propagation, string.Join(',', data), recursive, tmpCopyUp, idMap, rIdMap, ignored);
    }
}
