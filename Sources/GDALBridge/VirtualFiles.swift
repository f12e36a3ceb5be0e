import CGDAL
import Foundation

/// GDAL's in-memory files (/vsimem/), for making small images without touching the disk.
public enum VirtualFiles {
    /// The bytes of `/vsimem/…` file `path`, removing it; nil when there is no such file.
    public static func take(_ path: String) -> Data? {
        var length: vsi_l_offset = 0
        // Returns a pointer owned by GDAL (bUnlinkAndSeize = FALSE), valid until the file is unlinked.
        guard let p = VSIGetMemFileBuffer(path, &length, 0) else { return nil }
        let data = Data(bytes: p, count: Int(length))
        VSIUnlink(path)
        return data
    }
}
