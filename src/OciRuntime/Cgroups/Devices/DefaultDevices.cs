namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// The devices every container may use whatever its config says, appended after the config's rules (runc 1.1's
/// AllowedDevices): mknod of any device, the standard character devices, ptys and tun/tap.
/// </summary>
public static class DefaultDevices
{
    public static readonly IReadOnlyList<DeviceRule> AllowList =
    [
        new('c', DeviceRule.Wildcard, DeviceRule.Wildcard, DeviceAccess.Mknod, true),
        new('b', DeviceRule.Wildcard, DeviceRule.Wildcard, DeviceAccess.Mknod, true),
        new('c', 1, 3, DeviceAccess.All, true),   // /dev/null
        new('c', 1, 8, DeviceAccess.All, true),   // /dev/random
        new('c', 1, 7, DeviceAccess.All, true),   // /dev/full
        new('c', 5, 0, DeviceAccess.All, true),   // /dev/tty
        new('c', 1, 5, DeviceAccess.All, true),   // /dev/zero
        new('c', 1, 9, DeviceAccess.All, true),   // /dev/urandom
        new('c', 136, DeviceRule.Wildcard, DeviceAccess.All, true), // /dev/pts/*
        new('c', 5, 2, DeviceAccess.All, true),   // /dev/ptmx
        new('c', 10, 200, DeviceAccess.All, true), // /dev/net/tun
    ];

    /// <summary>The config's rules followed by the allowlist: what the container actually gets.</summary>
    public static IReadOnlyList<DeviceRule> WithConfig(IEnumerable<DeviceRule> configRules) =>
        [.. configRules, .. AllowList];
}
