using System.Buffers.Binary;
using OciRuntime.Linux.Netlink;
using Xunit;

namespace OciRuntime.Tests.Linux;

/// <summary>rtnetlink messages as bytes: what the kernel reads from us and what we read from it.</summary>
public sealed class RouteMessageTests
{
    [Fact]
    public void A_move_is_a_newlink_request_with_the_namespace_fd_and_the_new_name_as_padded_attributes()
    {
        var bytes = RouteMessage.Link(7).Attribute(RouteMessage.IFLA_NET_NS_FD, 12).Attribute(RouteMessage.IFLA_IFNAME, "eth%d").ToArray(sequence: 3);

        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(16 + 16 + 8 + 12, bytes.Length); // header, ifinfomsg, fd attribute, "eth%d\0" padded to 8
        Assert.Equal(RouteMessage.RTM_NEWLINK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(RouteMessage.NLM_F_REQUEST | RouteMessage.NLM_F_ACK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16 + 4)));
        var attributes = RouteMessage.Attributes(bytes.AsMemory(16), RouteMessage.LinkHeaderLength).ToList();
        Assert.Equal([RouteMessage.IFLA_NET_NS_FD, RouteMessage.IFLA_IFNAME], attributes.Select(a => a.Type));
        Assert.Equal(12, BinaryPrimitives.ReadInt32LittleEndian(attributes[0].Data));
        Assert.Equal("eth%d\0"u8.ToArray(), attributes[1].Data);
    }

    [Fact]
    public void Setting_a_link_up_sets_the_flag_and_says_it_changes()
    {
        var bytes = RouteMessage.Link(4, RouteMessage.IFF_UP, RouteMessage.IFF_UP).ToArray(1);

        Assert.Equal(RouteMessage.IFF_UP, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16 + 8)));
        Assert.Equal(RouteMessage.IFF_UP, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16 + 12)));
    }

    /// <summary>An RTM_NEWADDR of 192.0.2.5/24 on link 9 as a dump returns it, then read and re-added.</summary>
    [Theory]
    [InlineData(RouteMessage.IFA_F_PERMANENT, 0, true)]
    [InlineData(0, 0, false)]
    [InlineData(RouteMessage.IFA_F_PERMANENT, 253, false)]
    public void A_dumped_address_is_kept_when_permanent_and_global_and_added_again_as_it_was(byte flags, byte scope, bool kept)
    {
        var dumped = RouteMessage.NewAddress(new InterfaceAddress(2, 24, 0, scope, 9,
            [(RouteMessage.IFA_ADDRESS, [192, 0, 2, 5]), (RouteMessage.IFA_LOCAL, [192, 0, 2, 5]), (RouteMessage.IFA_BROADCAST, [192, 0, 2, 255]), (6, new byte[16])]), 9)
            .ToArray(1);
        dumped[16 + 2] = flags; // ifa_flags, as the kernel reports them (IFA_CACHEINFO, type 6, is left out)

        var address = InterfaceAddress.Parse(RouteMessage.Split(dumped).Single().Body);
        var again = RouteMessage.NewAddress(address, 3).ToArray(2);

        Assert.Equal(kept, address.IsPermanentAndGlobal);
        Assert.Equal("192.0.2.5/24", address.ToString());
        Assert.Equal(9, address.Index);
        Assert.Equal([RouteMessage.IFA_ADDRESS, RouteMessage.IFA_LOCAL, RouteMessage.IFA_BROADCAST], address.Attributes.Select(a => a.Type));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(again.AsSpan(16 + 4)));
        Assert.Equal(RouteMessage.NLM_F_REQUEST | RouteMessage.NLM_F_ACK | RouteMessage.NLM_F_CREATE | RouteMessage.NLM_F_EXCL,
            BinaryPrimitives.ReadUInt16LittleEndian(again.AsSpan(6)));
    }

    [Fact]
    public void An_error_message_gives_its_errno_and_an_ack_zero()
    {
        Assert.Equal(17, RouteMessage.ErrorOf(BitConverter.GetBytes(-17)));
        Assert.Equal(0, RouteMessage.ErrorOf(BitConverter.GetBytes(0)));
    }
}
