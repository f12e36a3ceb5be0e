/// The words people read for the codes of a work order (its action, item, funding route and status), in Vietnamese:
/// one place, so the QGIS legends, the carriers' page and the analysts' tables say the same thing.
public enum WorkOrderWords {
    /// What the carrier is asked to do (`action`).
    public static let actions: [String: String] = [
        "new_site": "Xây trạm mới", "extend": "Mở rộng vùng phủ", "colocate": "Dùng chung trạm",
        "roaming": "Chuyển vùng (roaming)",
    ]

    /// What the order comes from (`item_kind`).
    public static let itemKinds: [String: String] = [
        "dead_zone": "Vùng lõm sóng", "village": "Thôn/bản trắng hoặc yếu sóng",
        "review": "Dòng rà soát của tỉnh",
        "shared_mast": "Trạm dùng chung đề xuất",
    ]

    /// Who pays (`funding`, DOMAIN.md's routes).
    public static let fundings: [String: String] = [
        "public_fund": "Quỹ Dịch vụ viễn thông công ích", "carrier": "Nhà mạng tự đầu tư",
        "power_first": "Cần đưa điện lưới đến trước",
    ]

    /// Where the order stands (`status`): `open` until the carrier reports otherwise.
    public static let statuses: [String: String] = [
        "open": "Chưa thực hiện", "in_progress": "Đang triển khai", "on_air": "Đã phát sóng",
        "disputed": "Nhà mạng có ý kiến",
    ]

    /// The words for `code` in `table`, or the code itself when the table does not know it.
    public static func words(_ code: String, in table: [String: String]) -> String { table[code] ?? code }
}
