using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>linux.sysctl as Docker and Kubernetes send it: /proc/sys is also in readonlyPaths.</summary>
public sealed class SysctlTests
{
    /// <summary>--no-pivot takes the re-executed init stage, no flag the in-process build: both write the sysctls.</summary>
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Namespaced_sysctls_are_written_before_proc_sys_becomes_read_only(bool initStage)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "cat /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shm_rmid_forced /proc/sys/fs/mqueue/msg_max; " +
            "echo 0 2>/dev/null > /proc/sys/kernel/shm_rmid_forced || echo read-only");
        bundle.Linux["sysctl"] = new JsonObject
        {
            ["net.ipv4.ip_unprivileged_port_start"] = "0",
            ["kernel.shm_rmid_forced"] = "1",
            ["fs.mqueue.msg_max"] = "12",
        };
        ((JsonArray)bundle.Linux["readonlyPaths"]!).Add((JsonNode)JsonValue.Create("/proc/sys")!);
        bundle.Save();

        var result = bundle.Ocirun(["run", .. initStage ? new[] { "--no-pivot" } : [], "--bundle", bundle.Directory, bundle.NewId()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("0\n1\n12\nread-only\n", result.Stdout);
    }

    [SkippableFact]
    public void A_sysctl_that_cannot_be_written_is_one_line_naming_it()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        bundle.Linux["sysctl"] = new JsonObject { ["net.ipv4.no_such_setting"] = "1" };
        bundle.Save();
        var id = bundle.NewId();

        var result = bundle.Ocirun("run", "--bundle", bundle.Directory, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ocirun: run {id}: sysctl net.ipv4.no_such_setting=1: open /proc/sys/net/ipv4/no_such_setting: " +
                     "no such file or directory\n", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)), "the failed run left its state behind");
    }
}
