using OciRuntime.Container.State;

namespace Ocirun.Output;

/// <summary>Prints <c>ocirun state</c>: the state document, indented, without a final newline, as runc does.</summary>
public static class StatePrinter
{
    public static void Print(OciState state, TextWriter output) =>
        // runc 1.1's state command never fills in the owner (only list does); print it the same way.
        output.Write(OciStateJson.Serialize(state with { Owner = "" }, indented: true));
}
