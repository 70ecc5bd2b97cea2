using System.Text.Json;
using OciRuntime.Container.State;
using static OciRuntime.Container.State.HandJson;

namespace OciRuntime.Container.Init;

/// <summary>
/// The <see cref="InitPlan"/> message, written by the command and read by the init by hand: with System.Text.Json's
/// serializer each of the two processes built the plan's metadata first, ~0.5 ms of CPU on every create.
/// </summary>
internal static class InitPlanJson
{
    public static byte[] Serialize(InitPlan plan)
    {
        return Object(w =>
        {
            w.WriteString("id", plan.Id);
            w.WriteString("bundle", plan.Bundle);
            w.WriteString("rootfs", plan.Rootfs);
            w.WriteNumber("newNamespaces", plan.NewNamespaces);
            w.WriteBoolean("inUserNamespace", plan.InUserNamespace);
            w.WriteBoolean("setGroupsAllowed", plan.SetGroupsAllowed);
            w.WriteBoolean("noPivot", plan.NoPivot);
            w.WriteBoolean("noNewKeyring", plan.NoNewKeyring);
            w.WriteNumber("execFifoFd", plan.ExecFifoFd);
            w.WriteNumber("consoleSocketFd", plan.ConsoleSocketFd);
            w.WriteNumber("preserveFds", plan.PreserveFds);
            w.WriteStartArray("extraEnvironment");
            foreach (var variable in plan.ExtraEnvironment) w.WriteStringValue(variable);
            w.WriteEndArray();
            w.WriteString("stateJson", plan.StateJson);
            if (plan.Cgroups is { } cgroups) CgroupPathsJson.Write(w, "cgroups", cgroups);
            w.WriteBoolean("hasRuntimeHooks", plan.HasRuntimeHooks);
            if (plan.SeccompFilter is { } filter) w.WriteBase64String("seccompFilter", filter);
            w.WriteNumber("seccompFlags", plan.SeccompFlags);
            if (plan.IdMappedTrees is { } trees)
            {
                w.WriteStartObject("idMappedTrees");
                foreach (var (index, fd) in trees) w.WriteNumber(index.ToString(System.Globalization.CultureInfo.InvariantCulture), fd);
                w.WriteEndObject();
            }
            if (plan.BindSources.Count > 0)
            {
                w.WriteStartArray("bindSources");
                foreach (var index in plan.BindSources) w.WriteNumberValue(index);
                w.WriteEndArray();
            }
            w.WriteBoolean("shrinkWhenIdle", plan.ShrinkWhenIdle);
            if (plan.PauseAt is { } pauseAt) w.WriteString("pauseAt", pauseAt);
        }, 1024);
    }

    /// <summary>Throws <see cref="JsonException"/> (or the reader's own exceptions) on a plan this build did not write.</summary>
    public static InitPlan Deserialize(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json);
        Expect(ref r, JsonTokenType.StartObject);
        var plan = new InitPlan();
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            Next(ref r);
            switch (name)
            {
                case "id": plan.Id = String(ref r); break;
                case "bundle": plan.Bundle = String(ref r); break;
                case "rootfs": plan.Rootfs = String(ref r); break;
                case "newNamespaces": plan.NewNamespaces = r.GetInt32(); break;
                case "inUserNamespace": plan.InUserNamespace = r.GetBoolean(); break;
                case "setGroupsAllowed": plan.SetGroupsAllowed = r.GetBoolean(); break;
                case "noPivot": plan.NoPivot = r.GetBoolean(); break;
                case "noNewKeyring": plan.NoNewKeyring = r.GetBoolean(); break;
                case "execFifoFd": plan.ExecFifoFd = r.GetInt32(); break;
                case "consoleSocketFd": plan.ConsoleSocketFd = r.GetInt32(); break;
                case "preserveFds": plan.PreserveFds = r.GetInt32(); break;
                case "extraEnvironment": plan.ExtraEnvironment = Strings(ref r); break;
                case "stateJson": plan.StateJson = String(ref r); break;
                case "cgroups": plan.Cgroups = CgroupPathsJson.Read(ref r); break;
                case "hasRuntimeHooks": plan.HasRuntimeHooks = r.GetBoolean(); break;
                case "seccompFilter": plan.SeccompFilter = r.GetBytesFromBase64(); break;
                case "seccompFlags": plan.SeccompFlags = r.GetUInt32(); break;
                case "idMappedTrees": plan.IdMappedTrees = IndexedFds(ref r); break;
                case "bindSources": plan.BindSources = Numbers(ref r); break;
                case "shrinkWhenIdle": plan.ShrinkWhenIdle = r.GetBoolean(); break;
                case "pauseAt": plan.PauseAt = String(ref r); break;
                default: throw new JsonException($"unknown plan field \"{name}\"");
            }
        }
        return plan;
    }

    private static List<string> Strings(ref Utf8JsonReader r)
    {
        Is(r, JsonTokenType.StartArray);
        var list = new List<string>();
        while (Next(ref r) != JsonTokenType.EndArray) list.Add(String(ref r));
        return list;
    }

    private static List<int> Numbers(ref Utf8JsonReader r)
    {
        Is(r, JsonTokenType.StartArray);
        var list = new List<int>();
        while (Next(ref r) != JsonTokenType.EndArray) list.Add(r.GetInt32());
        return list;
    }

    private static Dictionary<int, int> IndexedFds(ref Utf8JsonReader r)
    {
        Is(r, JsonTokenType.StartObject);
        var fds = new Dictionary<int, int>();
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var index = int.Parse(r.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Next(ref r);
            fds[index] = r.GetInt32();
        }
        return fds;
    }
}
