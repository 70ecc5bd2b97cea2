namespace OciRuntime.Spec.Validation;

/// <summary>linux.memoryPolicy, the set_mempolicy(2) arguments.</summary>
internal static class MemoryPolicyValidator
{
    private static readonly HashSet<string> ModesWithoutNodes = ["MPOL_DEFAULT", "MPOL_LOCAL"];
    private static readonly HashSet<string> ModesNeedingNodes = ["MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED_MANY"];
    private static readonly HashSet<string> Flags = ["MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES"];

    public static void Validate(LinuxMemoryPolicy? policy, ConfigCheck check)
    {
        if (policy == null) return;
        const string path = "linux.memoryPolicy";
        var hasNodes = !string.IsNullOrEmpty(policy.Nodes);
        if (!ModesWithoutNodes.Contains(policy.Mode) && !ModesNeedingNodes.Contains(policy.Mode) && policy.Mode != "MPOL_PREFERRED")
            throw check.Fail(SpecPath.Property(path, "mode"), $"unknown mode \"{policy.Mode}\"");
        if (ModesWithoutNodes.Contains(policy.Mode) && hasNodes)
            throw check.Fail(SpecPath.Property(path, "nodes"), $"must be empty for {policy.Mode}");
        if (ModesNeedingNodes.Contains(policy.Mode) && !hasNodes)
            throw check.Fail(SpecPath.Property(path, "nodes"), $"must be set for {policy.Mode}");
        if (hasNodes && !CpuList.IsValid(policy.Nodes!))
            throw check.Fail(SpecPath.Property(path, "nodes"), $"\"{policy.Nodes}\" is not a node list like 0-3,7");
        var flags = policy.Flags ?? [];
        for (var i = 0; i < flags.Count; i++)
        {
            if (!Flags.Contains(flags[i])) throw check.Fail(SpecPath.Index(SpecPath.Property(path, "flags"), i), $"unknown flag \"{flags[i]}\"");
        }
        if (flags.Contains("MPOL_F_STATIC_NODES") && flags.Contains("MPOL_F_RELATIVE_NODES"))
            throw check.Fail(SpecPath.Property(path, "flags"), "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other");
        if (flags.Contains("MPOL_F_NUMA_BALANCING") && policy.Mode != "MPOL_BIND")
            throw check.Fail(SpecPath.Property(path, "flags"), "MPOL_F_NUMA_BALANCING is only valid with MPOL_BIND");
    }
}
