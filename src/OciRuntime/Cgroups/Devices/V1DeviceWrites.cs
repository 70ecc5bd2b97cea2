namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// The devices.allow / devices.deny writes that take a v1 devices cgroup from its current state to the
/// target one. Only a change of default resets the list (writing "a" briefly denies everything, which a running
/// container would notice); otherwise only the differing exceptions are touched.
/// </summary>
public static class V1DeviceWrites
{
    public const string AllowFile = "devices.allow";
    public const string DenyFile = "devices.deny";

    public static IReadOnlyList<(string File, string Value)> Plan(DeviceRuleSet current, DeviceRuleSet target)
    {
        var writes = new List<(string, string)>();
        var exceptionFile = target.DefaultAllow ? DenyFile : AllowFile;
        var revokeFile = target.DefaultAllow ? AllowFile : DenyFile;
        if (current.DefaultAllow != target.DefaultAllow)
        {
            writes.Add((target.DefaultAllow ? AllowFile : DenyFile, "a *:* rwm"));
            current = new DeviceRuleSet();
            if (target.DefaultAllow) current.Apply(new DeviceRule('a', DeviceRule.Wildcard, DeviceRule.Wildcard, DeviceAccess.All, true));
        }

        foreach (var old in current.Exceptions)
        {
            var extra = old.Access & ~target.ExceptionAccess(old.Type, old.Major, old.Minor);
            if (extra != DeviceAccess.None) writes.Add((revokeFile, (old with { Access = extra }).ToV1String()));
        }
        foreach (var wanted in target.ExceptionsInGrantOrder)
        {
            var missing = wanted.Access & ~current.ExceptionAccess(wanted.Type, wanted.Major, wanted.Minor);
            if (missing != DeviceAccess.None) writes.Add((exceptionFile, (wanted with { Access = missing }).ToV1String()));
        }
        return writes;
    }
}
