using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec.Reading;

/// <summary>
/// The hand-written reader against System.Text.Json's deserialization (<see cref="StjSpecOracle"/>): for every
/// document, both accept it and build the same model (compared as serialized), or both reject it with the same
/// message, JSON path and line/column included.
/// </summary>
public class SpecReaderDifferentialTests
{
    private const string Source = "doc";

    private sealed record Kind(string[] PathInConfig, Func<string, string> Read, Func<string, string> Oracle);

    private static Kind Of<T>(JsonTypeInfo<T> info, Func<string, T> read, params string[] pathInConfig) where T : class =>
        new(pathInConfig,
            json => Outcome(() => SpecSerializer.Serialize(read(json), info)),
            json => Outcome(() => SpecSerializer.Serialize(StjSpecOracle.Deserialize(json, info, Source), info)));

    private static readonly Dictionary<string, Kind> Kinds = new()
    {
        ["config"] = Of(SpecJsonContext.Default.RuntimeSpec, json => SpecSerializer.Deserialize(json, Source)),
        ["process"] = Of(SpecJsonContext.Default.Process, json => SpecSerializer.DeserializeProcess(json, Source), "process"),
        ["resources"] = Of(SpecJsonContext.Default.LinuxResources, json => SpecSerializer.DeserializeResources(json, Source),
            "linux", "resources"),
        ["hooks"] = Of(SpecJsonContext.Default.Hooks, json => SpecSerializer.DeserializeHooks(Encoding.UTF8.GetBytes(json), Source), "hooks"),
        ["seccomp"] = Of(SpecJsonContext.Default.LinuxSeccomp,
            json => SpecSerializer.DeserializeSeccomp(Encoding.UTF8.GetBytes(json), Source), "linux", "seccomp"),
    };

    /// <summary>Values put in place of every value of the rich document: each type, the integer ranges' edges, nesting.</summary>
    private static readonly string[] Substitutes =
    [
        "7", "-7", "1.5", "1e3", "-0", "65536", "2147483648", "4294967296", "9223372036854775808", "18446744073709551616",
        "\"text\"", "\"7\"", "true", "null", "[]", "{}", "[null]", "[1]", "[\"x\"]", "[{}]", "{\"a\": 1}", "{\"a\": null}",
        "{\"net.ipv4.x\": \"s\"}",
    ];

