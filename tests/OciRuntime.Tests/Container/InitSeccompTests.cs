using System.Text.Json;
using OciRuntime.Container.Init;
using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Container;

public class InitSeccompTests
{
    // One instruction: BPF_RET|BPF_K with SECCOMP_RET_ALLOW.
    private static readonly byte[] AllowAll = [0x06, 0, 0, 0, 0, 0, 0xff, 0x7f];

    private static InitPlan PlanWith(byte[]? filter, SeccompFilterFlags flags) => new() { SeccompFilter = filter, SeccompFlags = (uint)flags };

    [Fact]
    public void Without_a_filter_in_the_plan_there_is_nothing_to_load()
    {
        Assert.Null(InitSeccomp.From(PlanWith(null, 0), noNewPrivileges: true));
        Assert.Null(InitSeccomp.From(PlanWith([], 0), noNewPrivileges: true));
    }

    [Fact]
    public void With_no_new_privileges_the_filter_waits_until_right_before_exec()
    {
        using var seccomp = InitSeccomp.From(PlanWith(AllowAll, 0), noNewPrivileges: true)!;

        Assert.False(seccomp.LoadsEarly);
    }

    [Fact]
    public void Without_no_new_privileges_the_filter_goes_on_while_CAP_SYS_ADMIN_is_still_there()
    {
        using var seccomp = InitSeccomp.From(PlanWith(AllowAll, 0), noNewPrivileges: false)!;

        Assert.True(seccomp.LoadsEarly);
    }

    [Fact]
    public void A_listener_loads_early_so_the_command_can_still_hand_the_fd_to_the_agent()
    {
        using var seccomp = InitSeccomp.From(PlanWith(AllowAll, SeccompFilterFlags.NewListener), noNewPrivileges: true)!;

        Assert.True(seccomp.LoadsEarly);
    }

    [Fact]
    public void The_filter_crosses_the_sync_socket_intact_inside_the_plan_json()
    {
        var plan = PlanWith(AllowAll, SeccompFilterFlags.Log);

        var back = InitPlanJson.Deserialize(InitPlanJson.Serialize(plan));

        Assert.Equal(AllowAll, back.SeccompFilter);
        Assert.Equal((uint)SeccompFilterFlags.Log, back.SeccompFlags);
    }
}
