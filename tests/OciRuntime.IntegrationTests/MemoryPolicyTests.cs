using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>linux.memoryPolicy as the container's program sees it in /proc/self/numa_maps (the task's policy shows on
/// every mapping without one of its own), on a host with node 0.</summary>
public sealed class MemoryPolicyTests
{
    /// <summary>--no-pivot takes the re-executed init stage, no flag the in-process build with its raw init.</summary>
    [SkippableTheory]
    [InlineData("MPOL_BIND", null, "bind:0", false)]
    [InlineData("MPOL_BIND", "MPOL_F_STATIC_NODES", "bind=static:0", false)]
    [InlineData("MPOL_PREFERRED", null, "prefer:0", false)]
    [InlineData("MPOL_BIND", null, "bind:0", true)]
    public void The_program_runs_under_the_policy(string mode, string? flag, string shown, bool initStage)
    {
        Root.Require();
        Skip.IfNot(File.Exists("/proc/self/numa_maps"), "the kernel has no NUMA support");
        using var bundle = new BusyboxBundle("sh", "-c", "head -1 /proc/self/numa_maps");
        var policy = new JsonObject { ["mode"] = mode, ["nodes"] = "0" };
        if (flag != null) policy["flags"] = new JsonArray((JsonNode)JsonValue.Create(flag)!);
        bundle.Linux["memoryPolicy"] = policy;
        bundle.Save();

        var result = bundle.Ocirun(["run", .. initStage ? new[] { "--no-pivot" } : [], "--bundle", bundle.Directory, bundle.NewId()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(shown, result.Stdout.Split(' ')[1]);
    }

    [SkippableFact]
    public void A_node_the_host_lacks_fails_create_before_anything_exists()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        bundle.Linux["memoryPolicy"] = new JsonObject { ["mode"] = "MPOL_BIND", ["nodes"] = "63" };
        bundle.Save();
        var id = bundle.NewId();

        var result = bundle.Ocirun("run", "--bundle", bundle.Directory, id);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"ocirun: run {id}: linux.memoryPolicy.nodes: node 63 is not online on this host (online: ", result.Stderr);
        Assert.False(Directory.Exists(Path.Join(bundle.StateRoot, id)));
    }
}
