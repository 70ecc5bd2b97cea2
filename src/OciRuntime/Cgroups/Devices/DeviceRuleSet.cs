namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// The state the v1 devices controller keeps: a default (allow or deny) and exceptions with their access,
/// built by applying rules in order with the kernel's semantics (runc's devices emulator). An "a" rule resets
/// the default and drops every exception; any other rule adds to or takes from the exceptions. Both the v1
/// writes and the v2 program are derived from this normal form, so both drivers behave alike.
/// </summary>
public sealed class DeviceRuleSet
{
    private readonly Dictionary<(char Type, long Major, long Minor), DeviceAccess> _exceptions = [];
    // The order exceptions were first granted: the kernel lists them so, and the spec says rules apply in order.
    private readonly List<(char Type, long Major, long Minor)> _order = [];

    public bool DefaultAllow { get; private set; }

    public static DeviceRuleSet From(IEnumerable<DeviceRule> rules)
    {
        var set = new DeviceRuleSet();
        foreach (var rule in rules) set.Apply(rule);
        return set;
    }

    /// <summary>devices.list shows "a *:* rwm" alone when everything is allowed, else the allowed exceptions.</summary>
    public static DeviceRuleSet FromV1List(string list)
    {
        var set = new DeviceRuleSet();
        foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            var numbers = parts.Length == 3 ? parts[1].Split(':') : [];
            if (numbers.Length != 2) throw new OciRuntimeException($"cgroup: malformed devices.list line {line}");
            set.Apply(new DeviceRule(parts[0][0], ParseNumber(numbers[0]), ParseNumber(numbers[1]),
                DeviceRule.ParseAccess(parts[2]), true));
        }
        return set;
    }

    public void Apply(DeviceRule rule)
    {
        if (rule.Type == 'a')
        {
            DefaultAllow = rule.Allow;
            _exceptions.Clear();
            _order.Clear();
            return;
        }
        var key = (rule.Type, rule.Major, rule.Minor);
        // An exception means the opposite of the default; a rule agreeing with the default removes access from it.
        if (rule.Allow != DefaultAllow)
        {
            if (!_exceptions.ContainsKey(key)) _order.Add(key);
            _exceptions[key] = _exceptions.GetValueOrDefault(key) | rule.Access;
            return;
        }
        RefuseHoleInWildcard(rule);
        var remaining = _exceptions.GetValueOrDefault(key) & ~rule.Access;
        if (remaining == DeviceAccess.None)
        {
            _exceptions.Remove(key);
            _order.Remove(key);
        }
        else _exceptions[key] = remaining;
    }

    /// <summary>
    /// The v1 kernel silently ignores a rule that would punch a hole into a wider exception ("deny c 1:3" while
    /// "c *:* rw" is allowed); like runc we refuse it rather than give a false sense of security.
    /// </summary>
    private void RefuseHoleInWildcard(DeviceRule rule)
    {
        (char, long, long)[] wider =
        [
            (rule.Type, DeviceRule.Wildcard, rule.Minor),
            (rule.Type, rule.Major, DeviceRule.Wildcard),
            (rule.Type, DeviceRule.Wildcard, DeviceRule.Wildcard),
        ];
        foreach (var key in wider)
        {
            if (key == (rule.Type, rule.Major, rule.Minor)) continue;
            if ((_exceptions.GetValueOrDefault(key) & rule.Access) != 0)
                throw new OciRuntimeException(
                    $"linux.resources.devices: rule {rule.ToV1String()} cannot punch a hole in the wider rule " +
                    $"{new DeviceRule(key.Item1, key.Item2, key.Item3, _exceptions[key], !rule.Allow).ToV1String()}");
        }
    }

    /// <summary>The exceptions ordered by (major, minor, type), wildcards first, as runc orders them.</summary>
    public IReadOnlyList<DeviceRule> Exceptions
    {
        get
        {
            var rules = new List<DeviceRule>(_exceptions.Count);
            foreach (var (key, access) in _exceptions) rules.Add(new DeviceRule(key.Type, key.Major, key.Minor, access, !DefaultAllow));
            // Keys are unique, so an unstable sort orders them as a stable one would.
            rules.Sort(static (a, b) => (a.Major, a.Minor, a.Type).CompareTo((b.Major, b.Minor, b.Type)));
            return rules;
        }
    }

    /// <summary>
    /// The exceptions in the order they were first granted (config rules, then the default allowlist): v1 lists
    /// them in write order, and the spec asks for rules applied in order (crun does so; runc sorts and fails the
    /// validation suite's check).
    /// </summary>
    public IReadOnlyList<DeviceRule> ExceptionsInGrantOrder =>
        _order.Select(key => new DeviceRule(key.Type, key.Major, key.Minor, _exceptions[key], !DefaultAllow)).ToList();

    public DeviceAccess ExceptionAccess(char type, long major, long minor) =>
        _exceptions.GetValueOrDefault((type, major, minor));

    private static long ParseNumber(string s) =>
        s == "*" ? DeviceRule.Wildcard : long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
