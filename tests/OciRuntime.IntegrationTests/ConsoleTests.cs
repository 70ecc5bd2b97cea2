using System.Text;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

public sealed class ConsoleTests
{
    [SkippableFact]
    public void A_terminal_container_sends_its_pty_master_over_the_console_socket()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh");
        bundle.Process["terminal"] = true;
        bundle.Save();
        using var server = new ConsoleSocketServer(bundle.Directory);
        var id = bundle.NewId();
        var create = Task.Run(() => bundle.Ocirun("create", "--bundle", bundle.Directory, "--console-socket", server.Path, id));
        using var master = server.ReceiveMaster(TimeSpan.FromSeconds(20));
        Assert.True(create.Result.ExitCode == 0, create.Result.ToString());
        Assert.Equal(0, bundle.Ocirun("start", id).ExitCode);

        master.Write(Encoding.ASCII.GetBytes("echo h''i; tty; exit\n"));
        var text = ConsoleSocketServer.ReadUntil(master, "/dev/");
        Assert.Contains("\nhi\r\n", text.Replace("echo h''i", ""));
        Assert.Matches(@"/dev/(pts/\d+|console)", text);
    }

    [SkippableTheory]
    [InlineData(0, 0)]
    [InlineData(1000, 100)]
    public void The_terminal_belongs_to_the_process_user_and_the_devpts_tty_group(int uid, int gid)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "stat -c owner=%u:%g $(tty); echo done");
        bundle.Process["terminal"] = true;
        bundle.Process["user"] = new JsonObject { ["uid"] = uid, ["gid"] = gid };
        bundle.Save();
        using var server = new ConsoleSocketServer(bundle.Directory);
        var id = bundle.NewId();
        var run = Task.Run(() => bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, "--console-socket", server.Path, id));
        using var master = server.ReceiveMaster(TimeSpan.FromSeconds(20));
        var output = ConsoleSocketServer.ReadUntil(master, "done");
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        // gid 5 (tty) is the default config's devpts gid= option: the group is the mount's, as with runc.
        Assert.Contains($"owner={uid}:5\r\n", output);
    }

    [SkippableFact]
    public void Run_without_a_console_socket_relays_the_callers_terminal()
    {
        Root.Require();
        Skip.IfNot(File.Exists("/usr/bin/script"), "script(1) from bsdutils gives the test a terminal");
        using var bundle = new BusyboxBundle("sh", "-c", "tty; echo relayed");
        bundle.Process["terminal"] = true;
        bundle.Save();
        var id = bundle.NewId();
        var command = $"{Ocirun.BinaryPath} --root {bundle.StateRoot} run --bundle {bundle.Directory} {id}";
        var result = Ocirun.Exec("/usr/bin/script", ["-qec", command, "/dev/null"], stdin: "");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"/dev/(pts/\d+|console)\r?\n", result.Stdout);
        Assert.Contains("relayed", result.Stdout);
    }
}
