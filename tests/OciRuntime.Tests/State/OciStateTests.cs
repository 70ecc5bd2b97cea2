using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public class OciStateTests
{
    [Theory]
    [InlineData(ContainerStatus.Created, 4242)]
    [InlineData(ContainerStatus.Running, 4242)]
    [InlineData(ContainerStatus.Paused, 4242)]
    [InlineData(ContainerStatus.Stopped, 0)]
    [InlineData(ContainerStatus.Creating, 0)]
    public void Reports_the_pid_only_while_there_is_a_process(ContainerStatus status, int pid)
    {
        var record = Records.New("c1");
        record.InitPid = 4242;
        Assert.Equal(pid, OciState.From(record, status).Pid);
    }

    [Fact]
    public void Carries_the_record_fields_and_our_spec_version()
    {
        var record = Records.New("c1");
        var state = OciState.From(record, ContainerStatus.Created);
        Assert.Equal("1.3.0", state.OciVersion);
        Assert.Equal("c1", state.Id);
        Assert.Equal("created", state.Status);
        Assert.Equal("/bundles/demo", state.Bundle);
        Assert.Equal("/bundles/demo/rootfs", state.Rootfs);
        Assert.Equal(record.Created, state.Created);
        Assert.Equal("root", state.Owner);
    }

    [Fact]
    public void Annotations_are_sorted_by_key_and_left_out_when_empty()
    {
        var record = Records.New("c1");
        Assert.Null(OciState.From(record, ContainerStatus.Created).Annotations);
        Assert.DoesNotContain("annotations", OciStateJson.Serialize(OciState.From(record, ContainerStatus.Created), indented: false));

        record.Annotations["z"] = "1";
        record.Annotations["B"] = "2";
        record.Annotations["a"] = "3";
        Assert.Equal(["B", "a", "z"], OciState.From(record, ContainerStatus.Created).Annotations!.Keys);
    }

    [Fact]
    public void Serialized_state_reads_back()
    {
        var record = Records.New("c1");
        record.Annotations["k"] = "v";
        var state = OciState.From(record, ContainerStatus.Running);
        var back = OciStateJson.Deserialize(OciStateJson.Serialize(state, indented: false));
        Assert.Equal(state.Id, back.Id);
        Assert.Equal(state.Created, back.Created);
        Assert.Equal("v", back.Annotations!["k"]);
    }

    [Fact]
    public void Text_is_escaped_only_where_json_requires_it()
    {
        var record = Records.New("c1", "/bündel/ä b");
        record.Annotations["quote"] = "say \"hi\"\n";
        var json = OciStateJson.Serialize(OciState.From(record, ContainerStatus.Running), indented: false);
        Assert.Contains("\"bundle\":\"/bündel/ä b\"", json);
        Assert.Contains("\"quote\":\"say \\\"hi\\\"\\n\"", json);
    }

    [Fact]
    public void An_empty_list_is_null() => Assert.Equal("null", OciStateJson.SerializeList([], indented: false));
}
