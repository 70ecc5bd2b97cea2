using OciRuntime.Container.Rootfs;
using OciRuntime.Spec;
using OciRuntime.Tests.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class IdMappedMountPlannerTests
{
    private const string Mapping = """[{"containerID": 0, "hostID": 1000, "size": 1}]""";
    private const string OtherMapping = """[{"containerID": 0, "hostID": 2000, "size": 10}]""";

    private static IReadOnlyList<IdMappedMount> Plan(string patch, bool rootless = false) =>
        IdMappedMountPlanner.Plan(ConfigPatch.Apply(patch), "/bundle", rootless);

    [Fact]
    public void Only_mounts_with_idmap_or_ridmap_are_planned_with_their_index()
    {
        var planned = Plan($$$"""
            {"mounts": [
              {"destination": "/proc", "type": "proc", "source": "proc"},
              {"destination": "/a", "type": "bind", "source": "/srv/a"},
              {"destination": "/b", "type": "bind", "source": "/srv/b", "options": ["idmap"], "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}}
            ]}
            """);

        var mount = Assert.Single(planned);
        Assert.Equal(2, mount.Index);
        Assert.Equal("/srv/b", mount.Source);
        Assert.Equal("/b", mount.Destination);
        Assert.Equal(1000u, Assert.Single(mount.Mapping.Uids).HostId);
        Assert.Null(mount.Mapping.UserNamespacePath);
    }

    [Theory]
    [InlineData("\"bind\", \"idmap\"", false, false)]
    [InlineData("\"rbind\", \"idmap\"", true, false)]
    [InlineData("\"bind\", \"ridmap\"", true, true)]
    [InlineData("\"rbind\", \"ridmap\"", true, true)]
    public void Idmap_maps_the_top_mount_and_ridmap_every_mount_of_the_cloned_tree(string options, bool cloneSubmounts, bool recursive)
    {
        var mount = Assert.Single(Plan($$$"""
            {"mounts": [{"destination": "/d", "source": "/srv", "options": [{{{options}}}], "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}}]}
            """));

        Assert.Equal(cloneSubmounts, mount.CloneSubmounts);
        Assert.Equal(recursive, mount.Recursive);
    }

    [Fact]
    public void Mount_mappings_without_an_option_mean_idmap_as_in_runc_1_2()
    {
        var mount = Assert.Single(Plan($$$"""
            {"mounts": [{"destination": "/d", "type": "bind", "source": "/srv", "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}}]}
            """));

        Assert.False(mount.Recursive);
        Assert.False(mount.CloneSubmounts);
    }

    [Fact]
    public void Without_mount_mappings_the_containers_user_namespace_maps_are_used()
    {
        var mount = Assert.Single(Plan($$$"""
            {"mounts": [{"destination": "/d", "type": "bind", "source": "/srv", "options": ["idmap"]}],
             "linux": {"namespaces": [{"type": "mount"}, {"type": "user"}], "uidMappings": {{{OtherMapping}}}, "gidMappings": {{{Mapping}}}}}
            """));

        Assert.Equal(2000u, Assert.Single(mount.Mapping.Uids).HostId);
        Assert.Equal(1000u, Assert.Single(mount.Mapping.Gids).HostId);
    }

    [Fact]
    public void Without_mount_mappings_a_joined_user_namespace_is_used_itself()
    {
        var mount = Assert.Single(Plan("""
            {"mounts": [{"destination": "/d", "type": "bind", "source": "/srv", "options": ["ridmap"]}],
             "linux": {"namespaces": [{"type": "mount"}, {"type": "user", "path": "/proc/42/ns/user"}]}}
            """));

        Assert.Equal("/proc/42/ns/user", mount.Mapping.UserNamespacePath);
        Assert.Equal("/proc/42/ns/user", mount.Mapping.Key);
    }

    [Fact]
    public void Mounts_with_the_same_mappings_share_a_key_and_different_ones_do_not()
    {
        var planned = Plan($$$"""
            {"mounts": [
              {"destination": "/a", "type": "bind", "source": "/srv/a", "options": ["idmap"], "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}},
              {"destination": "/b", "type": "bind", "source": "/srv/b", "options": ["ridmap"], "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}},
              {"destination": "/c", "type": "bind", "source": "/srv/c", "options": ["idmap"], "uidMappings": {{{Mapping}}}, "gidMappings": {{{OtherMapping}}}}
            ]}
            """);

        Assert.Equal(planned[0].Mapping.Key, planned[1].Mapping.Key);
        Assert.NotEqual(planned[0].Mapping.Key, planned[2].Mapping.Key);
    }

    [Fact]
    public void Rootless_containers_are_refused_as_runc_does()
    {
        var error = Assert.Throws<OciRuntimeException>(() => Plan($$$"""
            {"mounts": [{"destination": "/d", "type": "bind", "source": "/srv", "options": ["idmap"], "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}}]}
            """, rootless: true));

        Assert.Equal("mount /d: idmapped mounts are not supported for rootless containers", error.Message);
    }

    [Fact]
    public void A_missing_source_is_a_clear_error()
    {
        var error = Assert.Throws<OciRuntimeException>(() => Plan($$$"""
            {"mounts": [{"destination": "/d", "type": "bind", "options": ["idmap"], "uidMappings": {{{Mapping}}}, "gidMappings": {{{Mapping}}}}]}
            """));

        Assert.Equal("mount /d: an idmapped bind mount needs a source", error.Message);
    }

    [Fact]
    public void No_mappings_and_no_user_namespace_is_a_clear_error()
    {
        var error = Assert.Throws<OciRuntimeException>(() => Plan("""
            {"mounts": [{"destination": "/d", "type": "bind", "source": "/srv", "options": ["idmap"]}]}
            """));

        Assert.Contains("needs a user namespace", error.Message);
    }
}
