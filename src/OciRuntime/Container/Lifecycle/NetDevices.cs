using OciRuntime.Container.Init;
using OciRuntime.Linux;
using OciRuntime.Linux.Netlink;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// linux.netDevices (runtime-spec 1.3): host interfaces moved into the container's network namespace at create
/// (RTM_NEWLINK with the namespace's fd and the new name, which may be a "%d" template the kernel fills in), with
/// their permanent global addresses added again inside (a move drops them) and the link set up. Nothing is moved
/// back at delete: the spec forbids it; a virtual device dies with the namespace, a physical one returns to the host.
/// </summary>
internal static class NetDevices
{
    /// <summary>Refuses, before anything is made, a device the host lacks or two devices given one name.</summary>
    public static void Check(Dictionary<string, LinuxNetDevice>? devices, Func<string, uint> indexOf)
    {
        if (devices is not { Count: > 0 }) return;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (hostName, device) in devices)
        {
            if (indexOf(hostName) == 0) throw new OciRuntimeException($"{SpecPath.Key("linux.netDevices", hostName)}: no network device {hostName} on the host");
            var name = NameOf(hostName, device);
            if (!name.Contains('%') && !names.Add(name))
                throw new OciRuntimeException($"{SpecPath.Key("linux.netDevices", hostName)}: the name {name} is taken by another device of the container");
        }
    }

    public static void Check(Dictionary<string, LinuxNetDevice>? devices) => Check(devices, Libc.IfNameToIndex);

    /// <summary>Moves the devices into the network namespace behind <paramref name="netnsFd"/>.</summary>
    public static void Move(Dictionary<string, LinuxNetDevice> devices, int netnsFd)
    {
        var moved = new List<(string Name, int Index, List<InterfaceAddress> Addresses)>();
        using (var host = new RouteNetlinkSocket())
        {
            var addresses = host.Dump(RouteMessage.AddressDump(), RouteMessage.RTM_NEWADDR).Select(InterfaceAddress.Parse)
                .Where(a => a.IsPermanentAndGlobal).ToList();
            foreach (var (hostName, device) in devices)
            {
                var index = (int)Libc.IfNameToIndex(hostName);
                if (index == 0) throw new OciRuntimeException($"netDevices: no network device {hostName} on the host");
                var name = NameOf(hostName, device);
                var message = RouteMessage.Link(index).Attribute(RouteMessage.IFLA_NET_NS_FD, netnsFd).Attribute(RouteMessage.IFLA_IFNAME, name);
                if (host.Request(message) is var errno and not 0)
                    throw Errno.Exception($"netDevices: move {hostName} into the container's network namespace as {name}", errno);
                moved.Add((name, index, addresses.Where(a => a.Index == index).ToList()));
            }
        }
        NamespaceThread.Run([netnsFd], () =>
        {
            using var inside = new RouteNetlinkSocket();
            foreach (var (name, hostIndex, addresses) in moved)
            {
                // A moved device keeps its index unless the namespace has it taken; a "%d" name is only known by it.
                var index = name.Contains('%') ? hostIndex : (int)Libc.IfNameToIndex(name);
                if (index == 0) throw new OciRuntimeException($"netDevices: {name} is not in the container's network namespace after the move");
                foreach (var address in addresses)
                    if (inside.Request(RouteMessage.NewAddress(address, index)) is var errno and not 0)
                        throw Errno.Exception($"netDevices: add {address} to {name}", errno);
                if (inside.Request(RouteMessage.Link(index, RouteMessage.IFF_UP, RouteMessage.IFF_UP)) is var up and not 0)
                    throw Errno.Exception($"netDevices: set {name} up", up);
            }
        });
    }

    private static string NameOf(string hostName, LinuxNetDevice device) => string.IsNullOrEmpty(device.Name) ? hostName : device.Name;
}
