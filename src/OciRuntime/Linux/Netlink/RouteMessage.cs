using System.Buffers.Binary;
using System.Text;

namespace OciRuntime.Linux.Netlink;

/// <summary>
/// rtnetlink(7) messages, built and parsed as bytes (host byte order): a netlink header, a fixed family header
/// (ifinfomsg or ifaddrmsg), then attributes (rtattr: length, type, data padded to 4). Pure code, unit-tested.
/// </summary>
public sealed class RouteMessage
{
    public const ushort RTM_NEWLINK = 16, RTM_GETLINK = 18, RTM_NEWADDR = 20, RTM_GETADDR = 22;
    public const ushort NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public const ushort NLM_F_REQUEST = 1, NLM_F_ACK = 4, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_DUMP = 0x300;
    public const ushort IFLA_IFNAME = 3, IFLA_NET_NS_FD = 28;
    public const ushort IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_BROADCAST = 4;
    public const uint IFF_UP = 1;
    public const byte IFA_F_PERMANENT = 0x80, RT_SCOPE_UNIVERSE = 0;
    public const int HeaderLength = 16, LinkHeaderLength = 16, AddressHeaderLength = 8;

    private readonly List<byte> _bytes = [];

    private RouteMessage(ushort type, ushort flags)
    {
        _bytes.AddRange(new byte[HeaderLength]);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(4, 2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(6, 2), flags);
    }

    /// <summary>RTM_NEWLINK on an existing link: <paramref name="flags"/> set where <paramref name="change"/> has bits.</summary>
    public static RouteMessage Link(int index, uint flags = 0, uint change = 0)
    {
        var message = new RouteMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
        var header = new byte[LinkHeaderLength];
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), change);
        message._bytes.AddRange(header);
        return message;
    }

    /// <summary>RTM_GETADDR dump of every address (filtered by the caller).</summary>
    public static RouteMessage AddressDump()
    {
        var message = new RouteMessage(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP);
        message._bytes.AddRange(new byte[AddressHeaderLength]);
        return message;
    }

    /// <summary>RTM_NEWADDR of <paramref name="address"/> on link <paramref name="index"/>.</summary>
    public static RouteMessage NewAddress(InterfaceAddress address, int index)
    {
        var message = new RouteMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
        var header = new byte[AddressHeaderLength];
        header[0] = address.Family;
        header[1] = address.PrefixLength;
        header[3] = address.Scope;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        message._bytes.AddRange(header);
        foreach (var (type, data) in address.Attributes) message.Attribute(type, data);
        return message;
    }

    public RouteMessage Attribute(ushort type, ReadOnlySpan<byte> data)
    {
        var length = 4 + data.Length;
        var start = _bytes.Count;
        _bytes.AddRange(new byte[Align(length)]);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(start, 2), (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(start + 2, 2), type);
        data.CopyTo(Span(start + 4, data.Length));
        return this;
    }

    public RouteMessage Attribute(ushort type, int value)
    {
        Span<byte> data = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(data, value);
        return Attribute(type, data);
    }

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME).</summary>
    public RouteMessage Attribute(ushort type, string value) => Attribute(type, Encoding.UTF8.GetBytes(value + "\0"));

    /// <summary>The whole message with its length and sequence number set.</summary>
    public byte[] ToArray(uint sequence)
    {
        var bytes = _bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), sequence);
        return bytes;
    }

    public static int Align(int length) => (length + 3) & ~3;

    private Span<byte> Span(int start, int length) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes).Slice(start, length);

    /// <summary>The messages of a received datagram: (type, flags, body after the netlink header).</summary>
    public static IEnumerable<(ushort Type, ReadOnlyMemory<byte> Body)> Split(ReadOnlyMemory<byte> datagram)
    {
        var offset = 0;
        while (offset + HeaderLength <= datagram.Length)
        {
            var span = datagram.Span[offset..];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (length < HeaderLength || offset + length > datagram.Length) yield break;
            yield return (BinaryPrimitives.ReadUInt16LittleEndian(span[4..]), datagram.Slice(offset + HeaderLength, length - HeaderLength));
            offset += Align(length);
        }
    }

    /// <summary>The errno of an NLMSG_ERROR body (0 for an acknowledgement).</summary>
    public static int ErrorOf(ReadOnlySpan<byte> body) => body.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(body) : 5;

    /// <summary>The attributes after a fixed header of <paramref name="headerLength"/> bytes.</summary>
    public static IEnumerable<(ushort Type, byte[] Data)> Attributes(ReadOnlyMemory<byte> body, int headerLength)
    {
        var offset = Align(headerLength);
        while (offset + 4 <= body.Length)
        {
            var span = body.Span[offset..];
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span);
            if (length < 4 || offset + length > body.Length) yield break;
            yield return (BinaryPrimitives.ReadUInt16LittleEndian(span[2..]), span[4..length].ToArray());
            offset += Align(length);
        }
    }
}

/// <summary>One address of a link as an RTM_NEWADDR dump gave it, with the attributes needed to add it again.</summary>
public sealed record InterfaceAddress(byte Family, byte PrefixLength, byte Flags, byte Scope, int Index, IReadOnlyList<(ushort Type, byte[] Data)> Attributes)
{
    /// <summary>Configured by hand (not from autoconfiguration or DHCP leases that expire) and global in scope: the
    /// addresses runtime-spec says a moved device keeps.</summary>
    public bool IsPermanentAndGlobal => (Flags & RouteMessage.IFA_F_PERMANENT) != 0 && Scope == RouteMessage.RT_SCOPE_UNIVERSE;

    /// <summary>An RTM_NEWADDR message body: ifaddrmsg, then IFA_ADDRESS, IFA_LOCAL and IFA_BROADCAST as given.</summary>
    public static InterfaceAddress Parse(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var attributes = RouteMessage.Attributes(body, RouteMessage.AddressHeaderLength)
            .Where(a => a.Type is RouteMessage.IFA_ADDRESS or RouteMessage.IFA_LOCAL or RouteMessage.IFA_BROADCAST)
            .ToList();
        return new InterfaceAddress(span[0], span[1], span[2], span[3], BinaryPrimitives.ReadInt32LittleEndian(span[4..]), attributes);
    }

    /// <summary>The address as "192.0.2.5/24" for messages.</summary>
    public override string ToString()
    {
        var local = Attributes.FirstOrDefault(a => a.Type == RouteMessage.IFA_LOCAL).Data ?? Attributes.FirstOrDefault(a => a.Type == RouteMessage.IFA_ADDRESS).Data;
        return local is { Length: 4 or 16 } ? $"{new System.Net.IPAddress(local)}/{PrefixLength}" : $"?/{PrefixLength}";
    }
}
