using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;
using static OciRuntime.IntegrationTests.LifecycleTests;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// Many containers at once, and every command racing on one container. Kept small for `make test`;
/// OCIRUN_CONCURRENCY=100/16 (containers/parallelism) scales the first case up. Two creates of one id racing is
/// CliTests.Concurrent_commands_leave_no_torn_or_lost_state.
/// </summary>
public sealed class ConcurrencyTests
{
    private static (int Containers, int Parallelism) Scale() =>
        Environment.GetEnvironmentVariable("OCIRUN_CONCURRENCY") is { } value && value.Split('/') is [var n, var p]
            ? (int.Parse(n), int.Parse(p))
            : (20, 8);

    [SkippableFact]
    public void Containers_created_and_started_in_parallel_are_all_listed_consistently_then_deleted_in_parallel()
    {
        Root.Require();
        var (containers, parallelism) = Scale();
        using var bundle = new BusyboxBundle("sleep", "60");
        var ids = Enumerable.Range(0, containers).Select(_ => bundle.NewId("par")).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        var failures = new ConcurrentBag<string>();

        Parallel.ForEach(ids, options, id =>
        {
            var create = bundle.Ocirun("create", "--bundle", bundle.Directory, id);
            var start = create.ExitCode == 0 ? bundle.Ocirun("start", id) : create;
            if (start.ExitCode != 0) failures.Add($"{id}: {start}");
        });
        Assert.Empty(failures);

        var list = bundle.Ocirun("list", "--format", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var listed = JsonNode.Parse(list.Stdout)!.AsArray().ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!);
        Assert.Equal(ids.Order(), listed.Keys.Order());
        Parallel.ForEach(ids, options, id =>
        {
            var state = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!;
            if (state["status"]!.GetValue<string>() != "running" || listed[id]["status"]!.GetValue<string>() != "running" ||
                state["pid"]!.GetValue<int>() != listed[id]["pid"]!.GetValue<int>())
                failures.Add($"{id}: state {state.ToJsonString()} list {listed[id].ToJsonString()}");
        });
        Assert.Empty(failures);
        Assert.Equal(containers, listed.Values.Select(c => c["pid"]!.GetValue<int>()).Distinct().Count());

        Parallel.ForEach(ids, options, id =>
        {
            var delete = bundle.Ocirun("delete", "--force", id);
            if (delete.ExitCode != 0) failures.Add($"{id}: {delete}");
        });
        Assert.Empty(failures);
        Assert.Equal("null", bundle.Ocirun("list", "--format", "json").Stdout.Trim());
        Assert.DoesNotContain(Directory.GetDirectories(bundle.StateRoot), dir => !Path.GetFileName(dir).StartsWith(".~seccomp"));
        Assert.All(ids, id => Assert.Empty(FaultTests.CgroupsNamed(id)));
        Assert.All(listed.Values, c => WaitFor(() => IsGone(c["pid"]!.GetValue<int>())));
    }

    [SkippableFact]
    public void Kill_delete_state_and_exec_racing_on_one_container_never_tear_its_state()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "60");
        for (var round = 0; round < 3; round++)
        {
            var id = bundle.NewId("race");
            Assert.Equal(0, bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id).ExitCode);
            var commands = new List<string[]>();
            for (var i = 0; i < 8; i++) commands.Add(["state", id]);
            for (var i = 0; i < 4; i++) commands.Add(["exec", id, "true"]);
            for (var i = 0; i < 2; i++) commands.Add(["kill", id, "KILL"]);
            for (var i = 0; i < 2; i++) commands.Add(["delete", "--force", id]);
            commands.Add(["list", "--format", "json"]);

            var results = commands.Select(args => Task.Run(() => (Args: args, Result: bundle.Ocirun(args)))).ToArray();
            Task.WaitAll(results);

            foreach (var (args, result) in results.Select(task => task.Result))
            {
                var context = $"{string.Join(' ', args)}: {result}";
                // An exec'd process that the racing kill reached exits 137 and ocirun reports its code, as runc.
                var execKilled = args[0] == "exec" && result.ExitCode == 137 && result.Stderr.Length == 0;
                // Otherwise either it worked or it says why in one line, prefixed as runc does.
                if (result.ExitCode != 0 && !execKilled)
                {
                    Assert.True(result.Stderr.StartsWith($"ocirun: {args[0]} {id}: "), context);
                    Assert.True(result.Stderr.TrimEnd('\n').Split('\n').Length == 1, context);
                }
                switch (args[0])
                {
                    case "state" when result.ExitCode == 0:
                        var state = JsonNode.Parse(result.Stdout)!;
                        Assert.Equal(id, state["id"]!.GetValue<string>());
                        Assert.Contains(state["status"]!.GetValue<string>(), new[] { "running", "stopped" });
                        break;
                    case "state":
                        Assert.Contains("container does not exist", result.Stderr);
                        break;
                    case "delete":
                        Assert.True(result.ExitCode == 0, context);
                        break;
                    case "kill" when result.ExitCode != 0:
                        Assert.True(result.Stderr.Contains("container not running") || result.Stderr.Contains("container does not exist"), context);
                        break;
                    case "exec" when result.ExitCode != 0 && !execKilled:
                        Assert.True(result.Stderr.Contains("container does not exist") || result.Stderr.Contains("stopped container")
                                    || result.Stderr.Contains("container not running") || result.Stderr.Contains("exited"), context);
                        break;
                    case "list":
                        Assert.True(result.ExitCode == 0, context);
                        Assert.True(result.Stdout.Trim() == "null" || JsonNode.Parse(result.Stdout) is JsonArray, context);
                        break;
                }
            }
            Assert.Contains("container does not exist", bundle.Ocirun("state", id).Stderr);
            Assert.Empty(FaultTests.CgroupsNamed(id));
        }
    }
}
