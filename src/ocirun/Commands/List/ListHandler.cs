using OciRuntime;
using OciRuntime.Container.State;
using Ocirun.Output;
using Ocirun.Streams;

namespace Ocirun.Commands;

internal sealed class ListHandler : ICommandHandler<ListOptions>
{
    public int Run(GlobalOptions global, ListOptions options)
    {
        var store = new StateStore(global.Root);
        var states = new StateReader(store, new StatusResolver())
            .ReadAll((id, e) => RuntimeLog.Warn($"container {id}: {e.Message}"));
        var text = new StringWriter();
        if (options.Quiet) ListPrinter.PrintIds(states, text);
        else if (options.Format == ReportFormat.Json) ListPrinter.PrintJson(states, text);
        else ListPrinter.PrintTable(states, text);
        FileDescriptorOutput.StandardOutput.Write(text.ToString());
        return 0;
    }
}
