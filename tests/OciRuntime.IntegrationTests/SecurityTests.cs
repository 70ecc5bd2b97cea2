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

    [SkippableFact]
    public void A_waiting_init_stage_runs_from_a_read_only_mount_of_the_binary()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        // A container that may ptrace could read a non-dumpable init's /proc/PID/exe: create then uses the init
        // stage, whose image is not the host's binary.
        ((JsonArray)bundle.Process["capabilities"]!["bounding"]!).Add(JsonValue.Create("CAP_SYS_PTRACE"));
        bundle.Save();
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        try
        {
            var pid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();
            // While the init runs, a write would fail with ETXTBSY anyway; the attack writes after it stopped
            // running, through an fd it kept. The mount under the image is what refuses that write.
            Assert.True(StatVfs($"/proc/{pid}/exe", out var flags) == 0, "statvfs of the init's image");
            Assert.True((flags & ST_RDONLY) != 0, $"the init's image is on a writable mount (f_flag {flags:x})");
        }
        finally
        {
            bundle.Ocirun("delete", "--force", id);
        }
    }

    private const ulong ST_RDONLY = 1;

    private static unsafe int StatVfs(string path, out ulong flags)
    {
        var buffer = stackalloc ulong[16]; // struct statvfs on 64-bit: f_flag is the tenth word
        var result = statvfs(path, buffer);
        flags = buffer[9];
        return result;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern unsafe int statvfs([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, ulong* buffer);
}
