namespace OciRuntime.Spec.Reading;

/// <summary>config.json's linux section, except its resources and seccomp profile, which have their own readers.</summary>
internal static class LinuxReader
{
    public static Linux Linux(ref SpecReader r)
    {
        var linux = new Linux();
        while (r.NextProperty())
        {
            if (r.Is("uidMappings")) linux.UidMappings = r.Objects(IdMapping);
            else if (r.Is("gidMappings")) linux.GidMappings = r.Objects(IdMapping);
            else if (r.Is("sysctl")) linux.Sysctl = r.StringMap();
            else if (r.Is("resources")) linux.Resources = r.Object(LinuxResourcesReader.Resources);
            else if (r.Is("cgroupsPath")) linux.CgroupsPath = r.OptionalString();
            else if (r.Is("namespaces")) linux.Namespaces = r.Objects(Namespace);
            else if (r.Is("devices")) linux.Devices = r.Objects(Device);
            else if (r.Is("netDevices")) linux.NetDevices = r.ObjectMap(NetDevice);
            else if (r.Is("seccomp")) linux.Seccomp = r.Object(LinuxSeccompReader.Seccomp);
            else if (r.Is("rootfsPropagation")) linux.RootfsPropagation = r.OptionalString();
            else if (r.Is("maskedPaths")) linux.MaskedPaths = r.Strings();
            else if (r.Is("readonlyPaths")) linux.ReadonlyPaths = r.Strings();
            else if (r.Is("mountLabel")) linux.MountLabel = r.OptionalString();
            else if (r.Is("intelRdt")) linux.IntelRdt = r.Object(IntelRdt);
            else if (r.Is("memoryPolicy")) linux.MemoryPolicy = r.Object(MemoryPolicy);
            else if (r.Is("personality")) linux.Personality = r.Object(Personality);
            else if (r.Is("timeOffsets")) linux.TimeOffsets = r.ObjectMap(TimeOffset);
            else linux.ExtensionData = r.Extension(linux.ExtensionData);
        }
        return linux;
    }

    /// <summary>Also the mappings of an id-mapped mount.</summary>
    public static LinuxIdMapping IdMapping(ref SpecReader r)
    {
        var mapping = new LinuxIdMapping();
        while (r.NextProperty())
        {
            if (r.Is("containerID")) mapping.ContainerId = r.UInt32();
            else if (r.Is("hostID")) mapping.HostId = r.UInt32();
            else if (r.Is("size")) mapping.Size = r.UInt32();
            else r.Skip();
        }
        return mapping;
    }

    private static LinuxNamespace Namespace(ref SpecReader r)
    {
        var ns = new LinuxNamespace();
        while (r.NextProperty())
        {
            if (r.Is("type")) ns.Type = r.String();
            else if (r.Is("path")) ns.Path = r.OptionalString();
            else r.Skip();
        }
        return ns;
    }

    private static LinuxDevice Device(ref SpecReader r)
    {
        var device = new LinuxDevice();
        while (r.NextProperty())
        {
            if (r.Is("path")) device.Path = r.String();
            else if (r.Is("type")) device.Type = r.String();
            else if (r.Is("major")) device.Major = r.OptionalInt64();
            else if (r.Is("minor")) device.Minor = r.OptionalInt64();
            else if (r.Is("fileMode")) device.FileMode = r.OptionalUInt32();
            else if (r.Is("uid")) device.Uid = r.OptionalUInt32();
            else if (r.Is("gid")) device.Gid = r.OptionalUInt32();
            else r.Skip();
        }
        return device;
    }

    private static LinuxNetDevice NetDevice(ref SpecReader r)
    {
        var device = new LinuxNetDevice();
        while (r.NextProperty())
        {
            if (r.Is("name")) device.Name = r.OptionalString();
            else r.Skip();
        }
        return device;
    }

    private static LinuxPersonality Personality(ref SpecReader r)
    {
        var personality = new LinuxPersonality();
        while (r.NextProperty())
        {
            if (r.Is("domain")) personality.Domain = r.String();
            else if (r.Is("flags")) personality.Flags = r.Strings();
            else r.Skip();
        }
        return personality;
    }

    private static LinuxTimeOffset TimeOffset(ref SpecReader r)
    {
        var offset = new LinuxTimeOffset();
        while (r.NextProperty())
        {
            if (r.Is("secs")) offset.Secs = r.OptionalInt64();
            else if (r.Is("nanosecs")) offset.Nanosecs = r.OptionalUInt32();
            else r.Skip();
        }
        return offset;
    }

    private static LinuxIntelRdt IntelRdt(ref SpecReader r)
    {
        var rdt = new LinuxIntelRdt();
        while (r.NextProperty())
        {
            if (r.Is("closID")) rdt.ClosId = r.OptionalString();
            else if (r.Is("l3CacheSchema")) rdt.L3CacheSchema = r.OptionalString();
            else if (r.Is("memBwSchema")) rdt.MemBwSchema = r.OptionalString();
            else if (r.Is("schemata")) rdt.Schemata = r.Strings();
            else if (r.Is("enableMonitoring")) rdt.EnableMonitoring = r.OptionalBoolean();
            else if (r.Is("enableCMT")) rdt.EnableCmt = r.OptionalBoolean();
            else if (r.Is("enableMBM")) rdt.EnableMbm = r.OptionalBoolean();
            else rdt.ExtensionData = r.Extension(rdt.ExtensionData);
        }
        return rdt;
    }

    private static LinuxMemoryPolicy MemoryPolicy(ref SpecReader r)
    {
        var policy = new LinuxMemoryPolicy();
        while (r.NextProperty())
        {
            if (r.Is("mode")) policy.Mode = r.String();
            else if (r.Is("nodes")) policy.Nodes = r.OptionalString();
            else if (r.Is("flags")) policy.Flags = r.Strings();
            else r.Skip();
        }
        return policy;
    }
}
