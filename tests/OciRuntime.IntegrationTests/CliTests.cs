using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>Issue 2's acceptance through the real binary: invalid configs, the JSON log, concurrent commands.</summary>
public sealed class CliTests
{
    /// <summary>Whole config.json texts: syntax and type errors, with the position of the offending token.</summary>
    public static TheoryData<string, string> MalformedConfigs => new()
    {
        { "", "invalid JSON at line 1, column 1: The input does not contain any JSON tokens" },
        { """{"ociVersion": "1.2.0", """, "invalid JSON at line 1, column 25: Expected start of a property name or value, but instead reached end of data" },
        { """{"ociVersion": "1.2.0"}}""", "invalid JSON at line 1, column 24: '}' is invalid after a single JSON value" },
        { "[]", "expected an object (line 1, column 2)" },
        { """{"ociVersion": 1}""", "ociVersion: expected a string (line 1, column 17)" },
        { """{"ociVersion": "1.2.0", "process": {"args": "sh"}}""", "process.args: expected an array of strings (line 1, column 49)" },
        { """{"ociVersion": "1.2.0", "process": {"terminal": "yes"}}""", "process.terminal: expected true or false (line 1, column 54)" },
        { """{"ociVersion": "1.2.0", "process": {"user": {"uid": -1, "gid": 0}}}""", "process.user.uid: expected an integer from 0 to 4294967295 (line 1, column 55)" },
        { """{"ociVersion": "1.2.0", "linux": {"namespaces": {"type": "pid"}}}""", "linux.namespaces: expected an array of objects (line 1, column 50)" },
        { """{"ociVersion": "1.2.0", "mounts": [{"destination": "/x", "options": "ro"}]}""", "mounts[0].options: expected an array of strings (line 1, column 73)" },
        { "{\n  \"ociVersion\": \"1.2.0\",\n  \"linux\": {\"resources\": {\"pids\": {\"limit\": 1e30}}}\n}",
            "linux.resources.pids.limit: expected an integer from -9223372036854775808 to 9223372036854775807 (line 3, column 49)" },
    };

