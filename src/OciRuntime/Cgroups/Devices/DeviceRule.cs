namespace OciRuntime.Cgroups.Devices;

[Flags]
public enum DeviceAccess
{
    None = 0,
    Read = 1,
    Write = 2,
    Mknod = 4,
    All = Read | Write | Mknod,
}

/// <summary>
/// One device cgroup rule: type 'a' (all), 'b' or 'c'; major and minor, <see cref="Wildcard"/> for "*".
/// </summary>
public sealed record DeviceRule(char Type, long Major, long Minor, DeviceAccess Access, bool Allow)
{
    public const long Wildcard = -1;

    /// <summary>From linux.resources.devices fields: missing type is "a", missing numbers are wildcards, and a
    /// missing access means all of rwm.</summary>
    public static DeviceRule FromSpec(bool allow, string? type, long? major, long? minor, string? access)
    {
        var t = string.IsNullOrEmpty(type) ? 'a' : type.Length == 1 ? type[0] : '?';
        if (t is not ('a' or 'b' or 'c'))
            throw new OciRuntimeException($"linux.resources.devices: type {type} is not one of a, b, c");
        return new DeviceRule(t, major ?? Wildcard, minor ?? Wildcard, ParseAccess(access), allow);
    }

    /// <summary>
    /// The r, w and m letters of an access string; any other letter is ignored, as runc 1.1 does (its
    /// <c>Permissions</c> sets), so "rwa" means "rw". An empty string means all of rwm.
    /// </summary>
    public static DeviceAccess ParseAccess(string? access)
    {
        if (string.IsNullOrEmpty(access)) return DeviceAccess.All;
        var result = DeviceAccess.None;
        foreach (var c in access)
        {
            result |= c switch
            {
                'r' => DeviceAccess.Read,
                'w' => DeviceAccess.Write,
                'm' => DeviceAccess.Mknod,
                _ => DeviceAccess.None,
            };
        }
        return result;
    }

    public static string FormatAccess(DeviceAccess access) =>
        string.Concat((access & DeviceAccess.Read) != 0 ? "r" : "", (access & DeviceAccess.Write) != 0 ? "w" : "",
            (access & DeviceAccess.Mknod) != 0 ? "m" : "");

    /// <summary>The devices.allow / devices.deny / devices.list form: "c 1:3 rwm", "a *:* rwm".</summary>
    public string ToV1String() => $"{Type} {Number(Major)}:{Number(Minor)} {FormatAccess(Access)}";

    private static string Number(long n) => n == Wildcard ? "*" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
