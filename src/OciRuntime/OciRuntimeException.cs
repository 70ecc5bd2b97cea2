namespace OciRuntime;

/// <summary>
/// A failure the user can act on. The CLI prints its message as one line
/// (<c>ocirun: COMMAND ID: MESSAGE</c>) and exits 1; anything else escaping is a bug.
/// </summary>
public class OciRuntimeException : Exception
{
    public OciRuntimeException(string message) : base(message) { }
    public OciRuntimeException(string message, Exception inner) : base(message, inner) { }
}
