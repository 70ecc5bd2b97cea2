using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

public class SpecSerializerTests
{
    [Fact]
    public void Serialize_writes_tabs_omits_nulls_and_ends_with_newline()
    {
        var spec = new RuntimeSpec { OciVersion = "1.2.0", Root = new Root { Path = "rootfs" } };

        var json = SpecSerializer.Serialize(spec);

        Assert.Equal("{\n\t\"ociVersion\": \"1.2.0\",\n\t\"root\": {\n\t\t\"path\": \"rootfs\"\n\t}\n}\n", json);
    }

    [Fact]
    public void Serialize_does_not_escape_html_or_plus()
    {
        var spec = new RuntimeSpec { OciVersion = "1.2.0", Hostname = "a+b&c<d>" };

        Assert.Contains("\"hostname\": \"a+b&c<d>\"", SpecSerializer.Serialize(spec));
    }

    [Fact]
    public void Required_members_are_written_even_when_empty()
    {
        var spec = new RuntimeSpec { Process = new Process() };

        var json = SpecSerializer.Serialize(spec);

        Assert.Contains("\"ociVersion\": \"\"", json);
        Assert.Contains("\"uid\": 0", json);
        Assert.Contains("\"cwd\": \"\"", json);
    }

    [Fact]
    public void Property_names_match_case_insensitively_like_go()
    {
        var spec = SpecSerializer.Deserialize("""{"OCIVERSION": "1.2.0", "Process": {"Cwd": "/x"}}""");

        Assert.Equal("1.2.0", spec.OciVersion);
        Assert.Equal("/x", spec.Process!.Cwd);
    }

    [Fact]
    public void Unknown_properties_survive_a_round_trip()
    {
        const string json = """
            {"ociVersion": "1.2.0", "windows": {"layerFolders": ["c:\\l"]}, "x-vendor": 7,
             "process": {"cwd": "/", "commandLine": "cmd", "user": {"uid": 1, "gid": 2}},
             "mounts": [{"destination": "/m", "futureOption": {"a": [1, 2]}}],
             "linux": {"futureField": true, "intelRdt": {"schemata": ["L3:0=f"], "enableMonitoring": true},
                       "resources": {"futureController": {"max": 1}}}}
            """;

        var spec = SpecSerializer.Deserialize(json);
        var again = SpecSerializer.Deserialize(SpecSerializer.Serialize(spec));

        Assert.Equal(SpecSerializer.Serialize(spec), SpecSerializer.Serialize(again));
        var text = SpecSerializer.Serialize(again);
        Assert.Contains("\"layerFolders\"", text);
        Assert.Contains("\"x-vendor\": 7", text);
        Assert.Contains("\"commandLine\": \"cmd\"", text);
        Assert.Contains("\"futureOption\"", text);
        Assert.Contains("\"futureField\": true", text);
        Assert.Contains("\"enableMonitoring\": true", text);
        Assert.Contains("\"futureController\"", text);
    }

    [Fact]
    public void Duplicate_properties_and_map_keys_take_the_last_value_like_go()
    {
        var spec = SpecSerializer.Deserialize("""
            {"ociVersion": "1.0.0", "ociVersion": "1.2.0", "annotations": {"a": "1", "a": "2"}}
            """);

        Assert.Equal("1.2.0", spec.OciVersion);
        Assert.Equal("2", spec.Annotations!["a"]);
    }

    [Fact]
    public void Process_and_resources_documents_have_their_own_entry_points()
    {
        var process = SpecSerializer.DeserializeProcess("""{"args": ["sh"], "cwd": "/"}""", "process.json");
        var resources = SpecSerializer.DeserializeResources("""{"memory": {"limit": -1}}""", "resources");

        Assert.Equal(["sh"], process.Args!);
        Assert.Equal(-1, resources.Memory!.Limit);
        Assert.Equal("resources: memory.limit: expected an integer from -9223372036854775808 to 9223372036854775807 (line 1, column 26)",
            Assert.Throws<OciRuntimeException>(() =>
                SpecSerializer.DeserializeResources("""{"memory": {"limit": "1g"}}""", "resources")).Message);
    }
}
