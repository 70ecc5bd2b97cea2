using System.Net.Sockets;
using System.Text.Json;
using OciRuntime.Seccomp;
using Tmds.Linux;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

public unsafe class SeccompListenerClientTests
{
    private static readonly SeccompListenerState State = new(
        OciVersion: "1.2.0",
        ContainerId: "c1",
        Status: "creating",
        InitPid: 4242,
        Bundle: "/bundles/c1",
        Annotations: new Dictionary<string, string> { ["io.example"] = "yes" },
        ProcessPid: 4242,
        Metadata: "agent-arg");

    [Fact]
    public void State_json_has_the_runtime_spec_container_process_state_shape()
    {
        string json = System.Text.Encoding.UTF8.GetString(SeccompListenerClient.SerializeState(State));
        Assert.Equal(
            """{"ociVersion":"1.2.0","fds":["seccompFd"],"pid":4242,"metadata":"agent-arg","state":{"ociVersion":"1.2.0","id":"c1","status":"creating","pid":4242,"bundle":"/bundles/c1","annotations":{"io.example":"yes"}}}""",
            json);
    }

    [Fact]
    public void Optional_fields_are_omitted()
    {
        var bare = State with { Metadata = null, Annotations = null, InitPid = 0 };
        using var doc = JsonDocument.Parse(SeccompListenerClient.SerializeState(bare));
        Assert.False(doc.RootElement.TryGetProperty("metadata", out _));
        Assert.False(doc.RootElement.GetProperty("state").TryGetProperty("annotations", out _));
        Assert.False(doc.RootElement.GetProperty("state").TryGetProperty("pid", out _));
    }

    [Fact]
    public void Agent_receives_the_state_and_the_fd()
    {
        using var dir = new TemporaryDirectory();
        string socketPath = Path.Combine(dir.Path, "agent.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        string probePath = Path.Combine(dir.Path, "probe");
        File.WriteAllText(probePath, "sent through SCM_RIGHTS");
        using var probe = File.OpenHandle(probePath);

        SeccompListenerClient.Send(socketPath, (int)probe.DangerousGetHandle(), State);

        using Socket connection = listener.Accept();
        (string payload, int receivedFd) = Receive((int)connection.Handle);
        try
        {
            Assert.Equal("agent-arg", JsonDocument.Parse(payload).RootElement.GetProperty("metadata").GetString());
            byte* buffer = stackalloc byte[64];
            long n = LibC.pread(receivedFd, buffer, 64, 0);
            Assert.Equal("sent through SCM_RIGHTS", System.Text.Encoding.UTF8.GetString(buffer, (int)n));
        }
        finally
        {
            LibC.close(receivedFd);
        }
    }

    [Fact]
    public void Missing_agent_is_a_clear_error()
    {
        using var dir = new TemporaryDirectory();
        string socketPath = Path.Combine(dir.Path, "nobody.sock");
        var error = Assert.Throws<OciRuntimeException>(() => SeccompListenerClient.Send(socketPath, 0, State));
        // runc's words, which callers (and runc's own tests) look for.
        Assert.Equal($"seccomp: failed to connect with seccomp agent {socketPath}: No such file or directory", error.Message);
    }

    private static (string Payload, int Fd) Receive(int socket)
    {
        byte* data = stackalloc byte[4096];
        int controlSize = LibC.CMSG_SPACE(sizeof(int));
        byte* control = stackalloc byte[controlSize];
        var iov = new iovec { iov_base = data, iov_len = 4096 };
        var message = new msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = controlSize };
        long n = LibC.recvmsg(socket, &message, 0);
        Assert.True(n > 0, $"recvmsg: errno {LibC.errno}");
        cmsghdr* header = LibC.CMSG_FIRSTHDR(&message);
        Assert.True(header != null);
        Assert.Equal(LibC.SCM_RIGHTS, header->cmsg_type);
        return (System.Text.Encoding.UTF8.GetString(data, (int)n), *(int*)LibC.CMSG_DATA(header));
    }
}
