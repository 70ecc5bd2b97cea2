using System.Text;
using System.Text.Json;
using Tmds.Linux;

namespace OciRuntime.Seccomp;

/// <summary>
/// Hands a seccomp notify fd to the agent listening at the profile's <c>listenerPath</c>, as runc does: one
/// connection, one message whose payload is the ContainerProcessState JSON (<c>fds: ["seccompFd"]</c>) and whose
/// SCM_RIGHTS control message carries the fd.
/// </summary>
public static unsafe class SeccompListenerClient
{
    /// <summary>Name of the fd in <c>fds</c> (runtime-spec <c>SeccompFdName</c>).</summary>
    public const string SeccompFdName = "seccompFd";

    public static void Send(string listenerPath, int notifyFd, SeccompListenerState state)
    {
        byte[] payload = SerializeState(state);
        int socket = LibC.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (socket < 0) throw Failure(listenerPath, "socket", LibC.errno);
        try
        {
            Connect(socket, listenerPath);
            SendWithFd(socket, listenerPath, payload, notifyFd);
        }
        finally
        {
            LibC.close(socket);
        }
    }

    internal static byte[] SerializeState(SeccompListenerState state)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RelaxedJsonEscaping.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("ociVersion", state.OciVersion);
            json.WriteStartArray("fds");
            json.WriteStringValue(SeccompFdName);
            json.WriteEndArray();
            json.WriteNumber("pid", state.ProcessPid);
            if (!string.IsNullOrEmpty(state.Metadata)) json.WriteString("metadata", state.Metadata);
            json.WriteStartObject("state");
            json.WriteString("ociVersion", state.OciVersion);
            json.WriteString("id", state.ContainerId);
            json.WriteString("status", state.Status);
            if (state.InitPid != 0) json.WriteNumber("pid", state.InitPid);
            json.WriteString("bundle", state.Bundle);
            if (state.Annotations is { Count: > 0 })
            {
                json.WriteStartObject("annotations");
                foreach (var (key, value) in state.Annotations) json.WriteString(key, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Connect(int socket, string listenerPath)
    {
        var address = new sockaddr_un { sun_family = (ushort)LibC.AF_UNIX };
        int length = Encoding.UTF8.GetByteCount(listenerPath);
        // sun_path must keep its terminating NUL.
        if (length == 0 || length >= sockaddr_un.sun_path_length)
            throw new OciRuntimeException($"linux.seccomp.listenerPath: {listenerPath}: path must be 1 to {sockaddr_un.sun_path_length - 1} bytes");
        Encoding.UTF8.GetBytes(listenerPath, new Span<byte>(address.sun_path, sockaddr_un.sun_path_length));
        int rc;
        do rc = LibC.connect(socket, (sockaddr*)&address, sizeof(sockaddr_un));
        while (rc < 0 && LibC.errno == LibC.EINTR);
        if (rc < 0) throw Failure(listenerPath, "failed to connect with seccomp agent", LibC.errno);
    }

    private static void SendWithFd(int socket, string listenerPath, byte[] payload, int fd)
    {
        int controlSize = LibC.CMSG_SPACE(sizeof(int));
        byte* control = stackalloc byte[controlSize];
        new Span<byte>(control, controlSize).Clear();
        fixed (byte* data = payload)
        {
            var iov = new iovec { iov_base = data, iov_len = payload.Length };
            var message = new msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control, msg_controllen = controlSize };
            cmsghdr* header = LibC.CMSG_FIRSTHDR(&message);
            header->cmsg_level = LibC.SOL_SOCKET;
            header->cmsg_type = LibC.SCM_RIGHTS;
            header->cmsg_len = LibC.CMSG_LEN(sizeof(int));
            *(int*)LibC.CMSG_DATA(header) = fd;
            long sent;
            do sent = LibC.sendmsg(socket, &message, LibC.MSG_NOSIGNAL);
            while (sent < 0 && LibC.errno == LibC.EINTR);
            if (sent < 0) throw Failure(listenerPath, "sending the seccomp fd", LibC.errno);
            if (sent != payload.Length) throw new OciRuntimeException($"seccomp: sending the seccomp fd to {listenerPath}: short write ({sent} of {payload.Length} bytes)");
        }
    }

    private static OciRuntimeException Failure(string listenerPath, string step, int errno) =>
        new($"seccomp: {step} {listenerPath}: {Errno.Describe(errno)}");
}
