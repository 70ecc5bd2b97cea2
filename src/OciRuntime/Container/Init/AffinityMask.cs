namespace OciRuntime.Container.Init;

/// <summary>
/// A sched_setaffinity(2) mask from a CPU list ("0-3,7"). The container's processes start with the affinity reset
/// to every CPU their cpuset allows (runc 1.3.1: a runtime started from a pinned process must not pin every
/// container, runc#4858): <see cref="AllCpus"/>, which the kernel narrows to the cpuset; exec's
/// process.execCPUAffinity sets `initial` for the exec's setup and `final` for the program instead.
/// </summary>
internal static class AffinityMask
{
    /// <summary>1024 CPUs set, the kernel's largest default NR_CPUS; bits past the machine's CPUs are ignored.</summary>
    public static readonly byte[] AllCpus = Enumerable.Repeat((byte)0xFF, 128).ToArray();

    /// <summary>The mask of a CPU list already validated (linux.process.execCPUAffinity); null for none.</summary>
    public static byte[]? Of(string? list)
    {
        if (string.IsNullOrEmpty(list)) return null;
        var cpus = new List<int>();
        foreach (var item in list.Split(','))
        {
            var bounds = item.Split('-');
            var first = int.Parse(bounds[0]);
            var last = bounds.Length == 2 ? int.Parse(bounds[1]) : first;
            for (var cpu = first; cpu <= last; cpu++) cpus.Add(cpu);
        }
        // Whole 64-bit words, as the kernel's cpumask is read.
        var mask = new byte[(cpus.Max() / 64 + 1) * 8];
        foreach (var cpu in cpus) mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        return mask;
    }

    /// <summary>sched_setaffinity(2) of the calling thread; 0 or the errno.</summary>
    public static unsafe int Apply(byte[] mask)
    {
        fixed (byte* bits = mask)
            return Linux.RawSyscalls.Syscall(Linux.SyscallNumbers.sched_setaffinity, 0, mask.Length, (long)bits) < 0 ? Linux.RawSyscalls.Errno : 0;
    }
}