    /// <summary>Edges of the reader itself: escapes, text that is not valid UTF-16, odd map keys, positions.</summary>
    private static readonly string[] EdgeDocuments =
    [
        "{\r\n\"process\": {\r\n  \"args\": [\r\n1]}}",
        "{\"hostname\": \"日本\", \"process\": {\"user\": {\"uid\": -1}}}",
        "{\n\t\"domainname\": \"é\",\n\t\"linux\": {\"sysctl\": {\"é\": 1}}}",
        """{"oci\u0056ersion": 5}""",
        """{"\uD800": 1}""",
        """{"process": {"\uD800": 1}}""",
        """{"root": {"\uDC00": 1}}""",
        """{"annotations": {"\uD800": "x"}}""",
        """{"linux": {"netDevices": {"\uDC00": {}}}}""",
        """{"hostname": "\uD800"}""",
        """{"process": {"args": ["\uDFFF"]}}""",
        """{"annotations": {"a": "\uD800x"}}""",
        """{"mounts": [{"destination": "/", "x": "\uD800"}]}""",
        """{"linux": {"sysctl": {"a b": 1}}}""",
        """{"linux": {"sysctl": {"a'b": 1}}}""",
        """{"linux": {"sysctl": {"a\"b": 1}}}""",
        """{"linux": {"sysctl": {"a(b": 1}}}""",
        """{"linux": {"sysctl": {"a\\b": 1}}}""",
        """{"linux": {"sysctl": {"a\tb": 1}}}""",
        """{"linux": {"sysctl": {"a]b": 1}}}""",
        """{"linux": {"sysctl": {"": 1}}}""",
        """{"linux": {"netDevices": {"": {"name": 5}}}}""",
        """{"linux": {"resources": {"rdma": {"a.b": {"hcaHandles": -1}}}}}""",
        """{"linux": {"timeOffsets": {"x y": {"secs": "1"}}}}""",
        """{"process": {"user": {"uid": -0}}}""",
        """{"process": {"user": {"uid": 1E+2}}}""",
        """{"process": {"user": {"uid": 0.0}}}""",
        """{"process": {"oomScoreAdj": -0}}""",
        """{"process": {"user": {"additionalGids": [1, null]}}}""",
        """{"process": {"args": [null, "a"]}, "mounts": [null], "annotations": {"a": null}}""",
        """{"ociVersion": "1", "OCIVERSION": null}""",
        """{"ociVersion": "1", "OCIVERSION": "2", "annotations": {"a": "1", "A": "2", "a": "3"}}""",
        """{"x": 1, "X": 2, "x": 3, "extensionData": {"a": 1}, "ExtensionData": 2}""",
        """{"linux": {"resources": {"memory": {"\u212Aernel": "x"}}}, "\u0131d": 1, "\u017Fwap": 2}""",
        """{"linux": {"seccomp": {"syscalls": [{"names": null}]}}}""",
        """{"linux": {"seccomp": {"syscalls": [{"names": [null]}]}}}""",
        """{"process": {"user": null}}""",
        """{"linux": {"intelRdt": {"schemata": ["L3:0=f"]}, "future": {"deep": [[[{"a": [1]}]]]}}}""",
        "{\"x\": " + new string('[', 70) + new string(']', 70) + "}",
        "\uFEFF{}",
        "{} x",
        "", "null", "7", "\"x\"", "[]", "true", "{}",
    ];

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string> { "default", "default-rootless", "rich" };
        foreach (var file in Directory.GetFiles(CorpusDirectory()).Order()) data.Add("corpus/" + Path.GetFileName(file));
        for (var i = 0; i < EdgeDocuments.Length; i++) data.Add("edge/" + i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Reads_every_document_as_system_text_json_did(string document)
    {
        var text = Text(document);
        var mismatches = new List<string>();
        foreach (var (name, kind) in Kinds)
        {
            Compare(kind, name, text, mismatches);
            if (kind.PathInConfig.Length > 0 && SubDocument(text, kind.PathInConfig) is { } part) Compare(kind, name + " part", part, mismatches);
        }

        Assert.Empty(mismatches);
    }

    public static TheoryData<string> KindNames() => [.. Kinds.Keys];

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Reads_every_mutation_of_the_rich_document_as_system_text_json_did(string kindName)
    {
        var kind = Kinds[kindName];
        var rich = JsonNode.Parse(SubDocument(SpecRoundTripTests.RichConfig, kind.PathInConfig)!)!;
        var mismatches = new List<string>();
        var count = 0;
        foreach (var (label, json) in Mutations(rich))
        {
            Compare(kind, label, json, mismatches);
            count++;
        }

        Assert.Empty(mismatches);
        Assert.True(count > 500, $"only {count} mutations");
    }

    [Fact]
    public void A_map_key_with_a_quote_and_bracket_is_named_as_it_is()
    {
        // System.Text.Json's path ($.linux.sysctl['a']b']) was cut at the "']" when split into segments; the
        // reader names the key whole.
        var error = Assert.Throws<OciRuntimeException>(() => SpecSerializer.Deserialize("""{"linux": {"sysctl": {"a']b": 1}}}""")).Message;

        Assert.Equal("config.json: linux.sysctl[\"a']b\"]: expected a string (line 1, column 32)", error);
    }

    private static void Compare(Kind kind, string label, string json, List<string> mismatches)
    {
        var expected = kind.Oracle(json);
        var actual = kind.Read(json);
        if (actual != expected) mismatches.Add($"{label}:\n  document: {json}\n  expected: {expected}\n  actual:   {actual}");
    }

    private static string Outcome(Func<string> read)
    {
        try
        {
            return "ok: " + read();
        }
        catch (OciRuntimeException e)
        {
            return "error: " + e.Message;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Extension data that is no valid UTF-16 text is kept, but cannot be written out again.
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Every value (and the whole document) replaced by each substitute; every property name also repeated in
    /// another case, before and after it, with a substitute as its value (the last of case-insensitive duplicates wins).</summary>
    private static IEnumerable<(string Label, string Json)> Mutations(JsonNode root)
    {
        foreach (var substitute in Substitutes) yield return ($"$ = {substitute}", substitute);
        foreach (var (path, parent, key) in Positions(root, "$", []))
        {
            foreach (var substitute in Substitutes)
            {
                yield return ($"{path} = {substitute}", Mutate(root, parent, clone => Replace(clone, key, substitute)));
                if (key is string name && OtherCase(name) is { } other)
                {
                    yield return ($"{path} then {other} = {substitute}", Mutate(root, parent, clone => Insert(clone, name, other, substitute, after: true)));
                    yield return ($"{other} = {substitute} then {path}", Mutate(root, parent, clone => Insert(clone, name, other, substitute, after: false)));
                }
            }
        }
    }

    /// <summary>Every value's path, the steps (names and indexes) to its container, and its name or index there.</summary>
    private static IEnumerable<(string Path, object[] Parent, object Key)> Positions(JsonNode node, string path, object[] steps)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => (Key: (object)p.Key, Path: $"{path}.{p.Key}", p.Value)),
            JsonArray array => array.Select((value, i) => (Key: (object)i, Path: $"{path}[{i}]", Value: value)),
            _ => [],
        };
        foreach (var (key, childPath, child) in children)
        {
            yield return (childPath, steps, key);
            if (child != null) foreach (var inner in Positions(child, childPath, [.. steps, key])) yield return inner;
        }
    }

