using OciRuntime.Cgroups;
using OciRuntime.Cgroups.Devices;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>linux.resources applied to a new container's cgroups.</summary>
internal static class ContainerResources
{
    public static void Apply(CgroupManager cgroups, LinuxResources? resources)
    {
        var rules = (resources?.Devices ?? []).Select(d => DeviceRule.FromSpec(d.Allow, d.Type, d.Major, d.Minor, d.Access));
        cgroups.ApplyDevices(rules);
    }
}
