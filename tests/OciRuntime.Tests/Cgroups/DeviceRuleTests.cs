using OciRuntime.Cgroups.Devices;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class DeviceRuleTests
{
    private static readonly DeviceRule DenyAll = DeviceRule.FromSpec(false, null, null, null, "rwm");

    [Fact]
    public void Spec_rule_defaults_are_all_types_any_numbers_all_access()
    {
        Assert.Equal(new DeviceRule('a', -1, -1, DeviceAccess.All, true), DeviceRule.FromSpec(true, null, null, null, null));
        Assert.Equal("c 1:* rw", DeviceRule.FromSpec(true, "c", 1, null, "rw").ToV1String());
    }

    [Fact]
    public void Bad_type_is_refused()
    {
        Assert.Throws<OciRuntimeException>(() => DeviceRule.FromSpec(true, "x", 1, 2, "r"));
    }

    [Fact]
    public void Access_letters_other_than_rwm_are_ignored_like_runc()
    {
        Assert.Equal("c 1:11 rw", DeviceRule.FromSpec(false, "c", 1, 11, "rwa").ToV1String());
    }

    [Fact]
    public void Rule_set_keeps_default_and_merged_exceptions_in_runc_order()
    {
        var set = DeviceRuleSet.From(DefaultDevices.WithConfig([DenyAll, DeviceRule.FromSpec(true, "c", 1, 3, "r")]));

        Assert.False(set.DefaultAllow);
        Assert.Equal(
            ["b *:* m", "c *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
             "c 5:0 rwm", "c 5:2 rwm", "c 10:200 rwm", "c 136:* rwm"],
            set.Exceptions.Select(r => r.ToV1String()));
    }

    [Fact]
    public void A_later_all_rule_resets_everything_before_it()
    {
        var set = DeviceRuleSet.From([DeviceRule.FromSpec(true, "c", 1, 3, "rwm"), DeviceRule.FromSpec(true, "a", null, null, "rwm")]);

        Assert.True(set.DefaultAllow);
        Assert.Empty(set.Exceptions);
    }

    [Fact]
    public void Deny_rule_removes_access_from_an_exception()
    {
        var set = DeviceRuleSet.From([DenyAll, DeviceRule.FromSpec(true, "c", 1, 3, "rwm"), DeviceRule.FromSpec(false, "c", 1, 3, "w")]);

        Assert.Equal("c 1:3 rm", Assert.Single(set.Exceptions).ToV1String());
    }

    [Fact]
    public void Punching_a_hole_in_a_wildcard_exception_is_refused()
    {
        var error = Assert.Throws<OciRuntimeException>(() =>
            DeviceRuleSet.From([DenyAll, DeviceRule.FromSpec(true, "c", 1, null, "rw"), DeviceRule.FromSpec(false, "c", 1, 3, "w")]));
        Assert.Contains("hole", error.Message);
    }

    [Fact]
    public void Fresh_v1_cgroup_that_allows_all_is_reset_then_given_each_exception()
    {
        var current = DeviceRuleSet.FromV1List("a *:* rwm\n");
        var target = DeviceRuleSet.From([DenyAll, DeviceRule.FromSpec(true, "c", 1, 3, "rwm"), DeviceRule.FromSpec(true, "b", 8, null, "r")]);

        Assert.Equal(
            [("devices.deny", "a *:* rwm"), ("devices.allow", "c 1:3 rwm"), ("devices.allow", "b 8:* r")],
            V1DeviceWrites.Plan(current, target));
    }

    [Fact]
    public void Update_of_a_v1_cgroup_touches_only_the_differences()
    {
        var current = DeviceRuleSet.FromV1List("c 1:3 rwm\nc 1:5 rwm\nb 8:0 r\n");
        var target = DeviceRuleSet.From([DenyAll, DeviceRule.FromSpec(true, "c", 1, 3, "rw"), DeviceRule.FromSpec(true, "b", 8, 0, "rw"), DeviceRule.FromSpec(true, "c", 4, 1, "r")]);

        Assert.Equal(
            [("devices.deny", "c 1:3 m"), ("devices.deny", "c 1:5 rwm"), ("devices.allow", "b 8:0 w"), ("devices.allow", "c 4:1 r")],
            V1DeviceWrites.Plan(current, target));
    }

    [Fact]
    public void Allow_all_on_a_denying_cgroup_is_one_write()
    {
        var current = DeviceRuleSet.FromV1List("c 1:3 rwm\n");
        var target = DeviceRuleSet.From([DeviceRule.FromSpec(true, null, null, null, null)]);

        Assert.Equal([("devices.allow", "a *:* rwm")], V1DeviceWrites.Plan(current, target));
    }
}
