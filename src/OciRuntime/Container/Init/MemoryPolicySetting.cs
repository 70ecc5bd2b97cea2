using OciRuntime.Spec;

namespace OciRuntime.Container.Init;

/// <summary>
/// linux.memoryPolicy as set_mempolicy(2) takes it: the mode with its MPOL_F_* flags, and the node mask in 64-bit
/// words. Applied by the container's init before its program (which inherits the policy across exec, as every
/// process the program starts does).
/// </summary>
internal sealed record MemoryPolicySetting(int Mode, ulong[] Nodes)
{
    /// <summary>set_mempolicy's maxnode: the kernel reads maxnode - 1 bits (an off-by-one kept for compatibility).</summary>
    public ulong MaxNode => Nodes.Length == 0 ? 0 : (ulong)Nodes.Length * 64 + 1;

    /// <summary>set_mempolicy(2) for the calling thread (the init stage's, before its exec); 0 or the errno.</summary>
    public unsafe int Apply()
    {
        fixed (ulong* nodes = Nodes)
            return Linux.RawSyscalls.Syscall(Linux.SyscallNumbers.set_mempolicy, Mode, (long)nodes, (long)MaxNode) < 0 ? Linux.RawSyscalls.Errno : 0;
    }

    public static MemoryPolicySetting? From(LinuxMemoryPolicy? policy)
    {
        if (policy == null) return null;
        var mode = policy.Mode switch
        {
            "MPOL_DEFAULT" => 0, "MPOL_PREFERRED" => 1, "MPOL_BIND" => 2, "MPOL_INTERLEAVE" => 3, "MPOL_LOCAL" => 4,
            "MPOL_PREFERRED_MANY" => 5, "MPOL_WEIGHTED_INTERLEAVE" => 6,
            _ => throw new OciRuntimeException($"linux.memoryPolicy.mode: unknown mode \"{policy.Mode}\""),
        };
        foreach (var flag in policy.Flags ?? [])
        {
            mode |= flag switch
            {
                "MPOL_F_STATIC_NODES" => 1 << 15, "MPOL_F_RELATIVE_NODES" => 1 << 14, "MPOL_F_NUMA_BALANCING" => 1 << 13,
                _ => throw new OciRuntimeException($"linux.memoryPolicy.flags: unknown flag \"{flag}\""),
            };
        }
        return new MemoryPolicySetting(mode, Mask(NodesOf(policy.Nodes)));
    }

    /// <summary>
    /// Refuses, before anything is made, nodes this host does not have online (<paramref name="online"/> is
    /// /sys/devices/system/node/online), where set_mempolicy would only say "invalid argument" from the init.
    /// </summary>
    public static void CheckOnline(LinuxMemoryPolicy? policy, string online)
    {
        if (string.IsNullOrEmpty(policy?.Nodes)) return;
        var available = NodesOf(online.Trim()).ToHashSet();
        var missing = NodesOf(policy.Nodes).Where(node => !available.Contains(node)).ToList();
        if (missing.Count > 0)
            throw new OciRuntimeException($"linux.memoryPolicy.nodes: node {string.Join(',', missing)} is not online on this host (online: {online.Trim()})");
    }

    /// <summary>The nodes of a list such as "0-3,7" (validated already).</summary>
    private static IEnumerable<int> NodesOf(string? list)
    {
        if (string.IsNullOrEmpty(list)) yield break;
        foreach (var item in list.Split(','))
        {
            var bounds = item.Split('-');
            var first = int.Parse(bounds[0]);
            var last = bounds.Length == 2 ? int.Parse(bounds[1]) : first;
            for (var node = first; node <= last; node++) yield return node;
        }
    }

    private static ulong[] Mask(IEnumerable<int> nodes)
    {
        var list = nodes.ToList();
        if (list.Count == 0) return [];
        var mask = new ulong[list.Max() / 64 + 1];
        foreach (var node in list) mask[node / 64] |= 1UL << (node % 64);
        return mask;
    }
}
