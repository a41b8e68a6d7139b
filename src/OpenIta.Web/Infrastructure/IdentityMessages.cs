using Microsoft.AspNetCore.Identity;
using OpenIta.Core.Text;

namespace OpenIta.Web.Infrastructure;

/// <summary>ASP.NET Core Identity's refusals (a short password, a user name taken) as messages in both languages.</summary>
public static class IdentityMessages
{
    public static Message Of(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var thai = error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => "รหัสผ่านสั้นเกินไป: ต้องมีอย่างน้อย 10 ตัวอักษร",
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "รหัสผ่านต้องมีตัวเลขอย่างน้อยหนึ่งตัว",
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => "รหัสผ่านต้องมีอักษรอังกฤษตัวเล็กอย่างน้อยหนึ่งตัว",
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "รหัสผ่านต้องมีอักษรอังกฤษตัวใหญ่อย่างน้อยหนึ่งตัว",
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "รหัสผ่านต้องมีเครื่องหมายอย่างน้อยหนึ่งตัว",
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "รหัสผ่านต้องมีตัวอักษรที่ต่างกันมากกว่านี้",
            nameof(IdentityErrorDescriber.DuplicateUserName) => "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว",
            nameof(IdentityErrorDescriber.InvalidUserName) => "ชื่อผู้ใช้ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข และเครื่องหมาย - . _ @ +",
            nameof(IdentityErrorDescriber.PasswordMismatch) => "รหัสผ่านไม่ถูกต้อง",
            _ => "บันทึกผู้ใช้ไม่ได้",
        };
        return Message.Of("identity." + error.Code, thai, error.Description);
    }
}
