/// File name extensions of formats that are never plain text: images, audio and video, archives,
/// office documents and PDF, fonts, compiled code and databases.
///
/// A walk over a real folder meets them by the thousand (a folder of scanned pages, a project's
/// icons); reading each one to find a NUL byte, and warning about it every night, would be noise.
/// Files with these extensions are passed over without being read. Anything else is read and
/// judged by its content (`DocumentDecoder`).
public enum BinaryFileTypes {
    static let extensions: Set<String> = [
        // images
        "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tif", "tiff", "psd", "heic", "heif", "avif",
        "jp2", "raw", "cr2", "nef", "dng", "xcf",
        // audio and video
        "mp3", "mp4", "m4a", "m4v", "aac", "wav", "flac", "ogg", "oga", "ogv", "opus", "wma", "avi", "mov",
        "mkv", "webm", "wmv", "flv", "mpg", "mpeg", "3gp",
        // archives and packages
        "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "zst", "lz4", "lzma", "cab", "jar", "war", "apk",
        "deb", "rpm", "dmg", "iso", "img", "msi",
        // documents that are not plain text
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub", "mobi", "azw", "azw3",
        "djvu", "rtfd", "pages", "numbers", "key",
        // fonts
        "ttf", "otf", "woff", "woff2", "eot",
        // compiled code and libraries
        "exe", "dll", "so", "dylib", "o", "a", "lib", "class", "pyc", "pyo", "wasm", "bin",
        // databases
        "sqlite", "sqlite3", "db", "mdb", "accdb",
    ]

    /// Whether the file's name says it is binary (the extension, compared case-insensitively).
    public static func isBinary(path: String) -> Bool {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let name = path.utf8[path.utf8.index(after: dot)...]
        guard name.count <= 6, !name.contains(UInt8(ascii: "/")) else { return false }
        return extensions.contains(String(decoding: name.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self))
    }
}
