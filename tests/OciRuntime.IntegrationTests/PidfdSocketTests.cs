using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>--pidfd-socket (runc 1.2): the caller receives a pidfd of the init, or of the exec'd process.</summary>
public sealed class PidfdSocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    /// <summary>The pid a pidfd refers to, from its fdinfo ("Pid:" line), in our pid namespace.</summary>
    private static int PidOf(int pidfd) =>
        int.Parse(File.ReadLines($"/proc/self/fdinfo/{pidfd}").Single(l => l.StartsWith("Pid:", StringComparison.Ordinal))[4..].Trim());

    [SkippableFact]
    public void Create_sends_a_pidfd_of_the_init_and_exec_one_of_its_process()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        using var initSocket = new ConsoleSocketServer(bundle.Directory, "init-pidfd.sock");
        var id = bundle.NewId();
        var create = Task.Run(() => bundle.Ocirun("create", "--pidfd-socket", initSocket.Path, "--bundle", bundle.Directory, id));

        var (initFd, initKind) = initSocket.Receive(Wait);
        try
        {
            Assert.True(create.Result.ExitCode == 0, create.Result.ToString());
            var state = (JsonObject)JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!;
            Assert.Equal("standard", initKind);
            Assert.Equal((int)state["pid"]!, PidOf(initFd));
        }
        finally
        {
            close(initFd);
        }

        Assert.Equal(0, bundle.Ocirun("start", id).ExitCode);
        using var execSocket = new ConsoleSocketServer(bundle.Directory, "exec-pidfd.sock");
        var pidFile = Path.Join(bundle.Directory, "exec.pid");
        var exec = Task.Run(() => bundle.Ocirun("exec", "-d", "--pidfd-socket", execSocket.Path, "--pid-file", pidFile, id, "sleep", "50"));

        var (execFd, execKind) = execSocket.Receive(Wait);
        try
        {
            Assert.True(exec.Result.ExitCode == 0, exec.Result.ToString());
            Assert.Equal("setns", execKind);
            Assert.Equal(int.Parse(File.ReadAllText(pidFile)), PidOf(execFd));
        }
        finally
        {
            close(execFd);
        }
    }

    [SkippableFact]
    public void A_pidfd_socket_nobody_listens_on_fails_create_before_anything_exists()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId();
        var socket = Path.Join(bundle.Directory, "nobody.sock");

        var result = bundle.Ocirun("create", "--pidfd-socket", socket, "--bundle", bundle.Directory, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ocirun: create {id}: connect to pidfd socket {socket}: no such file or directory\n", result.Stderr);
        Assert.False(Directory.Exists(Path.Join(bundle.StateRoot, id)));
    }
}
