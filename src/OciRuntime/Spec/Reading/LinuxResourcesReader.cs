namespace OciRuntime.Spec.Reading;

/// <summary>Cgroup limits: linux.resources, which is also the whole document of <c>update --resources</c>.</summary>
internal static class LinuxResourcesReader
{
    public static LinuxResources Resources(ref SpecReader r)
    {
        var resources = new LinuxResources();
        while (r.NextProperty())
        {
            if (r.Is("devices")) resources.Devices = r.Objects(DeviceCgroup);
            else if (r.Is("memory")) resources.Memory = r.Object(Memory);
            else if (r.Is("cpu")) resources.Cpu = r.Object(Cpu);
            else if (r.Is("pids")) resources.Pids = r.Object(Pids);
            else if (r.Is("blockIO")) resources.BlockIO = r.Object(BlockIO);
            else if (r.Is("hugepageLimits")) resources.HugepageLimits = r.Objects(HugepageLimit);
            else if (r.Is("network")) resources.Network = r.Object(Network);
            else if (r.Is("rdma")) resources.Rdma = r.ObjectMap(Rdma);
            else if (r.Is("unified")) resources.Unified = r.StringMap();
            else resources.ExtensionData = r.Extension(resources.ExtensionData);
        }
        return resources;
    }

    private static LinuxDeviceCgroup DeviceCgroup(ref SpecReader r)
    {
        var rule = new LinuxDeviceCgroup();
        while (r.NextProperty())
        {
            if (r.Is("allow")) rule.Allow = r.Boolean();
            else if (r.Is("type")) rule.Type = r.OptionalString();
            else if (r.Is("major")) rule.Major = r.OptionalInt64();
            else if (r.Is("minor")) rule.Minor = r.OptionalInt64();
            else if (r.Is("access")) rule.Access = r.OptionalString();
            else r.Skip();
        }
        return rule;
    }

    private static LinuxMemory Memory(ref SpecReader r)
    {
        var memory = new LinuxMemory();
        while (r.NextProperty())
        {
            if (r.Is("limit")) memory.Limit = r.OptionalInt64();
            else if (r.Is("reservation")) memory.Reservation = r.OptionalInt64();
            else if (r.Is("swap")) memory.Swap = r.OptionalInt64();
            else if (r.Is("kernel")) memory.Kernel = r.OptionalInt64();
            else if (r.Is("kernelTCP")) memory.KernelTcp = r.OptionalInt64();
            else if (r.Is("swappiness")) memory.Swappiness = r.OptionalUInt64();
            else if (r.Is("disableOOMKiller")) memory.DisableOomKiller = r.OptionalBoolean();
            else if (r.Is("useHierarchy")) memory.UseHierarchy = r.OptionalBoolean();
            else if (r.Is("checkBeforeUpdate")) memory.CheckBeforeUpdate = r.OptionalBoolean();
            else r.Skip();
        }
        return memory;
    }

    private static LinuxCpu Cpu(ref SpecReader r)
    {
        var cpu = new LinuxCpu();
        while (r.NextProperty())
        {
            if (r.Is("shares")) cpu.Shares = r.OptionalUInt64();
            else if (r.Is("quota")) cpu.Quota = r.OptionalInt64();
            else if (r.Is("burst")) cpu.Burst = r.OptionalUInt64();
            else if (r.Is("period")) cpu.Period = r.OptionalUInt64();
            else if (r.Is("realtimeRuntime")) cpu.RealtimeRuntime = r.OptionalInt64();
            else if (r.Is("realtimePeriod")) cpu.RealtimePeriod = r.OptionalUInt64();
            else if (r.Is("cpus")) cpu.Cpus = r.OptionalString();
            else if (r.Is("mems")) cpu.Mems = r.OptionalString();
            else if (r.Is("idle")) cpu.Idle = r.OptionalInt64();
            else r.Skip();
        }
        return cpu;
    }

    private static LinuxPids Pids(ref SpecReader r)
    {
        var pids = new LinuxPids();
        while (r.NextProperty())
        {
            if (r.Is("limit")) pids.Limit = r.OptionalInt64();
            else r.Skip();
        }
        return pids;
    }

    private static LinuxBlockIO BlockIO(ref SpecReader r)
    {
        var blockIO = new LinuxBlockIO();
        while (r.NextProperty())
        {
            if (r.Is("weight")) blockIO.Weight = r.OptionalUInt16();
            else if (r.Is("leafWeight")) blockIO.LeafWeight = r.OptionalUInt16();
            else if (r.Is("weightDevice")) blockIO.WeightDevice = r.Objects(WeightDevice);
            else if (r.Is("throttleReadBpsDevice")) blockIO.ThrottleReadBpsDevice = r.Objects(ThrottleDevice);
            else if (r.Is("throttleWriteBpsDevice")) blockIO.ThrottleWriteBpsDevice = r.Objects(ThrottleDevice);
            else if (r.Is("throttleReadIOPSDevice")) blockIO.ThrottleReadIopsDevice = r.Objects(ThrottleDevice);
            else if (r.Is("throttleWriteIOPSDevice")) blockIO.ThrottleWriteIopsDevice = r.Objects(ThrottleDevice);
            else r.Skip();
        }
        return blockIO;
    }

    private static LinuxWeightDevice WeightDevice(ref SpecReader r)
    {
        var device = new LinuxWeightDevice();
        while (r.NextProperty())
        {
            if (r.Is("major")) device.Major = r.Int64();
            else if (r.Is("minor")) device.Minor = r.Int64();
            else if (r.Is("weight")) device.Weight = r.OptionalUInt16();
            else if (r.Is("leafWeight")) device.LeafWeight = r.OptionalUInt16();
            else r.Skip();
        }
        return device;
    }

    private static LinuxThrottleDevice ThrottleDevice(ref SpecReader r)
    {
        var device = new LinuxThrottleDevice();
        while (r.NextProperty())
        {
            if (r.Is("major")) device.Major = r.Int64();
            else if (r.Is("minor")) device.Minor = r.Int64();
            else if (r.Is("rate")) device.Rate = r.UInt64();
            else r.Skip();
        }
        return device;
    }

    private static LinuxHugepageLimit HugepageLimit(ref SpecReader r)
    {
        var limit = new LinuxHugepageLimit();
        while (r.NextProperty())
        {
            if (r.Is("pageSize")) limit.PageSize = r.String();
            else if (r.Is("limit")) limit.Limit = r.UInt64();
            else r.Skip();
        }
        return limit;
    }

    private static LinuxNetwork Network(ref SpecReader r)
    {
        var network = new LinuxNetwork();
        while (r.NextProperty())
        {
            if (r.Is("classID")) network.ClassId = r.OptionalUInt32();
            else if (r.Is("priorities")) network.Priorities = r.Objects(InterfacePriority);
            else r.Skip();
        }
        return network;
    }

    private static LinuxInterfacePriority InterfacePriority(ref SpecReader r)
    {
        var priority = new LinuxInterfacePriority();
        while (r.NextProperty())
        {
            if (r.Is("name")) priority.Name = r.String();
            else if (r.Is("priority")) priority.Priority = r.UInt32();
            else r.Skip();
        }
        return priority;
    }

    private static LinuxRdma Rdma(ref SpecReader r)
    {
        var rdma = new LinuxRdma();
        while (r.NextProperty())
        {
            if (r.Is("hcaHandles")) rdma.HcaHandles = r.OptionalUInt32();
            else if (r.Is("hcaObjects")) rdma.HcaObjects = r.OptionalUInt32();
            else r.Skip();
        }
        return rdma;
    }
}
