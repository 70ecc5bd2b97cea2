using OciRuntime.Linux;
using OciRuntime.Seccomp;

namespace OciRuntime.Spec;

/// <summary>
/// Builds the features document from what the code actually implements. Keep it truthful: a feature is listed
/// only when a config using it works, because callers (containerd, podman) decide from it what to ask for.
/// </summary>
public static class FeaturesDocument
{
    public const string OciVersionMin = "1.0.0";
    public const string OciVersionMax = RuntimeSpec.ImplementedVersion;

    /// <summary>runc's annotation; tools that drive runc ask it before they try a checkpoint.</summary>
    public const string CheckpointEnabledAnnotation = "org.opencontainers.runc.checkpoint.enabled";

    /// <summary>The document for this host: seccomp support asked from libseccomp and the kernel, Intel RDT from
    /// whether a resctrl filesystem is mounted (a config's intelRdt is refused without one).</summary>
    public static Features Detect() =>
        Build(SeccompFeatures.Detect(), intelRdt: IntelRdt.ResctrlHost.Detect(Cgroups.CgroupFileSystem.Host) != null,
            appArmor: Container.SecurityLabels.IsAppArmorEnabled(), selinux: Container.SecurityLabels.IsSelinuxEnabled());

    /// <summary>The document with the host-dependent parts given (deterministic for tests): a profile or label is
    /// applied where the host has the LSM and refused where it has not, so enabled says which.</summary>
    public static Features Build(SeccompFeatures seccomp, bool intelRdt, bool appArmor = false, bool selinux = false)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckpointEnabledAnnotation] = "false",
        };
        if (seccomp.LibseccompVersion is { } version) annotations[SeccompFeatures.LibseccompVersionAnnotation] = version;
        return new Features
        {
            OciVersionMin = OciVersionMin,
            OciVersionMax = OciVersionMax,
            Hooks = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
            MountOptions = SupportedMountOptions().ToList(),
            Linux = new LinuxFeatures
            {
                Namespaces = NamespaceType.All.Select(type => type.Name).ToList(),
                Capabilities = Capability.All.ToList(),
                // Only cgroupfs drivers exist: --systemd-cgroup paths are translated, not delegated to systemd.
                Cgroup = new CgroupFeatures { V1 = true, V2 = true, Systemd = false, SystemdUser = false, Rdma = true },
                Seccomp = new SeccompFeatureSet
                {
                    Enabled = seccomp.Enabled,
                    Actions = seccomp.Actions.ToList(),
                    Operators = seccomp.Operators.ToList(),
                    Archs = seccomp.Archs.ToList(),
                    KnownFlags = seccomp.KnownFlags.ToList(),
                    SupportedFlags = seccomp.SupportedFlags.ToList(),
                },
                Apparmor = new EnabledFeature { Enabled = appArmor },
                Selinux = new EnabledFeature { Enabled = selinux },
                IntelRdt = new EnabledFeature { Enabled = intelRdt },
                MountExtensions = new MountExtensionFeatures { IdMap = new EnabledFeature { Enabled = true } },
                NetDevices = new EnabledFeature { Enabled = true },
            },
            Annotations = annotations,
        };
    }

    /// <summary>Every option the mount parser knows.</summary>
    public static IEnumerable<string> SupportedMountOptions() => Container.Rootfs.MountOptions.Known;
}
