using Ocirun.Output;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

/// <summary>
/// Golden files for the shapes <c>state</c> and <c>list</c> print. The first cases mirror what runc 1.1.5
/// printed here for the same containers (its spec version and timestamps differ only in digits).
/// </summary>
public class PrinterTests
{
    private static readonly IReadOnlyDictionary<string, string> RuncAnnotations =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["b"] = "two", ["org.example.a"] = "1" };

    private static OciState C1 => new()
    {
        OciVersion = "1.0.2-dev",
        Id = "c1",
        Pid = 12853,
        Status = "created",
        Bundle = "/tmp/state-ref-bundle",
        Rootfs = "/tmp/state-ref-bundle/rootfs",
        Created = Rfc3339Nano.Parse("2026-11-23T12:23:05.0984176Z"),
        Annotations = RuncAnnotations,
        Owner = "root",
    };

    private static OciState LongId => C1 with
    {
        Id = "a-much-longer-container-id.1",
        Pid = 12868,
        Status = "running",
        Created = Rfc3339Nano.Parse("2026-11-23T12:23:05.1367839Z"),
    };

    private static OciState Stopped => new()
    {
        OciVersion = OciState.RuntimeSpecVersion,
        Id = "s",
        Pid = 0,
        Status = "stopped",
        Bundle = "/srv/bündel mit leerzeichen",
        Rootfs = "/srv/bündel mit leerzeichen/rootfs",
        Created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Owner = "#1000",
    };

    [Fact]
    public void State_of_a_created_container() => Snapshot.Match("state-created.json", PrintState(C1));

    [Fact]
    public void State_of_a_stopped_container_without_annotations() =>
        Snapshot.Match("state-stopped.json", PrintState(Stopped));

    [Fact]
    public void State_leaves_the_owner_empty_as_runc_does() =>
        Assert.Contains("\"owner\": \"\"", PrintState(C1));

    [Fact]
    public void List_table() => Snapshot.Match("list-table.txt", Print(ListPrinter.PrintTable, [LongId, C1]));

    [Fact]
    public void List_table_with_wide_and_non_ascii_cells() =>
        Snapshot.Match("list-table-mixed.txt", Print(ListPrinter.PrintTable, [C1, Stopped]));

    [Fact]
    public void List_table_when_empty() => Snapshot.Match("list-table-empty.txt", Print(ListPrinter.PrintTable, []));

    [Fact]
    public void List_json() => Snapshot.Match("list-json.json", Print(ListPrinter.PrintJson, [LongId, C1]));

    [Fact]
    public void List_json_when_empty() => Snapshot.Match("list-json-empty.json", Print(ListPrinter.PrintJson, []));

    [Fact]
    public void List_ids() => Snapshot.Match("list-quiet.txt", Print(ListPrinter.PrintIds, [LongId, C1]));

    [Fact]
    public void List_ids_when_empty() => Assert.Equal("", Print(ListPrinter.PrintIds, []));

    private static string PrintState(OciState state)
    {
        var output = new StringWriter();
        StatePrinter.Print(state, output);
        return output.ToString();
    }

    private static string Print(Action<IReadOnlyList<OciState>, TextWriter> printer, OciState[] states)
    {
        var output = new StringWriter();
        printer(states, output);
        return output.ToString();
    }
}
