using OciRuntime.Container.Rootfs;
using Xunit;
using static OciRuntime.Linux.MountApi;
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
        var o = MountOptions.Parse(["rbind", "mode=755", "ro", "size=1m"], "bind");
        Assert.Equal("", o.Data);
        Assert.Equal("mode=755,size=1m", o.IgnoredData);
        Assert.Equal(MS_BIND | MS_REC | MS_RDONLY, o.Flags);
        Assert.Equal("", MountOptions.Parse(["mode=755"], "tmpfs").IgnoredData);
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

    [Theory]
    [InlineData("rro", MOUNT_ATTR_RDONLY, 0ul)]
    [InlineData("rrw", 0ul, MOUNT_ATTR_RDONLY)]
    [InlineData("rnosuid", MOUNT_ATTR_NOSUID, 0ul)]
    [InlineData("rsuid", 0ul, MOUNT_ATTR_NOSUID)]
    [InlineData("rnodev", MOUNT_ATTR_NODEV, 0ul)]
    [InlineData("rdev", 0ul, MOUNT_ATTR_NODEV)]
    [InlineData("rnoexec", MOUNT_ATTR_NOEXEC, 0ul)]
    [InlineData("rexec", 0ul, MOUNT_ATTR_NOEXEC)]
    [InlineData("rnodiratime", MOUNT_ATTR_NODIRATIME, 0ul)]
    [InlineData("rdiratime", 0ul, MOUNT_ATTR_NODIRATIME)]
    [InlineData("rnosymfollow", MOUNT_ATTR_NOSYMFOLLOW, 0ul)]
    [InlineData("rsymfollow", 0ul, MOUNT_ATTR_NOSYMFOLLOW)]
    [InlineData("rrelatime", MOUNT_ATTR_RELATIME, MOUNT_ATTR__ATIME)]
    [InlineData("rnoatime", MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME)]
    [InlineData("rstrictatime", MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME)]
    public void Recursive_options_set_or_clear_one_mount_attribute(string option, ulong set, ulong clear)
    {
        var o = MountOptions.Parse(["rbind", option], "bind");

        Assert.Equal(set, o.Recursive.Set);
        Assert.Equal(clear, o.Recursive.Clear);
        Assert.Equal([option], o.Recursive.Options);
        Assert.Equal(MS_BIND | MS_REC, o.Flags);
        Assert.Equal(0ul, o.ClearedFlags);
        Assert.Equal("", o.Data);
    }

    [Theory]
    [InlineData("ratime")]
    [InlineData("rnorelatime")]
    [InlineData("rnostrictatime")]
    public void A_clearing_atime_option_alone_changes_nothing(string option)
    {
        var o = MountOptions.Parse([option], "bind");

        Assert.True(o.Recursive.IsEmpty);
        Assert.Equal("", o.Data);
    }

    [Fact]
    public void A_clearing_atime_option_cancels_the_same_mode_given_before_it()
    {
        var cancelled = MountOptions.Parse(["rnoatime", "ratime"], "bind").Recursive;
        var kept = MountOptions.Parse(["rstrictatime", "ratime"], "bind").Recursive;

        Assert.True(cancelled.IsEmpty);
        Assert.Equal(MOUNT_ATTR_STRICTATIME, kept.Set);
        Assert.Equal(MOUNT_ATTR__ATIME, kept.Clear);
    }

    [Fact]
    public void The_last_atime_mode_wins_and_always_clears_the_whole_atime_mask()
    {
        var o = MountOptions.Parse(["rnoatime", "rstrictatime"], "bind").Recursive;

        Assert.Equal(MOUNT_ATTR_STRICTATIME, o.Set);
        Assert.Equal(MOUNT_ATTR__ATIME, o.Clear);
    }

    [Fact]
    public void Later_recursive_options_override_earlier_opposite_ones()
    {
        var o = MountOptions.Parse(["rro", "rnosuid", "rrw", "rnodev", "rsuid", "rnoexec"], "bind").Recursive;

        Assert.Equal(MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC, o.Set);
        Assert.Equal(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, o.Clear);
    }

    [Fact]
    public void Recursive_options_sit_beside_plain_flags_and_reach_no_filesystem_as_data()
    {
        var o = MountOptions.Parse(["ro", "rnosuid", "mode=755", "rnoexec"], "tmpfs");

        Assert.Equal(MS_RDONLY, o.Flags);
        Assert.Equal(MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, o.Recursive.Set);
        Assert.Equal("mode=755", o.Data);
    }

    [Fact]
    public void Known_lists_the_recursive_options()
    {
        var known = MountOptions.Known.ToList();

        foreach (var option in new[] { "rro", "rrw", "rnosuid", "rsuid", "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime",
                     "rdiratime", "rrelatime", "rnorelatime", "rnoatime", "ratime", "rstrictatime", "rnostrictatime",
                     "rnosymfollow", "rsymfollow", "idmap", "ridmap" })
            Assert.Contains(option, known);
    }
}
