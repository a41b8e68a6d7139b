namespace OpenIta.Data.LinkChecks;

/// <summary>
/// The <c>Oit:LinkCheck</c> settings: how the link checker fetches the OIT evidence agencies submit (README, "Link
/// checks"). The defaults are production's; only tests set <see cref="AllowPrivateAddresses"/>.
/// </summary>
public sealed class LinkCheckOptions
{
    public const string Section = "Oit:LinkCheck";

    /// <summary>Seconds to open a connection (DNS excluded), per hop.</summary>
    public double ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds for a whole fetch: every redirect and the body.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>The largest body read (bytes, after decompression); a larger one is not kept and is flagged too large.</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How many redirects a fetch follows; one more is a failure (a loop ends here).</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>How many URLs one instance fetches at a time.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// Whether private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses may be fetched.
    /// False in production, always: the checker fetches addresses that agencies type, and must not become a way into
    /// the server's own network. Tests set it for the server they start on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// The folder snapshots are kept in, content-addressed by SHA-256 (<c>ab/abcdef…</c>); relative to the application's
    /// content root. Instances that share a database share this folder (a network volume), or each keeps what it fetched.
    /// </summary>
    public string SnapshotStore { get; set; } = "link-snapshots";

    /// <summary>Seconds a running job's lease lasts; its instance renews it every third of that. A job whose lease ran
    /// out (its instance stopped) is taken over by another instance.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Seconds between two looks at the queue when it is empty.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Hours after which a submitted set that the assessor has still to review is checked again (it is checked
    /// once right after its submission: that check is the baseline of "changed since submission").</summary>
    public double RecheckHours { get; set; } = 24;

    /// <summary>Seconds between two looks for submitted sets due a check (each instance looks; a set is queued once); 0: never.</summary>
    public double SweepSeconds { get; set; } = 60;

    /// <summary>Whether this instance runs queued checks (an instance that only serves pages may leave them to others).</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>What the checker calls itself to the sites it fetches.</summary>
    public string UserAgent { get; set; } = "OpenITA-LinkCheck/1.0 (+https://github.com/openita)";
}
