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
