using OciRuntime.Container.Rootfs;
using Xunit;
using static OciRuntime.Linux.Mounts;

namespace OciRuntime.Tests.Container;

public sealed class MountOptionsTests
{
    [Fact]
    public void Flags_data_and_propagation_are_separated()
    {
        var o = MountOptions.Parse(["nosuid", "noexec", "nodev", "mode=755", "size=65536k", "rprivate"], "tmpfs");
        Assert.Equal(MS_NOSUID | MS_NOEXEC | MS_NODEV, o.Flags);
        Assert.Equal("mode=755,size=65536k", o.Data);
        Assert.Equal([MS_PRIVATE | MS_REC], o.Propagation);
        Assert.False(o.IsBind);
    }

    [Fact]
    public void Later_options_override_earlier_ones()
    {
        var o = MountOptions.Parse(["ro", "rw", "nosuid", "suid", "noatime"], "proc");
        Assert.Equal(MS_NOATIME, o.Flags);
        Assert.Equal(MS_RDONLY | MS_NOSUID, o.ClearedFlags);
    }

    [Fact]
    public void Rbind_is_a_recursive_bind_and_bind_type_implies_bind()
    {
        Assert.Equal(MS_BIND | MS_REC, MountOptions.Parse(["rbind", "ro"], "none").Flags & (MS_BIND | MS_REC));
        var typed = MountOptions.Parse(["ro"], "bind");
        Assert.True(typed.IsBind);
        Assert.False(typed.IsRecursive);
        Assert.Equal(MS_BIND | MS_RDONLY, typed.Flags);
    }

    [Fact]
    public void Runc_extensions_are_recognised()
    {
        var o = MountOptions.Parse(["tmpcopyup", "idmap", "ridmap"], "tmpfs");
        Assert.True(o.TmpCopyUp);
        Assert.True(o.IdMap);
        Assert.True(o.RecursiveIdMap);
        Assert.Equal("", o.Data);
    }

    [Fact]
    public void Filesystem_data_on_a_bind_mount_is_ignored_as_runc_does()
    {
        var o = MountOptions.Parse(["rbind", "mode=755", "ro"], "bind");
        Assert.Equal("", o.Data);
        Assert.Equal(MS_BIND | MS_REC | MS_RDONLY, o.Flags);
    }

    [Fact]
    public void Known_lists_every_option_name_once()
    {
        var known = MountOptions.Known.ToList();
        Assert.Equal(known.Count, known.Distinct().Count());
        Assert.Contains("rslave", known);
        Assert.Contains("nosymfollow", known);
        Assert.Contains("tmpcopyup", known);
    }
}
