using System.Runtime.InteropServices;

namespace CrmSync.Lake.Storage;

/// <summary>
/// Moves a file into place only if nothing is there, atomically. .NET's File.Move(overwrite: false) checks for the
/// target and then calls rename(2) on Unix (strace, .NET 10), so two racing writers can both "create" the same commit
/// and the second silently replaces the first. link(2) fails with EEXIST instead; on Windows File.Move is MoveFileEx
/// without replace, already atomic.
/// </summary>
internal static partial class NoReplaceMove
{
    private const int EEXIST = 17; // the same on Linux and macOS

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>, or returns false (source left in place)
    /// when the target exists.</summary>
    public static bool TryMove(string source, string target)
    {
        if (OperatingSystem.IsWindows())
            return TryFileMove(source, target);
        if (Link(source, target) == 0)
        {
            File.Delete(source);
            return true;
        }

        // Any other failure (say, a file system without hard links): File.Move's check-then-rename is all there is.
        return Marshal.GetLastPInvokeError() != EEXIST && TryFileMove(source, target);
    }

    private static bool TryFileMove(string source, string target)
    {
        try
        {
            File.Move(source, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
