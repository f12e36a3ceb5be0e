import CGDAL

/// An owned GDAL string list (`char **` built with CSLAddString), freed with CSLDestroy in `deinit`.
final class CStringList {
    private(set) var pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    init(_ items: [String] = []) {
        for item in items { append(item) }
    }

    /// The list as `const char * const *`, for calls that only read it.
    var constPointer: UnsafePointer<UnsafePointer<CChar>?>? { pointer.map { UnsafePointer(OpaquePointer($0)) } }

    func append(_ item: String) {
        pointer = CSLAddString(pointer, item)
    }

    deinit { CSLDestroy(pointer) }
}
