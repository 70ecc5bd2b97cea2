using System.Text.Json;

namespace OciRuntime.Spec.Reading;

/// <summary>Reads one value of a spec document, the reader being on the value's first token.</summary>
internal delegate T ValueReader<T>(ref SpecReader reader);

/// <summary>
/// Reads spec documents by hand over <see cref="Utf8JsonReader"/>. System.Text.Json's serializer first builds its
/// metadata for the ~80 types of the spec (attribute reflection included), which cost create and the init ~3 ms
/// of CPU each under NativeAOT. This reader accepts and rejects exactly what the source-generated SpecJsonContext
/// (case-insensitive names, nullable annotations respected) did, with the same messages: names match ignoring
/// case, the last of duplicates wins, a null is accepted where the model is nullable and as a list or map element
/// of a reference type, numbers are integers in the CLR type's range. Each value method starts on the value's
/// first token and ends on its last.
/// </summary>
internal ref struct SpecReader
{
    private Utf8JsonReader _json;
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly string _source;
    private PathFrame[] _path = new PathFrame[8];
    private int _depth;
    private char[] _name = new char[32];
    private int _nameLength;

    private SpecReader(ReadOnlySpan<byte> utf8, string source)
    {
        _json = new Utf8JsonReader(utf8);
        _utf8 = utf8;
        _source = source;
    }

    /// <summary>A whole document whose top level is an object; <paramref name="source"/> names it in errors.</summary>
    public static T Document<T>(ReadOnlySpan<byte> utf8, string source, ValueReader<T> read) where T : class
    {
        JsonSyntax.ThrowIfMalformed(utf8, source);
        var reader = new SpecReader(utf8, source);
        reader._json.Read();
        return reader.Object(read) ?? throw new OciRuntimeException($"{source}: expected an object, got null");
    }

    private readonly bool IsNull => _json.TokenType == JsonTokenType.Null;

    private readonly bool IsNumber => _json.TokenType == JsonTokenType.Number;

    public T? Object<T>(ValueReader<T> read) where T : class
    {
        if (IsNull) return null;
        Enter(JsonTokenType.StartObject, ExpectedValue.Object);
        return read(ref this);
    }

    public T RequiredObject<T>(ValueReader<T> read) where T : class => Object(read) ?? throw Fail(ExpectedValue.Object);

    /// <summary>Moves to the next property's value; false (and out of the object) at its end.</summary>
    public bool NextProperty()
    {
        ref var frame = ref _path[_depth - 1];
        frame.NameStart = -1;
        _json.Read();
        if (_json.TokenType == JsonTokenType.EndObject)
        {
            _depth--;
            return false;
        }
        if (_name.Length < _json.ValueSpan.Length) _name = new char[_json.ValueSpan.Length];
        try
        {
            _nameLength = _json.CopyString(_name);
        }
        catch (InvalidOperationException)
        {
            // A name that is no valid text (a lone surrogate escape) fails the object as a whole.
            throw Fail(frame.Expected);
        }
        frame.NameStart = (int)_json.TokenStartIndex;
        _json.Read();
        return true;
    }

    /// <summary>Whether the current property is <paramref name="name"/>, ignoring case as Go's encoding/json does.</summary>
    public readonly bool Is(string name) => _name.AsSpan(0, _nameLength).Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the value of a property the model does not know.</summary>
    public void Skip() => _json.Skip();

    /// <summary>Keeps the value of a property the model does not know, for round-trip.</summary>
    public Dictionary<string, JsonElement> Extension(Dictionary<string, JsonElement>? data)
    {
        data ??= new Dictionary<string, JsonElement>();
        var name = Name();
        data[name] = JsonElement.ParseValue(ref _json);
        return data;
    }

    public string String() => OptionalString() ?? throw Fail(ExpectedValue.String);

    public string? OptionalString()
    {
        if (IsNull) return null;
        if (_json.TokenType != JsonTokenType.String) throw Fail(ExpectedValue.String);
        try
        {
            return _json.GetString();
        }
        catch (InvalidOperationException)
        {
            throw Fail(ExpectedValue.String);
        }
    }

    public bool Boolean() => _json.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Fail(ExpectedValue.Boolean),
    };

    public bool? OptionalBoolean() => IsNull ? null : Boolean();

    public int Int32() => IsNumber && _json.TryGetInt32(out var value) ? value : throw Fail(ExpectedValue.Int32);

    public int? OptionalInt32() => IsNull ? null : Int32();

    public uint UInt32() => IsNumber && _json.TryGetUInt32(out var value) ? value : throw Fail(ExpectedValue.UInt32);

    public uint? OptionalUInt32() => IsNull ? null : UInt32();

    public long Int64() => IsNumber && _json.TryGetInt64(out var value) ? value : throw Fail(ExpectedValue.Int64);

    public long? OptionalInt64() => IsNull ? null : Int64();

    public ulong UInt64() => IsNumber && _json.TryGetUInt64(out var value) ? value : throw Fail(ExpectedValue.UInt64);

    public ulong? OptionalUInt64() => IsNull ? null : UInt64();

    public ushort? OptionalUInt16() =>
        IsNull ? null : IsNumber && _json.TryGetUInt16(out var value) ? value : throw Fail(ExpectedValue.UInt16);

    public List<string>? Strings() => IsNull ? null : RequiredStrings();

    /// <summary>A list of strings; a null element stays null, as System.Text.Json kept it.</summary>
    public List<string> RequiredStrings()
    {
        Enter(JsonTokenType.StartArray, ExpectedValue.ArrayOfStrings);
        var list = new List<string>();
        while (NextElement()) list.Add(OptionalString()!);
        return list;
    }

    public List<uint>? UInt32s()
    {
        if (IsNull) return null;
        Enter(JsonTokenType.StartArray, ExpectedValue.ArrayOfUInt32);
        var list = new List<uint>();
        while (NextElement()) list.Add(UInt32());
        return list;
    }

    /// <summary>A list of objects; a null element stays null, as System.Text.Json kept it.</summary>
    public List<T>? Objects<T>(ValueReader<T> read) where T : class
    {
        if (IsNull) return null;
        Enter(JsonTokenType.StartArray, ExpectedValue.ArrayOfObjects);
        var list = new List<T>();
        while (NextElement()) list.Add(Object(read)!);
        return list;
    }

    public Dictionary<string, string>? StringMap()
    {
        if (IsNull) return null;
        Enter(JsonTokenType.StartObject, ExpectedValue.MapOfStrings);
        var map = new Dictionary<string, string>();
        while (NextProperty())
        {
            var key = Name();
            map[key] = OptionalString()!;
        }
        return map;
    }

    public Dictionary<string, T>? ObjectMap<T>(ValueReader<T> read) where T : class
    {
        if (IsNull) return null;
        Enter(JsonTokenType.StartObject, ExpectedValue.MapOfObjects);
        var map = new Dictionary<string, T>();
        while (NextProperty())
        {
            var key = Name();
            map[key] = Object(read)!;
        }
        return map;
    }

    private readonly string Name() => new(_name, 0, _nameLength);

    /// <summary>Steps into an object or array, which the current token must start.</summary>
    private void Enter(JsonTokenType start, string expected)
    {
        if (_json.TokenType != start) throw Fail(expected);
        if (_depth == _path.Length) Array.Resize(ref _path, _depth * 2);
        _path[_depth++] = new PathFrame(expected);
    }

    private bool NextElement()
    {
        _json.Read();
        if (_json.TokenType == JsonTokenType.EndArray)
        {
            _depth--;
            return false;
        }
        _path[_depth - 1].Index++;
        return true;
    }

    private readonly OciRuntimeException Fail(string expected) =>
        new(TypeErrorMessage.Format(_source, _utf8, _path.AsSpan(0, _depth), _json.BytesConsumed, expected));
}
