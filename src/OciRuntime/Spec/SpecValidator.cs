using OciRuntime.Linux;
using OciRuntime.Spec.Validation;

namespace OciRuntime.Spec;

/// <summary>
/// Checks a config before anything is created, so that a bad config fails with one clear message instead of
/// half a container. The first problem throws <see cref="OciRuntimeException"/>
/// (<c>config.json: linux.namespaces[2].type: unknown namespace "foo"</c>); what runc 1.1 only warns about
/// (unknown capabilities, relative mount destinations) goes to <see cref="RuntimeLog.Warn"/>.
/// Only the config is judged here: whether the host supports a feature is found out when it is applied.
/// </summary>
public static class SpecValidator
{
    /// <param name="systemdCgroup">With <c>--systemd-cgroup</c>, linux.cgroupsPath must be slice:prefix:name.</param>
    public static void Validate(RuntimeSpec spec, bool systemdCgroup = false)
    {
        var check = new ConfigCheck(SpecLoader.ConfigFileName);
        ValidateVersion(spec.OciVersion, check);
        if (spec.Process == null) throw check.Fail("process", "must be set");
        ProcessValidator.Validate(spec.Process, "process", check);
        if (spec.Root == null) throw check.Fail("root", "must be set");
        if (spec.Root.Path.Length == 0) throw check.Fail("root.path", "must be set");
        var namespaces = NamespaceSet.From(spec.Linux, check);
        if (!string.IsNullOrEmpty(spec.Hostname) && !namespaces.Contains(NamespaceType.Uts))
            throw check.Fail("hostname", "needs a uts namespace in linux.namespaces");
        if (!string.IsNullOrEmpty(spec.Domainname) && !namespaces.Contains(NamespaceType.Uts))
            throw check.Fail("domainname", "needs a uts namespace in linux.namespaces");
        MountValidator.Validate(spec.Mounts, namespaces.Contains(NamespaceType.User), check);
        HookValidator.Validate(spec.Hooks, check);
        LinuxValidator.ValidateUserNamespace(spec.Linux, namespaces, check);
        if (spec.Linux is not { } linux) return;
        LinuxValidator.ValidateSysctl(linux.Sysctl, namespaces, check);
        ResourcesValidator.Validate(linux.Resources, check);
        LinuxValidator.ValidateCgroupsPath(linux.CgroupsPath, systemdCgroup, check);
        LinuxValidator.ValidateDevices(linux.Devices, check);
        LinuxValidator.ValidateNetDevices(linux.NetDevices, namespaces, check);
        SeccompValidator.Validate(linux.Seccomp, check);
        LinuxValidator.ValidatePaths(linux, namespaces, check);
        LinuxValidator.ValidateIntelRdt(linux.IntelRdt, check);
        MemoryPolicyValidator.Validate(linux.MemoryPolicy, check);
        LinuxValidator.ValidatePersonality(linux.Personality, check);
        LinuxValidator.ValidateTimeOffsets(linux.TimeOffsets, namespaces, check);
    }

    /// <summary>The process document of <c>exec --process</c>; messages name <paramref name="source"/>.</summary>
    public static void ValidateProcess(Process process, string source = "process.json") =>
        ProcessValidator.Validate(process, "", new ConfigCheck(source));

    private static void ValidateVersion(string version, ConfigCheck check)
    {
        if (version.Length == 0) throw check.Fail("ociVersion", "must be set");
        var major = SemanticVersion.Major(version)
                    ?? throw check.Fail("ociVersion", $"\"{version}\" is not a semantic version like 1.2.0");
        if (major != "1") throw check.Fail("ociVersion", $"\"{version}\" is not supported: ocirun implements 1.x");
    }
}
