using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace OpenIta.Web.Features.Import;

/// <summary>The file of an upload, or why there is none (and the status code to answer with).</summary>
public sealed record UploadResult(string? FileName, byte[]? Content, ImportError? Error, int Status)
{
    public bool Succeeded => Content is not null;
}

/// <summary>
/// Reads the file of a multipart upload (the form field <c>file</c>) without ever taking more than
/// <see cref="Sheets.MaxFileBytes"/>: a request that says it is larger is refused before its body is read; one that
/// does not say (chunked) is cut off by the form reader's limit. Pages pass their <see cref="IAntiforgery"/>, which is
/// checked here, after the size, because the automatic check would read the whole body first.
/// </summary>
public static class Upload
{
    public const string Field = "file";

    /// <summary>The file plus the multipart envelope and the form's other fields.</summary>
    public const long MaxRequestBytes = Sheets.MaxFileBytes + 64 * 1024;

    public static async Task<UploadResult> ReadAsync(HttpRequest request, IAntiforgery? antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxRequestBytes)
        {
            return TooLarge();
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }
        if (!request.HasFormContentType)
        {
            return new UploadResult(null, null, ImportError.File(
                "ส่งไฟล์แบบ multipart/form-data ในช่อง file", "Send the file as multipart/form-data, in the field 'file'."), StatusCodes.Status400BadRequest);
        }
        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = MaxRequestBytes,
                ValueCountLimit = 64,
                ValueLengthLimit = 64 * 1024,
            }));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TooLarge();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (antiforgery is not null)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(request.HttpContext);
            }
            catch (AntiforgeryValidationException)
            {
                return new UploadResult(null, null, ImportError.File(
                    "แบบฟอร์มหมดอายุ กรุณาเปิดหน้านี้ใหม่แล้วส่งไฟล์อีกครั้ง", "The form has expired: open the page again and send the file again."),
                    StatusCodes.Status400BadRequest);
            }
        }
        var file = form.Files.GetFile(Field) ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
        {
            return new UploadResult(null, null, ImportError.File("กรุณาเลือกไฟล์ที่จะนำเข้า", "Choose a file to import."), StatusCodes.Status400BadRequest);
        }
        if (file.Length > Sheets.MaxFileBytes)
        {
            return TooLarge();
        }
        if (file.Length == 0)
        {
            return new UploadResult(file.FileName, null, ImportError.File("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty."), StatusCodes.Status400BadRequest);
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        return new UploadResult(Path.GetFileName(file.FileName), content, null, StatusCodes.Status200OK);
    }

    private static UploadResult TooLarge() => new(null, null, Sheets.TooLarge, StatusCodes.Status413PayloadTooLarge);
}
