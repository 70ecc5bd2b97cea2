using System.Text.Json;
using OciRuntime.Cgroups;
using static OciRuntime.Container.State.HandJson;

namespace OciRuntime.Container.State;

/// <summary>
/// state.json, read and written by hand. Every command but `spec` and `features` reads it, and System.Text.Json's
/// metadata for the record (type configuration, attribute reflection for the enums) cost each of them ~1 ms of CPU
/// for a dozen fields. Property names are snake_case; a property this version does not know is kept as is.
/// </summary>
internal static class ContainerRecordJson
{
    public static byte[] Serialize(ContainerRecord record)
    {
        return Object(w =>
        {
            w.WriteString("id", record.Id);
            w.WriteString("bundle", record.Bundle);
            w.WriteString("rootfs", record.Rootfs);
            w.WriteNumber("init_pid", record.InitPid);
            w.WriteNumber("init_start_time", record.InitStartTime);
            w.WriteString("created", record.Created);
            w.WriteString("owner", record.Owner);
            WriteMap(w, "annotations", record.Annotations);
            w.WriteString("phase", record.Phase == LifecyclePhase.Running ? "running" : "created");
            if (record.Cgroups is { } cgroups) CgroupPathsJson.Write(w, "cgroups", cgroups);
            if (record.IntelRdt is { } rdt) IntelRdtGroupJson.Write(w, "intel_rdt", rdt);
            WriteMap(w, "namespace_paths", record.NamespacePaths);
            WriteElement(w, "hooks", record.Hooks);
            WriteElement(w, "process", record.Process);
            WriteElement(w, "seccomp", record.Seccomp);
            if (record.ConfigHash is { } hash) w.WriteString("config_hash", hash);
            foreach (var (name, value) in record.UnknownFields ?? [])
            {
                w.WritePropertyName(name);
                value.WriteTo(w);
            }
        }, 2048);
    }

    /// <summary>Throws <see cref="JsonException"/> on malformed JSON or a field of the wrong type.</summary>
    public static ContainerRecord Deserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            return Read(json);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // The reader's typed getters throw these for a value of the wrong kind or range.
            throw new JsonException(e.Message, e);
        }
    }

    private static ContainerRecord Read(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json);
        Expect(ref r, JsonTokenType.StartObject);
        string? id = null, bundle = null, rootfs = null, owner = null, configHash = null;
        int initPid = 0;
        ulong initStartTime = 0;
        DateTime created = default;
        var phase = LifecyclePhase.Created;
        Dictionary<string, string>? annotations = null, namespacePaths = null;
        CgroupPaths? cgroups = null;
        IntelRdt.IntelRdtGroup? rdt = null;
        JsonElement? hooks = null, process = null, seccomp = null;
        Dictionary<string, JsonElement>? unknown = null;
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            Next(ref r);
            if (r.TokenType == JsonTokenType.Null) continue;
            switch (name)
            {
                case "id": id = String(ref r); break;
                case "bundle": bundle = String(ref r); break;
                case "rootfs": rootfs = String(ref r); break;
                case "init_pid": initPid = r.GetInt32(); break;
                case "init_start_time": initStartTime = r.GetUInt64(); break;
                case "created": created = r.GetDateTime(); break;
                case "owner": owner = String(ref r); break;
                case "annotations": annotations = Map(ref r); break;
                case "phase": phase = Phase(String(ref r)); break;
                case "cgroups": cgroups = CgroupPathsJson.Read(ref r); break;
                case "intel_rdt": rdt = IntelRdtGroupJson.Read(ref r); break;
                case "namespace_paths": namespacePaths = Map(ref r); break;
                case "hooks": hooks = JsonElement.ParseValue(ref r); break;
                case "process": process = JsonElement.ParseValue(ref r); break;
                case "seccomp": seccomp = JsonElement.ParseValue(ref r); break;
                case "config_hash": configHash = String(ref r); break;
                default: (unknown ??= new())[name] = JsonElement.ParseValue(ref r); break;
            }
        }
        if (id is null || bundle is null || rootfs is null) throw new JsonException("id, bundle and rootfs are required");
        return new ContainerRecord
        {
            Id = id,
            Bundle = bundle,
            Rootfs = rootfs,
            InitPid = initPid,
            InitStartTime = initStartTime,
            Created = created,
            Owner = owner ?? "",
            Annotations = annotations ?? new(),
            Phase = phase,
            Cgroups = cgroups,
            IntelRdt = rdt,
            NamespacePaths = namespacePaths ?? new(),
            Hooks = hooks,
            Process = process,
            Seccomp = seccomp,
            ConfigHash = configHash,
            UnknownFields = unknown,
        };
    }

    private static LifecyclePhase Phase(string value) => value switch
    {
        "created" => LifecyclePhase.Created,
        "running" => LifecyclePhase.Running,
        _ => throw new JsonException($"phase: unknown value \"{value}\""),
    };
}
