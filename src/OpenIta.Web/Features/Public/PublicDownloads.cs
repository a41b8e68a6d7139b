namespace OpenIta.Web.Features.Public;

/// <summary>The documents a public page offers: a name, an id for the row, and the address of each format and digit style.</summary>
public sealed record PublicDownloads(IReadOnlyList<(string Name, string Id, Func<string, bool, string> Path)> Documents);
