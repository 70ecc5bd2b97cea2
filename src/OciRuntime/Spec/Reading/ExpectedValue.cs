namespace OciRuntime.Spec.Reading;

/// <summary>
/// How a type error names what a field takes: "process.args: expected an array of strings". The wording (and the
/// ranges, which are the CLR types' own) is the one ocirun has always used, so messages stay stable.
/// </summary>
internal static class ExpectedValue
{
    public const string Object = "an object";
    public const string String = "a string";
    public const string Boolean = "true or false";
    public const string Int32 = "an integer from -2147483648 to 2147483647";
    public const string UInt32 = "an integer from 0 to 4294967295";
    public const string Int64 = "an integer from -9223372036854775808 to 9223372036854775807";
    public const string UInt64 = "an integer from 0 to 18446744073709551615";
    public const string UInt16 = "an integer from 0 to 65535";
    public const string ArrayOfStrings = "an array of strings";
    public const string ArrayOfUInt32 = "an array of integers from 0 to 4294967295";
    public const string ArrayOfObjects = "an array of objects";
    public const string MapOfStrings = "an object whose values are strings";
    public const string MapOfObjects = "an object whose values are objects";
}
