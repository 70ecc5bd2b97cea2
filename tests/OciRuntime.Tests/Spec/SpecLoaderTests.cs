using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

public sealed class SpecLoaderTests : IDisposable
{
    private readonly string _bundle = Directory.CreateTempSubdirectory("ocirun-spec-").FullName;

    public void Dispose() => Directory.Delete(_bundle, recursive: true);

    private RuntimeSpec LoadText(string json)
    {
        File.WriteAllText(Path.Combine(_bundle, "config.json"), json);
        return SpecLoader.Load(_bundle);
    }

    private string LoadError(string json) => Assert.Throws<OciRuntimeException>(() => LoadText(json)).Message;

    [Fact]
    public void Loads_config_json_from_the_bundle()
    {
        var spec = LoadText("""{"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"]}}""");

        Assert.Equal("1.2.0", spec.OciVersion);
        Assert.Equal("rootfs", spec.Root!.Path);
        Assert.Equal(["sh"], spec.Process!.Args!);
    }

    [Fact]
    public void Skips_a_utf8_byte_order_mark()
    {
        File.WriteAllBytes(Path.Combine(_bundle, "config.json"), [0xEF, 0xBB, 0xBF, .. "{\"ociVersion\": \"1.2.0\"}"u8]);

        Assert.Equal("1.2.0", SpecLoader.Load(_bundle).OciVersion);
    }

    [Fact]
    public void Missing_file_names_the_bundle()
    {
        var error = Assert.Throws<OciRuntimeException>(() => SpecLoader.Load(_bundle)).Message;

        Assert.Equal($"config.json: no such file or directory in bundle {_bundle}", error);
    }

    [Fact]
    public void Missing_bundle_directory_is_reported_like_a_missing_file()
    {
        var missing = Path.Combine(_bundle, "nope");

        var error = Assert.Throws<OciRuntimeException>(() => SpecLoader.Load(missing)).Message;

        Assert.Equal($"config.json: no such file or directory in bundle {missing}", error);
    }

    [Fact]
    public void A_directory_named_config_json_is_reported_as_such()
    {
        Directory.CreateDirectory(Path.Combine(_bundle, "config.json"));

        var error = Assert.Throws<OciRuntimeException>(() => SpecLoader.Load(_bundle)).Message;

        Assert.Equal($"config.json: is a directory in bundle {_bundle}", error);
    }

    [Theory]
    [InlineData("{\"ociVersion\": \"1\",}",
        "config.json: invalid JSON at line 1, column 20: The JSON object contains a trailing comma at the end which is not supported in this mode")]
    [InlineData("{\n  \"ociVersion\": \"1\"\n",
        "config.json: invalid JSON at line 3, column 1: Expected depth to be zero at the end of the JSON payload")]
    [InlineData("", "config.json: invalid JSON at line 1, column 1: The input does not contain any JSON tokens")]
    [InlineData("{} {}", "config.json: invalid JSON at line 1, column 4: '{' is invalid after a single JSON value")]
    [InlineData("{\"a\": tru}", "config.json: invalid JSON at line 1, column 10: 'tru}' is an invalid JSON literal")]
    [InlineData("{/* c */}", "config.json: invalid JSON at line 1, column 2: '/' is invalid after a value")]
    public void Malformed_json_reports_line_column_and_reason(string json, string expected)
    {
        Assert.Equal(expected, LoadError(json));
    }

    [Theory]
    [InlineData("{\"process\": {\"args\": \"sh\"}}",
        "config.json: process.args: expected an array of strings (line 1, column 26)")]
    [InlineData("{\n \"process\": {\n  \"args\": [1]\n }\n}",
        "config.json: process.args[0]: expected a string (line 3, column 13)")]
    [InlineData("{\"linux\": {\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"uts\"}, {\"type\": 5}]}}",
        "config.json: linux.namespaces[2].type: expected a string (line 1, column 71)")]
    [InlineData("{\"linux\": {\"sysctl\": {\"net.ipv4.ip_forward\": 1}}}",
        "config.json: linux.sysctl[\"net.ipv4.ip_forward\"]: expected a string (line 1, column 47)")]
    [InlineData("{\"process\": {\"user\": {\"uid\": -1}}}",
        "config.json: process.user.uid: expected an integer from 0 to 4294967295 (line 1, column 32)")]
    [InlineData("{\"process\": {\"user\": {\"uid\": 4294967296}}}",
        "config.json: process.user.uid: expected an integer from 0 to 4294967295 (line 1, column 40)")]
    [InlineData("{\"process\": {\"oomScoreAdj\": 1.5}}",
        "config.json: process.oomScoreAdj: expected an integer from -2147483648 to 2147483647 (line 1, column 32)")]
    [InlineData("{\"process\": {\"terminal\": \"yes\"}}",
        "config.json: process.terminal: expected true or false (line 1, column 31)")]
    [InlineData("{\"process\": {\"cwd\": null}}",
        "config.json: process.cwd: expected a string (line 1, column 25)")]
    [InlineData("{\"process\": {\"user\": null}}",
        "config.json: process.user: expected an object (line 1, column 26)")]
    [InlineData("{\"mounts\": {}}",
        "config.json: mounts: expected an array of objects (line 1, column 13)")]
    [InlineData("{\"linux\": {\"resources\": {\"rdma\": {\"mlx5_0\": 5}}}}",
        "config.json: linux.resources.rdma.mlx5_0: expected an object (line 1, column 46)")]
    [InlineData("{\"linux\": {\"uidMappings\": [{\"containerID\": 0, \"hostID\": 0, \"size\": \"1\"}]}}",
        "config.json: linux.uidMappings[0].size: expected an integer from 0 to 4294967295 (line 1, column 71)")]
    [InlineData("{\"process\": {\"user\": {\"additionalGids\": [\"wheel\"]}}}",
        "config.json: process.user.additionalGids[0]: expected an integer from 0 to 4294967295 (line 1, column 49)")]
    [InlineData("[]", "config.json: expected an object (line 1, column 2)")]
    [InlineData("null", "config.json: expected an object, got null")]
    public void Wrong_types_report_the_json_path_and_expected_type(string json, string expected)
    {
        Assert.Equal(expected, LoadError(json));
    }
}
