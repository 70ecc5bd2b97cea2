using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// CPU affinity as runc 1.3.1: a container's processes start on every CPU their cpuset allows, not on the CPU the
/// caller was pinned to (ocirun runs under taskset -c 0 here), and exec's execCPUAffinity.final pins the program.
/// </summary>
public sealed class CpuAffinityTests
{
    private static string AllCpus => Environment.ProcessorCount == 1 ? "0" : $"0-{Environment.ProcessorCount - 1}";

    private static CommandResult Pinned(BusyboxBundle bundle, params string[] args) =>
        Infrastructure.Ocirun.Exec("taskset", ["-c", "0", Infrastructure.Ocirun.BinaryPath, "--root", bundle.StateRoot, .. args]);

    private static string AllowedList(string output) =>
        output.Split('\n').Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split('\t')[1];

    /// <summary>--no-pivot takes the re-executed init stage, no flag the in-process build with its raw init.</summary>
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_init_of_a_pinned_caller_runs_on_every_cpu(bool initStage)
    {
        Root.Require();
        Skip.If(Environment.ProcessorCount < 2, "one CPU: nothing to reset");
        using var bundle = new BusyboxBundle("grep", "Cpus_allowed_list", "/proc/self/status");

        var result = Pinned(bundle, ["run", .. initStage ? new[] { "--no-pivot" } : [], "--bundle", bundle.Directory, bundle.NewId()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(AllCpus, AllowedList(result.Stdout));
    }

    [SkippableFact]
    public void Exec_runs_on_every_cpu_or_on_its_final_affinity()
    {
        Root.Require();
        Skip.If(Environment.ProcessorCount < 2, "one CPU: nothing to pin");
        using var bundle = new BusyboxBundle("sleep", "100");
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("run", "-d", "--bundle", bundle.Directory, id).ExitCode);

        var plain = Pinned(bundle, "exec", id, "grep", "Cpus_allowed_list", "/proc/self/status");
        var process = (JsonObject)bundle.Process.DeepClone();
        process["args"] = new JsonArray("grep", "Cpus_allowed_list", "/proc/self/status");
        process["terminal"] = false;
        process["execCPUAffinity"] = new JsonObject { ["initial"] = "0", ["final"] = "1" };
        var processFile = Path.Join(bundle.Directory, "process.json");
        File.WriteAllText(processFile, process.ToJsonString());
        var pinned = Pinned(bundle, "exec", "--process", processFile, id);

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal(AllCpus, AllowedList(plain.Stdout));
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.Equal("1", AllowedList(pinned.Stdout));
    }
}
