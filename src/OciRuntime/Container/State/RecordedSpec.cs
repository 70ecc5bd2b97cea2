using System.Text.Json;
using System.Runtime.InteropServices;
using OciRuntime.Spec;

namespace OciRuntime.Container.State;

/// <summary>Parts of the config kept in a <see cref="ContainerRecord"/> as JSON (see <see cref="ConfigCapture"/>), read back.</summary>
public static class RecordedSpec
{
    public static OciRuntime.Spec.Hooks? Hooks(ContainerRecord record) => Read(record.Hooks, "hooks", SpecSerializer.DeserializeHooks);

    public static Process? Process(ContainerRecord record) => Read(record.Process, "process", SpecSerializer.DeserializeProcess);

    public static LinuxSeccomp? Seccomp(ContainerRecord record) => Read(record.Seccomp, "linux.seccomp", SpecSerializer.DeserializeSeccomp);

    private static T? Read<T>(JsonElement? part, string what, Func<ReadOnlySpan<byte>, string, T> read) where T : class =>
        part is { ValueKind: not JsonValueKind.Null } json ? read(JsonMarshal.GetRawUtf8Value(json), "state: " + what) : null;
}
