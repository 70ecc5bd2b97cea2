using System.Text;
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
        var output = new StringBuilder();
        var buffer = new byte[1024];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !output.ToString().Contains("/dev/"))
        {
            int n;
            try
            {
                n = master.Read(buffer, 0, buffer.Length);
            }
            catch (IOException)
            {
                break; // EIO once the shell has exited and the slave is closed.
            }
            if (n <= 0) break;
            output.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        var text = output.ToString();
        Assert.Contains("\nhi\r\n", text.Replace("echo h''i", ""));
        Assert.Matches(@"/dev/(pts/\d+|console)", text);
    }

    [SkippableFact]
    public void The_terminal_belongs_to_the_process_user_and_keeps_the_devpts_group_for_the_init_and_an_exec()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "stat -c init=%u:%g $(tty); sleep 100");
        bundle.Process["terminal"] = true;
        bundle.Process["user"] = new System.Text.Json.Nodes.JsonObject { ["uid"] = 1000, ["gid"] = 1000 };
        bundle.Save();
        var id = bundle.NewId();
        using (var server = new ConsoleSocketServer(bundle.Directory))
        {
            var run = Task.Run(() => bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, "--console-socket", server.Path, id));
            using var master = server.ReceiveMaster(TimeSpan.FromSeconds(20));
            Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
            // The default spec's devpts has gid=5 (tty): runc only gives the user the terminal, not its group.
            Assert.Contains("init=1000:5", ReadUntil(master, "init="));
        }
        using (var server = new ConsoleSocketServer(bundle.Directory))
        {
            var exec = Task.Run(() => bundle.Ocirun("exec", "-t", "--console-socket", server.Path, id, "sh", "-c", "stat -c exec=%u:%g $(tty)"));
            using var master = server.ReceiveMaster(TimeSpan.FromSeconds(20));
            var output = ReadUntil(master, "exec=");
            Assert.True(exec.Result.ExitCode == 0, exec.Result.ToString());
            Assert.Contains("exec=1000:5", output);
        }
    }

    /// <summary>The terminal's output until a line starts with MARKER and ends, or the terminal closes.</summary>
    private static string ReadUntil(FileStream master, string marker)
    {
        var output = new StringBuilder();
        var buffer = new byte[1024];
        while (!System.Text.RegularExpressions.Regex.IsMatch(output.ToString(), $"(^|\n){marker}[^\r\n]*\r?\n"))
        {
            int n;
            try
            {
                n = master.Read(buffer, 0, buffer.Length);
            }
            catch (IOException)
            {
                break; // EIO once the process has exited and the slave is closed.
            }
            if (n <= 0) break;
            output.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return output.ToString();
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
