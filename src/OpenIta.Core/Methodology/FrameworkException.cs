namespace OpenIta.Core.Methodology;

/// <summary>A framework file that cannot be loaded. Each error names the file and the field.</summary>
public sealed class FrameworkException : Exception
{
    public FrameworkException(string fileName, IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => $"{fileName}: {e}")))
    {
        FileName = fileName;
        Errors = errors;
    }

    public FrameworkException()
    {
        FileName = "";
        Errors = [];
    }

    public FrameworkException(string message) : base(message)
    {
        FileName = "";
        Errors = [message];
    }

    public FrameworkException(string message, Exception innerException) : base(message, innerException)
    {
        FileName = "";
        Errors = [message];
    }

    public string FileName { get; }
    public IReadOnlyList<string> Errors { get; }
}