    /// <summary>A copy of the document with the container at the end of <paramref name="steps"/> changed.</summary>
    private static string Mutate(JsonNode root, object[] steps, Action<JsonNode> change)
    {
        var clone = root.DeepClone();
        var container = steps.Aggregate(clone, (node, step) => step is string name ? node[name]! : node[(int)step]!);
        change(container);
        return clone.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Replace(JsonNode container, object key, string substitute)
    {
        if (key is string name) container.AsObject()[name] = JsonNode.Parse(substitute);
        else container.AsArray()[(int)key] = JsonNode.Parse(substitute);
    }

    private static void Insert(JsonNode container, string name, string other, string substitute, bool after)
    {
        var obj = container.AsObject();
        obj.Insert(obj.IndexOf(name) + (after ? 1 : 0), other, JsonNode.Parse(substitute));
    }

    private static string? OtherCase(string name)
    {
        var upper = name.ToUpperInvariant();
        var other = upper != name ? upper : name.ToLowerInvariant();
        return other != name ? other : null;
    }

    /// <summary>The text of the part of a config at <paramref name="path"/>, as written there.</summary>
    private static string? SubDocument(string config, string[] path)
    {
        try
        {
            using var document = JsonDocument.Parse(config);
            var element = document.RootElement;
            foreach (var name in path)
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
            return element.GetRawText();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Text(string document) => document switch
    {
        "default" => SpecSerializer.Serialize(DefaultSpec.Create(rootless: false)),
        "default-rootless" => SpecSerializer.Serialize(DefaultSpec.Create(rootless: true, hostUid: 1000, hostGid: 1000)),
        "rich" => SpecRoundTripTests.RichConfig,
        _ when document.StartsWith("edge/") => EdgeDocuments[int.Parse(document["edge/".Length..])],
        _ => ReadCorpusFile(Path.Combine(CorpusDirectory(), document["corpus/".Length..])),
    };

    /// <summary>As SpecLoader reads a config: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string ReadCorpusFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "OciRuntime.Fuzz", "corpus"));
}
