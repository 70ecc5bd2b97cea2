namespace OciRuntime.Linux.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket: requests that the kernel acknowledges, and dumps. It works in the network namespace of
/// the thread that opened it, for its whole life.
/// </summary>
public sealed unsafe class RouteNetlinkSocket : IDisposable
{
    private const int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 0x80000, NETLINK_ROUTE = 0;
    private readonly int _fd;
    private uint _sequence;

    public RouteNetlinkSocket() => _fd = Errno.Check(Libc.Socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), "netlink socket");

    /// <summary>Sends a request with NLM_F_ACK; returns 0 or the errno the kernel answered.</summary>
    public int Request(RouteMessage message)
    {
        var sequence = Send(message);
        foreach (var (type, body) in Receive(sequence))
            if (type == RouteMessage.NLMSG_ERROR) return RouteMessage.ErrorOf(body.Span);
        return 5; // EIO: the kernel closed the exchange without an answer
    }

    /// <summary>The bodies of the messages of type <paramref name="type"/> a dump request returns.</summary>
    public List<ReadOnlyMemory<byte>> Dump(RouteMessage message, ushort type)
    {
        var sequence = Send(message);
        var bodies = new List<ReadOnlyMemory<byte>>();
        foreach (var (kind, body) in Receive(sequence))
        {
            if (kind == RouteMessage.NLMSG_ERROR && RouteMessage.ErrorOf(body.Span) is var errno and not 0) throw Errno.Exception("netlink dump", errno);
            if (kind == type) bodies.Add(body);
        }
        return bodies;
    }

    private uint Send(RouteMessage message)
    {
        var sequence = ++_sequence;
        var bytes = message.ToArray(sequence);
        fixed (byte* data = bytes)
        {
            var iov = new Libc.IoVec { Base = data, Length = (nuint)bytes.Length };
            var header = new Libc.MsgHdr { Iov = &iov, IovLength = 1 };
            nint sent;
            do sent = Libc.SendMsg(_fd, &header, 0);
            while (sent < 0 && Libc.LastErrno == Libc.EINTR);
            if (sent < 0) throw Errno.Last("netlink send");
        }
        return sequence;
    }

    /// <summary>The messages answering <paramref name="sequence"/> up to its NLMSG_DONE or NLMSG_ERROR.</summary>
    private IEnumerable<(ushort Type, ReadOnlyMemory<byte> Body)> Receive(uint sequence)
    {
        var buffer = new byte[32768];
        while (true)
        {
            var received = ReceiveDatagram(buffer);
            if (received == 0) yield break;
            var datagram = buffer.AsMemory(0, received).ToArray();
            foreach (var message in RouteMessage.Split(datagram))
            {
                yield return message;
                if (message.Type is RouteMessage.NLMSG_DONE or RouteMessage.NLMSG_ERROR) yield break;
            }
        }
    }

    private int ReceiveDatagram(byte[] buffer)
    {
        nint received;
        fixed (byte* data = buffer)
        {
            var iov = new Libc.IoVec { Base = data, Length = (nuint)buffer.Length };
            var header = new Libc.MsgHdr { Iov = &iov, IovLength = 1 };
            do received = Libc.RecvMsg(_fd, &header, 0);
            while (received < 0 && Libc.LastErrno == Libc.EINTR);
        }
        return received >= 0 ? (int)received : throw Errno.Last("netlink receive");
    }

    public void Dispose() => Libc.Close(_fd);
}
