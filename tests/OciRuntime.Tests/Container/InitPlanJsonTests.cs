using OciRuntime.Cgroups;
using OciRuntime.Container.Init;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class InitPlanJsonTests
{
    private static InitPlan Full() => new()
    {
        Id = "c1",
        Bundle = "/b",
        Rootfs = "/b/rootfs",
        NewNamespaces = 0x7E020000,
        InUserNamespace = true,
        SetGroupsAllowed = false,
        NoPivot = true,
        NoNewKeyring = true,
        ExecFifoFd = 5,
        ConsoleSocketFd = 6,
        PreserveFds = 2,
        ExtraEnvironment = ["LISTEN_FDS=2", "LISTEN_PID=1"],
        StateJson = "{\"ociVersion\":\"1.2.0\",\"status\":\"creating\"}",
        Cgroups = new CgroupPaths { Mode = CgroupMode.Hybrid, V1 = new() { ["cpu"] = "/sys/fs/cgroup/cpu/c1" }, Unified = "/u/c1", Rootless = true },
        HasRuntimeHooks = true,
        SeccompFilter = [1, 2, 3, 250],
        SeccompFlags = 3,
        IdMappedTrees = new() { [0] = 7, [12] = 8 },
        BindSources = [3, 5, 9],
        ShrinkWhenIdle = false,
        PauseAt = "before-pivot",
    };

    [Fact]
    public void Every_field_crosses_to_the_init_intact()
    {
        var plan = Full();

        var back = InitPlanJson.Deserialize(InitPlanJson.Serialize(plan));

        Assert.Equal((plan.Id, plan.Bundle, plan.Rootfs, plan.NewNamespaces, plan.InUserNamespace, plan.SetGroupsAllowed),
            (back.Id, back.Bundle, back.Rootfs, back.NewNamespaces, back.InUserNamespace, back.SetGroupsAllowed));
        Assert.Equal((plan.NoPivot, plan.NoNewKeyring, plan.ExecFifoFd, plan.ConsoleSocketFd, plan.PreserveFds),
            (back.NoPivot, back.NoNewKeyring, back.ExecFifoFd, back.ConsoleSocketFd, back.PreserveFds));
        Assert.Equal(plan.ExtraEnvironment, back.ExtraEnvironment);
        Assert.Equal((plan.StateJson, plan.HasRuntimeHooks, plan.SeccompFlags, plan.ShrinkWhenIdle, plan.PauseAt),
            (back.StateJson, back.HasRuntimeHooks, back.SeccompFlags, back.ShrinkWhenIdle, back.PauseAt));
        Assert.Equal(plan.SeccompFilter, back.SeccompFilter);
        Assert.Equal(plan.IdMappedTrees, back.IdMappedTrees);
        Assert.Equal(plan.BindSources, back.BindSources);
        Assert.Equal((CgroupMode.Hybrid, "/u/c1", true), (back.Cgroups!.Mode, back.Cgroups.Unified, back.Cgroups.Rootless));
        Assert.Equal(plan.Cgroups!.V1, back.Cgroups.V1);
    }

    [Fact]
    public void Optional_parts_stay_absent()
    {
        var back = InitPlanJson.Deserialize(InitPlanJson.Serialize(new InitPlan { Id = "c2" }));

        Assert.Equal("c2", back.Id);
        Assert.Null(back.Cgroups);
        Assert.Null(back.SeccompFilter);
        Assert.Null(back.IdMappedTrees);
        Assert.Empty(back.BindSources);
        Assert.Null(back.PauseAt);
        Assert.Equal((-1, -1, true, true), (back.ExecFifoFd, back.ConsoleSocketFd, back.SetGroupsAllowed, back.ShrinkWhenIdle));
    }

    [Fact]
    public void A_plan_from_another_build_is_refused()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => InitPlanJson.Deserialize("{\"id\":\"c\",\"newField\":1}"u8));
    }
}
