namespace OciRuntime.Spec.Reading;

/// <summary>
/// One level of the JSON path a <see cref="SpecReader"/> is at: the property (or map key) being read in an object,
/// or the element being read in an array. Names are kept as offsets into the document and only decoded for an error,
/// so reading a valid document allocates nothing for paths.
/// </summary>
internal struct PathFrame(string expected)
{
    /// <summary>What the object or array itself takes, for an error about it as a whole (an undecodable name).</summary>
    public readonly string Expected = expected;

    /// <summary>Offset of the current property name's token; -1 before the first one and in arrays.</summary>
    public int NameStart = -1;

    /// <summary>The current element of an array; -1 before the first one and in objects.</summary>
    public int Index = -1;
}
