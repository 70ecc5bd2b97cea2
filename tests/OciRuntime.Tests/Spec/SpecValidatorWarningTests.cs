using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

[Collection(RuntimeLogCollection.Name)]
public sealed class SpecValidatorWarningTests : IDisposable
{
    private readonly List<(LogLevel Level, string Message)> _log = [];
    private readonly Action<LogLevel, string>? _previousSink = RuntimeLog.Sink;

    public SpecValidatorWarningTests() => RuntimeLog.Sink = (level, message) => { lock (_log) _log.Add((level, message)); };

    public void Dispose() => RuntimeLog.Sink = _previousSink;

    [Fact]
    public void Unknown_capabilities_are_warned_about_and_accepted_like_runc()
    {
        var spec = ConfigPatch.Apply("""
            {"process": {"capabilities": {"bounding": ["CAP_KILL", "CAP_FUTURE"], "effective": ["CAP_FUTURE", "cap_kill"], "ambient": ["CAP_NET_RAW"]}}}
            """);

        SpecValidator.Validate(spec);

        Assert.Equal([(LogLevel.Warning, "config.json: process.capabilities: ignoring unknown capabilities: CAP_FUTURE, cap_kill")], _log);
    }

    [Fact]
    public void Known_capabilities_log_nothing()
    {
        SpecValidator.Validate(DefaultSpec.Create(rootless: false));

        Assert.Empty(_log);
    }

    [Fact]
    public void Relative_mount_destination_is_warned_about_and_accepted_like_runc()
    {
        SpecValidator.Validate(ConfigPatch.Apply("""{"mounts": [{"destination": "data", "type": "tmpfs", "source": "tmpfs"}]}"""));

        Assert.Equal([(LogLevel.Warning, "config.json: mounts[0].destination: \"data\" is not absolute; using it relative to /")], _log);
    }

    [Fact]
    public void Personality_flags_and_kernel_memory_are_warned_about_and_ignored()
    {
        SpecValidator.Validate(ConfigPatch.Apply("""
            {"linux": {"personality": {"domain": "LINUX32", "flags": ["SOME_FLAG"]}, "resources": {"memory": {"kernel": 1048576}}}}
            """));

        Assert.Equal(
            [
                (LogLevel.Warning, "config.json: linux.resources.memory: ignoring kernel and kernelTCP: kernel memory limits are deprecated and not supported"),
                (LogLevel.Warning, "config.json: linux.personality.flags: ignoring flags: runtime-spec defines none"),
            ],
            _log);
    }

    [Fact]
    public void Device_access_letters_other_than_rwm_are_warned_about_and_ignored_like_runc()
    {
        SpecValidator.Validate(ConfigPatch.Apply("""
            {"linux": {"resources": {"devices": [{"allow": false, "access": "rwm"}, {"allow": false, "type": "c", "major": 1, "minor": 11, "access": "rwa"}]}}}
            """));

        Assert.Equal([(LogLevel.Warning, "config.json: linux.resources.devices[1].access: ignoring \"a\" in \"rwa\": only r, w and m mean something")], _log);
    }
}
