namespace OciRuntime.Container.State;

/// <summary>Builds the state documents <c>state</c> and <c>list</c> print, from the store and what is observable now.</summary>
public sealed class StateReader(StateStore store, StatusResolver statuses)
{
    public OciState Read(string id)
    {
        var record = store.Load(id);
        return OciState.From(record, statuses.Resolve(record, store.PathsOf(id)));
    }

    /// <summary>
    /// Every container in the root. One that cannot be read is reported to <paramref name="onError"/> and
    /// skipped, as runc's list does; one deleted while we list is skipped silently.
    /// </summary>
    public IReadOnlyList<OciState> ReadAll(Action<string, OciRuntimeException> onError)
    {
        var states = new List<OciState>();
        foreach (var id in store.List())
        {
            try
            {
                states.Add(Read(id));
            }
            catch (ContainerNotFoundException)
            {
            }
            catch (OciRuntimeException e)
            {
                onError(id, e);
            }
        }
        return states;
    }
}
