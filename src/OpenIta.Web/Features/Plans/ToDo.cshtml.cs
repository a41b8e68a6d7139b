using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenIta.Web.Features.Plans;

/// <summary>The user's own to-do list of progress reports (issue 11, item 4), overdue ones marked.</summary>
public sealed class ToDoModel(ToDoList list) : PageModel
{
    public IReadOnlyList<ToDoRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await list.ForAsync(cancellationToken);
}
