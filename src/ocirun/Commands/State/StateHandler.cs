using OciRuntime.Container.State;
using Ocirun.Output;
using Ocirun.Streams;

namespace Ocirun.Commands;

internal sealed class StateHandler : ICommandHandler<StateOptions>
{
    public int Run(GlobalOptions global, StateOptions options)
    {
        var store = new StateStore(global.Root);
        var state = new StateReader(store, new StatusResolver()).Read(options.ContainerId);
        var text = new StringWriter();
        StatePrinter.Print(state, text);
        FileDescriptorOutput.StandardOutput.Write(text.ToString());
        return 0;
    }
}
