import Foundation

/// File-system checks for tests.
enum FileManagerProbe {
    /// True when a file or directory exists at `path`.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }
}
