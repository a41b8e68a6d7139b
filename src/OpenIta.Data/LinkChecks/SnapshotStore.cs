using System.Security.Cryptography;

namespace OpenIta.Data.LinkChecks;

/// <summary>
/// What the link checker saw, kept as fetched (an HTML page's bytes, which are its text in its charset, or the
/// document) in a folder, content-addressed by SHA-256: <c>{root}/ab/abcdef…</c>. The same content is kept once
/// however many URLs or checks lead to it, a snapshot is never rewritten (its name is its hash), and two instances
/// writing the same snapshot at once both end with the same file (each writes a temporary file and moves it into place).
/// </summary>
public sealed class SnapshotStore
{
    public SnapshotStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder, absolute.</summary>
    public string Root { get; }

    /// <summary>Whether <paramref name="sha256"/> is a snapshot's name: 64 lower-case hexadecimal digits.</summary>
    public static bool IsKey(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Where the snapshot of <paramref name="sha256"/> is (whether or not it is there).</summary>
    public string PathOf(string sha256)
    {
        if (!IsKey(sha256))
        {
            throw new ArgumentException("A snapshot is named by a SHA-256 in lower-case hexadecimal.", nameof(sha256));
        }
        return Path.Combine(Root, sha256[..2], sha256);
    }

    public bool Contains(string sha256) => IsKey(sha256) && File.Exists(PathOf(sha256));

    /// <summary>The snapshot, to read; null when this store does not have it.</summary>
    public Stream? Open(string sha256) =>
        Contains(sha256) ? new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;

    /// <summary>A new snapshot being written: write the body to it, then <see cref="Writer.CommitAsync"/> (or dispose to drop it).</summary>
    public Writer Begin()
    {
        var temporary = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(temporary);
        return new Writer(this, Path.Combine(temporary, Path.GetRandomFileName()));
    }

    /// <summary>A snapshot on its way in: a temporary file and the hash of what was written so far.</summary>
    public sealed class Writer : IAsyncDisposable
    {
        private readonly SnapshotStore _store;
        private readonly string _path;
        private readonly FileStream _file;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _committed;

        internal Writer(SnapshotStore store, string path)
        {
            _store = store;
            _path = path;
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        }

        /// <summary>Bytes written so far.</summary>
        public long Length { get; private set; }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            _hash.AppendData(bytes.Span);
            await _file.WriteAsync(bytes, cancellationToken);
            Length += bytes.Length;
        }

        /// <summary>Moves the file to its content address; returns the SHA-256 (lower-case hexadecimal).</summary>
        public async Task<string> CommitAsync(CancellationToken cancellationToken)
        {
            await _file.FlushAsync(cancellationToken);
            await _file.DisposeAsync();
            var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
            var target = _store.PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(_path); // kept already: the same bytes
            }
            else
            {
                File.Move(_path, target, overwrite: true); // a concurrent writer of the same bytes wrote the same file
            }
            _committed = true;
            return sha256;
        }

        public async ValueTask DisposeAsync()
        {
            _hash.Dispose();
            await _file.DisposeAsync();
            if (!_committed)
            {
                File.Delete(_path);
            }
        }
    }
}
