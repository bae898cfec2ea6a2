import Foundation

/// Expands the loader's paths into the files to consider, in a deterministic order.
enum SourceFiles {
    /// One file to load, with the format its extension decides (nil: decide by content).
    struct File: Equatable, Sendable {
        var path: String
        var format: SourceFormat?
        /// Why an `.unsupported` file is passed over.
        var skipReason: String?
    }

    /// Files named directly come as given; a directory gives its entries sorted by name, hidden
    /// ones left out. The same file reached twice (by two spellings of its path) is loaded once.
    static func expand(_ paths: [String]) throws(CatalogueError) -> [File] {
        var files: [File] = []
        var seen: Set<String> = []
        func add(_ file: File) {
            let canonical = URL(fileURLWithPath: file.path).standardizedFileURL.resolvingSymlinksInPath().path
            if seen.insert(canonical).inserted { files.append(file) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CatalogueError(.unreadable, "\(path): no such file or directory", source: path)
            }
            guard isDirectory.boolValue else {
                add(File(path: path, format: format(ofExtensionIn: path)))
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw CatalogueError(
                    .unreadable, "\(path): directory cannot be listed (check permissions)", source: path)
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                add(entry(name, in: path))
            }
        }
        return files
    }

    /// A directory entry: a known extension decides the format; anything else is skipped.
    private static func entry(_ name: String, in directory: String) -> File {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return File(
                path: path, format: .unsupported, skipReason: "subdirectory (directories are not searched recursively)")
        }
        guard let format = format(ofExtensionIn: path) else {
            let ext = URL(fileURLWithPath: name).pathExtension
            let what = ext.isEmpty ? "no extension" : "extension .\(ext)"
            return File(
                path: path, format: .unsupported,
                skipReason:
                    "\(what) is not a catalogue format (.txt, .jsonl, .ndjson, .xml, .rss); name the file itself to load it"
            )
        }
        return File(path: path, format: format)
    }

    private static func format(ofExtensionIn path: String) -> SourceFormat? {
        CatalogueLoader.extensions[URL(fileURLWithPath: path).pathExtension.lowercased()]
    }
}
