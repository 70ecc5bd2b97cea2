namespace OciRuntime.Spec.Validation;

/// <summary>
/// linux.resources, as far as it can be judged without the host's cgroup setup. Zero means "not set" for the
/// numbers runc only writes when non-zero (cpu shares/quota/period, blkio weights), so zero is always accepted.
/// </summary>
internal static class ResourcesValidator
{
    private const string Root = "linux.resources";

    public static void Validate(LinuxResources? resources, ConfigCheck check)
    {
        if (resources == null) return;
        ValidateDeviceRules(resources.Devices, check);
        ValidateMemory(resources.Memory, check);
        ValidateCpu(resources.Cpu, check);
        ValidateBlockIO(resources.BlockIO, check);
        ValidateHugepages(resources.HugepageLimits, check);
        ValidateNetwork(resources.Network, check);
        ValidateUnified(resources.Unified, check);
    }

    private static void ValidateDeviceRules(List<LinuxDeviceCgroup>? rules, ConfigCheck check)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            var path = SpecPath.Index($"{Root}.devices", i);
            if (rule.Type is not (null or "" or "a" or "b" or "c"))
                throw check.Fail(SpecPath.Property(path, "type"), $"unknown type \"{rule.Type}\", expected a, b or c");
            foreach (var (name, number) in new[] { ("major", rule.Major), ("minor", rule.Minor) })
            {
                if (number < -1) throw check.Fail(SpecPath.Property(path, name), $"{number} is not a device number (-1 or absent means any)");
            }
            var accessPath = SpecPath.Property(path, "access");
            if (string.IsNullOrEmpty(rule.Access)) throw check.Fail(accessPath, "must not be empty");
            // runc 1.1 ignores letters other than r, w and m (a config may say "rwa"), and so do we; an access
            // with none of them would grant or take nothing and is surely a mistake.
            var ignored = new string(rule.Access.Where(c => c is not ('r' or 'w' or 'm')).ToArray());
            if (ignored.Length == rule.Access.Length)
                throw check.Fail(accessPath, $"\"{rule.Access}\" has none of r, w and m");
            if (ignored.Length > 0) check.Warn(accessPath, $"ignoring \"{ignored}\" in \"{rule.Access}\": only r, w and m mean something");
        }
    }

    private static void ValidateMemory(LinuxMemory? memory, ConfigCheck check)
    {
        if (memory == null) return;
        const string path = $"{Root}.memory";
        foreach (var (name, value) in new[]
                 {
                     ("limit", memory.Limit), ("reservation", memory.Reservation), ("swap", memory.Swap),
                     ("kernel", memory.Kernel), ("kernelTCP", memory.KernelTcp),
                 })
        {
            if (value < -1) throw check.Fail(SpecPath.Property(path, name), $"{value} is not a byte count (-1 means unlimited)");
        }
        if (memory.Swap is > 0 && memory.Limit is > 0 && memory.Swap < memory.Limit)
            throw check.Fail(SpecPath.Property(path, "swap"), $"{memory.Swap} is below limit {memory.Limit} (swap counts memory plus swap)");
        // -1 stored as an unsigned number is runc's "leave swappiness alone".
        if (memory.Swappiness is > 100 and not ulong.MaxValue)
            throw check.Fail(SpecPath.Property(path, "swappiness"), $"{memory.Swappiness} is outside 0..100");
        if (memory.Kernel != null || memory.KernelTcp != null)
            check.Warn(path, "ignoring kernel and kernelTCP: kernel memory limits are deprecated and not supported");
    }

    private static void ValidateCpu(LinuxCpu? cpu, ConfigCheck check)
    {
        if (cpu == null) return;
        const string path = $"{Root}.cpu";
        // The kernel clamps cpu.shares to 2..262144 silently; refusing is clearer than running with another weight.
        ValidateUnsignedRange(SpecPath.Property(path, "shares"), cpu.Shares, 2, 262144, check);
        if (cpu.Quota is < -1 or (> 0 and < 1000))
            throw check.Fail(SpecPath.Property(path, "quota"), $"{cpu.Quota} is not a quota (-1 for none, or at least 1000 microseconds)");
        ValidateUnsignedRange(SpecPath.Property(path, "period"), cpu.Period, 1000, 1_000_000, check);
        if (cpu.RealtimeRuntime < -1)
            throw check.Fail(SpecPath.Property(path, "realtimeRuntime"), $"{cpu.RealtimeRuntime} is not a runtime (-1 means unlimited)");
        foreach (var (name, list) in new[] { ("cpus", cpu.Cpus), ("mems", cpu.Mems) })
        {
            if (!string.IsNullOrEmpty(list) && !CpuList.IsValid(list))
                throw check.Fail(SpecPath.Property(path, name), $"\"{list}\" is not a list like 0-3,7");
        }
        if (cpu.Idle is not (null or 0 or 1)) throw check.Fail(SpecPath.Property(path, "idle"), $"{cpu.Idle} is neither 0 nor 1");
    }

    private static void ValidateUnsignedRange(string path, ulong? value, ulong min, ulong max, ConfigCheck check)
    {
        if (value is { } v and not 0 && (v < min || v > max)) throw check.Fail(path, $"{v} is outside {min}..{max}");
    }

    private static void ValidateBlockIO(LinuxBlockIO? blockIO, ConfigCheck check)
    {
        if (blockIO == null) return;
        const string path = $"{Root}.blockIO";
        ValidateUnsignedRange(SpecPath.Property(path, "weight"), blockIO.Weight, 10, 1000, check);
        ValidateUnsignedRange(SpecPath.Property(path, "leafWeight"), blockIO.LeafWeight, 10, 1000, check);
        for (var i = 0; i < (blockIO.WeightDevice?.Count ?? 0); i++)
        {
            var device = blockIO.WeightDevice![i];
            var devicePath = SpecPath.Index(SpecPath.Property(path, "weightDevice"), i);
            ValidateDeviceNumbers(devicePath, device.Major, device.Minor, check);
            ValidateUnsignedRange(SpecPath.Property(devicePath, "weight"), device.Weight, 10, 1000, check);
            ValidateUnsignedRange(SpecPath.Property(devicePath, "leafWeight"), device.LeafWeight, 10, 1000, check);
        }
        foreach (var (name, devices) in new[]
                 {
                     ("throttleReadBpsDevice", blockIO.ThrottleReadBpsDevice), ("throttleWriteBpsDevice", blockIO.ThrottleWriteBpsDevice),
                     ("throttleReadIOPSDevice", blockIO.ThrottleReadIopsDevice), ("throttleWriteIOPSDevice", blockIO.ThrottleWriteIopsDevice),
                 })
        {
            for (var i = 0; i < (devices?.Count ?? 0); i++)
                ValidateDeviceNumbers(SpecPath.Index(SpecPath.Property(path, name), i), devices![i].Major, devices[i].Minor, check);
        }
    }

    private static void ValidateDeviceNumbers(string path, long major, long minor, ConfigCheck check)
    {
        if (major < 0) throw check.Fail(SpecPath.Property(path, "major"), $"{major} must not be negative");
        if (minor < 0) throw check.Fail(SpecPath.Property(path, "minor"), $"{minor} must not be negative");
    }

    private static void ValidateHugepages(List<LinuxHugepageLimit>? limits, ConfigCheck check)
    {
        for (var i = 0; i < (limits?.Count ?? 0); i++)
        {
            var pageSize = limits![i].PageSize;
            if (!IsPageSize(pageSize))
                throw check.Fail(SpecPath.Property(SpecPath.Index($"{Root}.hugepageLimits", i), "pageSize"), $"\"{pageSize}\" is not a page size like 2MB or 1GB");
        }
    }

    /// <summary>The names of the hugetlb cgroup files: a number and KB, MB, GB, TB or PB.</summary>
    private static bool IsPageSize(string size) =>
        size.Length > 2 && size[^1] == 'B' && "KMGTP".Contains(size[^2]) &&
        size[..^2] is { Length: > 0 } number && number.All(char.IsAsciiDigit) && number[0] != '0';

    private static void ValidateNetwork(LinuxNetwork? network, ConfigCheck check)
    {
        for (var i = 0; i < (network?.Priorities?.Count ?? 0); i++)
        {
            if (network!.Priorities![i].Name.Length == 0)
                throw check.Fail(SpecPath.Property(SpecPath.Index($"{Root}.network.priorities", i), "name"), "must be set");
        }
    }

    /// <summary>Keys are cgroup v2 file names, written relative to the container's cgroup: none may escape it.</summary>
    private static void ValidateUnified(Dictionary<string, string>? unified, ConfigCheck check)
    {
        foreach (var key in unified?.Keys ?? Enumerable.Empty<string>())
        {
            var path = SpecPath.Key($"{Root}.unified", key);
            if (key.Contains('/')) throw check.Fail(path, "must be a file name, without '/'");
            var dot = key.IndexOf('.');
            if (dot <= 0 || dot == key.Length - 1) throw check.Fail(path, "must be in the form controller.parameter");
        }
    }
}
