using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// The state lock is the command's alone: no container process ever holds it, so a frozen container never makes
/// `state` or `delete --force` wait, and a cgroup that would freeze the container's first process is refused before
/// any process enters it. Every command here is bounded by a timeout: a hang fails the test instead of stalling it.
/// </summary>
public sealed class ContainerLockTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static TheoryData<bool> Paths => new() { false, true };

    /// <param name="userNamespace">true: the init stage builds the container (a user namespace); false: the
    /// in-process build.</param>
    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void A_paused_container_never_blocks_state_or_delete_force(bool userNamespace)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 100 & exec sleep 100");
        if (userNamespace) AddUserNamespace(bundle);
        var id = bundle.NewId();
        Ok(bundle.OcirunWith(null, Bound, "run", "--detach", "--bundle", bundle.Directory, id));
        var initPid = JsonNode.Parse(Ok(bundle.OcirunWith(null, Bound, "state", id)).Stdout)!["pid"]!.GetValue<int>();
        var stateDirectory = Path.Join(bundle.StateRoot, id);
        Assert.DoesNotContain(OpenFiles(initPid), target => target == stateDirectory);

        Ok(bundle.OcirunWith(null, Bound, "pause", id));

        Assert.Equal("paused", JsonNode.Parse(Ok(bundle.OcirunWith(null, Bound, "state", id)).Stdout)!["status"]!.GetValue<string>());
        Ok(bundle.OcirunWith(null, Bound, "delete", "--force", id));
        Assert.False(Directory.Exists(stateDirectory));
        Assert.True(Gone(initPid), "the init outlived delete --force");
    }

    [SkippableTheory]
    [InlineData("create")]
    [InlineData("run")]
    public void A_frozen_pre_existing_freezer_cgroup_is_refused_before_any_process_enters_it(string command)
    {
        Root.Require();
        const string freezerRoot = "/sys/fs/cgroup/freezer";
        Skip.IfNot(Directory.Exists(freezerRoot), "no cgroup v1 freezer on this host (the cgroup v2 case runs in make test-v2)");
        using var bundle = new BusyboxBundle("sleep", "100");
        var cgroup = $"ocirun-it-frozen-{Guid.NewGuid():N}"[..30];
        bundle.Linux["cgroupsPath"] = "/" + cgroup;
        bundle.Save();
        var freezer = Path.Join(freezerRoot, cgroup);
        Directory.CreateDirectory(freezer);
        try
        {
            File.WriteAllText(Path.Join(freezer, "freezer.state"), "FROZEN");
            var id = bundle.NewId();

            var result = command == "run"
                ? bundle.OcirunWith(null, Bound, "run", "--detach", "--bundle", bundle.Directory, id)
                : bundle.OcirunWith(null, Bound, "create", "--bundle", bundle.Directory, id);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"ocirun: {command} {id}: container's cgroup unexpectedly frozen\n", result.Stderr);
            Assert.Equal("", File.ReadAllText(Path.Join(freezer, "cgroup.procs")));
            Assert.False(Directory.Exists(Path.Join(bundle.StateRoot, id)));
            Assert.False(Directory.Exists(Path.Join("/sys/fs/cgroup/memory", cgroup)), "create made the other hierarchies' cgroups");
        }
        finally
        {
            File.WriteAllText(Path.Join(freezer, "freezer.state"), "THAWED");
            Directory.Delete(freezer);
        }
    }

    [SkippableFact]
    public void A_container_sharing_a_non_empty_cgroup_is_created_with_a_warning()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        bundle.Linux["cgroupsPath"] = $"/ocirun-it-shared-{Guid.NewGuid():N}"[..30];
        bundle.Save();

        var first = Ok(bundle.OcirunWith(null, Bound, "run", "--detach", "--bundle", bundle.Directory, bundle.NewId()));
        var second = Ok(bundle.OcirunWith(null, Bound, "create", "--bundle", bundle.Directory, bundle.NewId()));

        Assert.DoesNotContain("not empty", first.Stderr);
        Assert.Contains("container's cgroup is not empty: 1 process(es) found", second.Stderr);
    }

    private static void AddUserNamespace(BusyboxBundle bundle)
    {
        ((JsonArray)bundle.Linux["namespaces"]!).Add(new JsonObject { ["type"] = "user" });
        bundle.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        bundle.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        bundle.Save();
    }

    /// <summary>Whether a process has exited (a zombie its new parent has not reaped yet counts).</summary>
    private static bool Gone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
    }

    /// <summary>What the fds of a process refer to.</summary>
    private static List<string> OpenFiles(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").GetFiles().Select(fd => fd.LinkTarget ?? "").ToList();

    private static CommandResult Ok(CommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
