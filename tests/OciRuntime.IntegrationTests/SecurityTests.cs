using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

public sealed class SecurityTests
{
    [SkippableFact]
    public void The_waiting_init_cannot_be_reached_through_proc_exe()
    {
        Root.Require();
        using var victim = new BusyboxBundle("true");
        var id = victim.NewId();
        Assert.Equal(0, victim.Ocirun("create", "--bundle", victim.Directory, id).ExitCode);
        var pid = JsonNode.Parse(victim.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();

        // A second container in the same pid namespace plays the attacker: as root with the default capabilities
        // it tries to write, and to read, the image of the init that waits for `start` (CVE-2019-5736).
        using var attacker = new BusyboxBundle("sh", "-c",
            "if echo x >> /proc/1/exe; then echo WRITABLE; fi; if cat /proc/1/exe > /dev/null; then echo READABLE; fi; echo done");
        var namespaces = (JsonArray)attacker.Linux["namespaces"]!;
        foreach (var ns in namespaces.ToArray())
            if (ns!["type"]!.GetValue<string>() == "pid") namespaces.Remove(ns);
        namespaces.Add(new JsonObject { ["type"] = "pid", ["path"] = $"/proc/{pid}/ns/pid" });
        attacker.Save();
        var result = attacker.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("done\n", result.Stdout);
        Assert.Equal(0, victim.Ocirun("delete", "--force", id).ExitCode);
    }
}