    /// <summary>JSON merge patches (RFC 7386) on the busybox bundle's valid config: what validation refuses.</summary>
    public static TheoryData<string, string> InvalidConfigs => new()
    {
        { """{"ociVersion": null}""", "ociVersion: must be set" },
        { """{"ociVersion": "1.2"}""", "ociVersion: \"1.2\" is not a semantic version like 1.2.0" },
        { """{"ociVersion": "2.0.0"}""", "ociVersion: \"2.0.0\" is not supported: ocirun implements 1.x" },
        { """{"process": null}""", "process: must be set" },
        { """{"process": {"args": []}}""", "process.args: must not be empty" },
        { """{"process": {"cwd": "home"}}""", "process.cwd: \"home\" must be an absolute path" },
        { """{"process": {"env": ["A=1", "FOO"]}}""", "process.env[1]: \"FOO\" is not in the form NAME=value" },
        { """{"process": {"rlimits": [{"type": "RLIMIT_FOO", "hard": 1, "soft": 1}]}}""", "process.rlimits[0].type: unknown rlimit \"RLIMIT_FOO\"" },
        { """{"process": {"rlimits": [{"type": "RLIMIT_CORE", "hard": 1024, "soft": 2048}]}}""", "process.rlimits[0]: soft limit 2048 is above hard limit 1024" },
        { """{"process": {"oomScoreAdj": 1001}}""", "process.oomScoreAdj: 1001 is outside -1000..1000" },
        { """{"process": {"user": {"uid": 0, "gid": 0, "umask": 512}}}""", "process.user.umask: 512 is not a permission mask (at most 0777 = 511)" },
        { """{"root": null}""", "root: must be set" },
        { """{"root": {"path": ""}}""", "root.path: must be set" },
        { """{"linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "foo"}]}}""", "linux.namespaces[2].type: unknown namespace \"foo\"" },
        { """{"linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "pid"}]}}""", "linux.namespaces[2].type: duplicate namespace \"pid\"" },
        { """{"linux": {"namespaces": [{"type": "mount"}, {"type": "network", "path": "run/netns/x"}]}}""", "linux.namespaces[1].path: \"run/netns/x\" must be an absolute path" },
        { """{"hostname": "h", "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}}""", "hostname: needs a uts namespace in linux.namespaces" },
        { """{"linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "user"}]}}""", "linux.uidMappings: must be set for a new user namespace" },
        { """{"linux": {"sysctl": {"vm.swappiness": "10"}}}""", "linux.sysctl[\"vm.swappiness\"]: is not namespaced; setting it would change the host" },
        { """{"linux": {"maskedPaths": ["proc/kcore"]}}""", "linux.maskedPaths[0]: \"proc/kcore\" must be an absolute path" },
        { """{"mounts": [{"destination": ""}]}""", "mounts[0].destination: must be set" },
        { """{"hooks": {"poststop": [{"path": "cleanup"}]}}""", "hooks.poststop[0].path: \"cleanup\" must be an absolute path" },
        { """{"hooks": {"createRuntime": [{"path": "/bin/true", "timeout": 0}]}}""", "hooks.createRuntime[0].timeout: must be greater than zero" },
        { """{"linux": {"devices": [{"path": "/dev/x", "type": "x", "major": 1, "minor": 1}]}}""", "linux.devices[0].type: unknown device type \"x\", expected c, b, u or p" },
        { """{"linux": {"devices": [{"path": "dev/x", "type": "c", "major": 1, "minor": 1}]}}""", "linux.devices[0].path: \"dev/x\" must be an absolute path" },
        { """{"linux": {"resources": {"memory": {"limit": -2}}}}""", "linux.resources.memory.limit: -2 is not a byte count (-1 means unlimited)" },
        { """{"linux": {"resources": {"memory": {"swappiness": 101}}}}""", "linux.resources.memory.swappiness: 101 is outside 0..100" },
        { """{"linux": {"resources": {"cpu": {"shares": 1}}}}""", "linux.resources.cpu.shares: 1 is outside 2..262144" },
        { """{"linux": {"resources": {"cpu": {"period": 2000000}}}}""", "linux.resources.cpu.period: 2000000 is outside 1000..1000000" },
        { """{"linux": {"resources": {"devices": [{"allow": true, "type": "c", "access": "x"}]}}}""", "linux.resources.devices[0].access: \"x\" has none of r, w and m" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_DENY"}}}""", "linux.seccomp.defaultAction: unknown action \"SCMP_ACT_DENY\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_VAX"]}}}""", "linux.seccomp.architectures[0]: unknown architecture \"SCMP_ARCH_VAX\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 70000}]}}}""",
            "linux.seccomp.syscalls[0].errnoRet: 70000 is outside 0..65535" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mmap"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_XX"}]}]}}}""",
            "linux.seccomp.syscalls[0].args[0].op: unknown operator \"SCMP_CMP_XX\"" },
        { """{"linux": {"rootfsPropagation": "bogus"}}""", "linux.rootfsPropagation: unknown propagation \"bogus\"" },
    };

    [SkippableTheory]
    [MemberData(nameof(MalformedConfigs))]
    public void A_malformed_config_fails_create_with_one_line_and_leaves_nothing(string configText, string expected)
    {
        Root.Require();
        var (bundle, id) = BundleForFailure();
        using var _ = bundle;
        File.WriteAllText(Path.Combine(bundle.Directory, "config.json"), configText);

        AssertCreateFails(bundle, id, "config.json: " + expected);
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidConfigs))]
    public void An_invalid_config_fails_create_with_one_line_and_leaves_nothing(string patch, string expected)
    {
        Root.Require();
        var (bundle, id) = BundleForFailure();
        using var _ = bundle;
        Merge(bundle.Config, JsonNode.Parse(patch)!.AsObject());
        bundle.Save();

        AssertCreateFails(bundle, id, "config.json: " + expected);
    }

    [SkippableFact]
    public void A_terminal_without_a_console_socket_fails_create_as_runc_does()
    {
        Root.Require();
        var (bundle, id) = BundleForFailure();
        using var _ = bundle;
        bundle.Process["terminal"] = true;
        bundle.Save();

        AssertCreateFails(bundle, id, "cannot allocate tty if ocirun will detach without setting console socket");
    }

    [SkippableFact]
    public void An_unknown_capability_is_a_warning_as_in_runc()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        ((JsonObject)bundle.Process["capabilities"]!)["bounding"]!.AsArray().Add(JsonValue.Create("CAP_FOO"));
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("level=warning msg=\"config.json: process.capabilities: ignoring unknown capabilities: CAP_FOO\"", result.Stderr);
    }

    [SkippableFact]
    public void The_json_log_gets_the_error_as_a_runc_style_line()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        bundle.Process["args"] = new JsonArray();
        bundle.Save();
        var log = Path.Combine(bundle.Directory, "log.json");
        var id = bundle.NewId();

        var result = bundle.Ocirun("--log", log, "--log-format", "json", "create", "--bundle", bundle.Directory, id);

        Assert.Equal(1, result.ExitCode);
        var lines = File.ReadAllLines(log);
        var line = Assert.Single(lines);
        var entry = JsonNode.Parse(line)!.AsObject();
        Assert.Equal("error", entry["level"]!.GetValue<string>());
        Assert.Contains("config.json: process.args: must not be empty", entry["msg"]!.GetValue<string>());
        Assert.True(DateTime.TryParse(entry["time"]!.GetValue<string>(), out _), line);
    }

    [SkippableFact]
    public void A_debug_note_made_inside_the_containers_mount_namespace_reaches_the_log_once()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        ((JsonArray)bundle.Config["mounts"]!).Add(new JsonObject
        {
            ["destination"] = "/mnt", ["type"] = "bind", ["source"] = bundle.Directory,
            ["options"] = new JsonArray(JsonValue.Create("rbind"), JsonValue.Create("mode=755")),
        });
        bundle.Save();
        var log = Path.Combine(bundle.Directory, "log.json");

        // The rootfs is built by a thread inside the container's mount namespace, where the log's path means nothing:
        // the file is opened before it leaves.
        var result = bundle.Ocirun("--debug", "--log", log, "--log-format", "json", "run", "--bundle", bundle.Directory, bundle.NewId());

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(File.ReadAllLines(log), l => l.Contains("ignoring filesystem options"));
        Assert.Contains("mode=755", line);
    }

    [SkippableFact]
    public void Features_reports_this_hosts_seccomp_support()
    {
        Root.Require();

        var result = Infrastructure.Ocirun.Run(["features"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var features = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("1.3.0", features["ociVersionMax"]!.GetValue<string>());
        var seccomp = features["linux"]!["seccomp"]!;
        Assert.True(seccomp["enabled"]!.GetValue<bool>());
        Assert.Contains("SCMP_ACT_NOTIFY", seccomp["actions"]!.AsArray().Select(action => action!.GetValue<string>()));
        Assert.Matches(@"^\d+\.\d+\.\d+$", features["annotations"]!["io.github.seccomp.libseccomp.version"]!.GetValue<string>());
    }

    [SkippableFact]
    public void Concurrent_commands_leave_no_torn_or_lost_state()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "60");
        string[] ids = [bundle.NewId("kept"), bundle.NewId("kept"), bundle.NewId("raced"), bundle.NewId("raced")];
        // 32 processes at once: 4 creates of each id (exactly one may win), deletes racing the creates of the last
        // two ids, and readers of state and list throughout.
        var commands = new List<string[]>();
        for (var i = 0; i < 16; i++) commands.Add(["create", "--bundle", bundle.Directory, ids[i % 4]]);
        for (var i = 0; i < 4; i++) commands.Add(["delete", "--force", ids[2 + i % 2]]);
        for (var i = 0; i < 6; i++) commands.Add(["state", ids[i % 4]]);
        for (var i = 0; i < 6; i++) commands.Add(["list", "--format", "json"]);

        var results = commands.Select(args => Task.Run(() => (Args: args, Result: bundle.Ocirun(args)))).ToArray();
        Task.WaitAll(results);

        foreach (var (args, result) in results.Select(task => task.Result))
        {
            switch (args[0])
            {
                case "create":
                    Assert.True(result.ExitCode == 0 || result.Stderr.Contains("container with given ID already exists"), result.ToString());
                    break;
                case "delete":
                    Assert.True(result.ExitCode == 0, result.ToString());
                    break;
                case "state":
                    if (result.ExitCode == 0) Assert.Equal(args[1], JsonNode.Parse(result.Stdout)!["id"]!.GetValue<string>());
                    else Assert.Contains("container does not exist", result.Stderr);
                    break;
                default:
                    Assert.True(result.ExitCode == 0, result.ToString());
                    // runc prints null, not [], when there are none.
                    Assert.True(result.Stdout.Trim() == "null" || JsonNode.Parse(result.Stdout) is JsonArray, result.ToString());
                    break;
            }
        }
        foreach (var id in ids[..2])
            Assert.Single(results, task => task.Result.Args[0] == "create" && task.Result.Args[3] == id && task.Result.Result.ExitCode == 0);

        var stored = Directory.GetDirectories(bundle.StateRoot).Select(dir => Path.GetFileName(dir))
            .Where(name => !name!.StartsWith('.')).Order().ToList();
        foreach (var name in stored)
            Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(bundle.StateRoot, name, "state.json"))));
        Assert.Superset(ids[..2].ToHashSet(), stored.ToHashSet());
        var listed = bundle.Ocirun("list", "-q").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
        Assert.Equal(stored, listed);
        foreach (var id in listed) Assert.Equal("created", JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>());
    }

    /// <summary>A bundle whose cgroupsPath is known, so a cgroup left behind would be found.</summary>
    private static (BusyboxBundle Bundle, string Id) BundleForFailure()
    {
        var bundle = new BusyboxBundle("true");
        var id = bundle.NewId("bad");
        bundle.Linux["cgroupsPath"] = $"/{CgroupParent}/{id}";
        bundle.Save();
        return (bundle, id);
    }

    private const string CgroupParent = "ocirun-clitest";

    private static void AssertCreateFails(BusyboxBundle bundle, string id, string expectedCause)
    {
        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ocirun: create {id}: {expectedCause}\n", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)), "the container directory was left behind");
        var leftCgroups = CgroupsNamed(id).ToList();
        RemoveCgroupParents();
        Assert.Empty(leftCgroups);
    }

    private static IEnumerable<string> CgroupsNamed(string id) =>
        Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup")
            .Select(hierarchy => Path.Combine(hierarchy, CgroupParent, id))
            .Where(Directory.Exists);

    /// <summary>Our parent cgroups, should a create have made them: a failed create removes only its own.</summary>
    private static void RemoveCgroupParents()
    {
        foreach (var hierarchy in Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup"))
        {
            var parent = Path.Combine(hierarchy, CgroupParent);
            if (!Directory.Exists(parent)) continue;
            foreach (var child in Directory.GetDirectories(parent)) Directory.Delete(child);
            Directory.Delete(parent);
        }
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value == null) target.Remove(name);
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject) Merge(targetObject, patchObject);
            else target[name] = value.DeepClone();
        }
    }
}
