using System.Globalization;
using System.Text;

namespace OpenIta.Core.Text;

/// <summary>What a message is for, so that a page can place it: most are plain; a provenance note says how sure a rule
/// of the year's methodology is and goes behind a disclosure for a coordinator.</summary>
public enum MessageKind
{
    Plain,
    Provenance,
}

/// <summary>
/// One message a user reads (an engine warning or error, a validation, a discrepancy, an audit row, an import error, an
/// API problem's <c>detail</c>), in Thai and English, with a stable machine-readable <see cref="Code"/>
/// (<c>score.range</c>, <c>warning.rating-inferred</c>) and the <see cref="Arguments"/> it was made with. The engine, the
/// web and the CLI all show this record: the web picks the language of the request (<c>Lang.Of</c>), the CLI and the
/// API's <c>detail</c> likewise; nobody builds the sentence again.
/// </summary>
public sealed record Message
{
    private Message(string code, string thai, string english, IReadOnlyDictionary<string, string> arguments, MessageKind kind)
    {
        Code = code;
        Thai = thai;
        English = english;
        Arguments = arguments;
        Kind = kind;
    }

    /// <summary>A stable code: dotted lower-case words (<c>score.range</c>); clients may switch on it.</summary>
    public string Code { get; }

    public string Thai { get; }

    public string English { get; }

    /// <summary>The values filled into the texts, by name, formatted invariantly.</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; }

    public MessageKind Kind { get; init; }

    /// <summary>
    /// A message from two templates in which <c>{name}</c> stands for an argument (values formatted with the invariant
    /// culture; a <see cref="Message"/> argument is filled in the template's own language).
    /// </summary>
    public static Message Of(string code, string thai, string english, params (string Name, object? Value)[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(thai);
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(arguments);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments)
        {
            values[name] = Format(value, english: true);
        }
        return new Message(code, Fill(thai, arguments, english: false), Fill(english, arguments, english: true), values, MessageKind.Plain);
    }

    /// <summary>The text in the reader's language.</summary>
    public string In(bool english) => english ? English : Thai;

    /// <summary>Thai: the language every user reads first. Logs and exceptions use <see cref="English"/>.</summary>
    public override string ToString() => Thai;

    /// <summary>This message after <paramref name="prefix"/> and a colon (a field label and what is wrong with it).</summary>
    public Message After(Message prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return new Message(Code, $"{prefix.Thai}: {Thai}", $"{prefix.English}: {English}", Arguments, Kind);
    }

    private static string Fill(string template, (string Name, object? Value)[] arguments, bool english)
    {
        if (arguments.Length == 0)
        {
            return template;
        }
        var text = new StringBuilder(template);
        foreach (var (name, value) in arguments)
        {
            text.Replace("{" + name + "}", Format(value, english));
        }
        return text.ToString();
    }

    private static string Format(object? value, bool english) => value switch
    {
        null => "–",
        Message message => message.In(english),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
