/// A grid-bucket index over items with a bounding box in one planar CRS: candidates near a point in O(1) on average.
struct PointBuckets<Item> {
    private let size: Double
    private var cells: [Int64: [Int]] = [:]
    private(set) var items: [(box: (minX: Double, minY: Double, maxX: Double, maxY: Double), item: Item)] = []

    init(bucketMetres: Double) { size = bucketMetres }

    private func key(_ i: Int64, _ j: Int64) -> Int64 { i &* 73_856_093 ^ j &* 19_349_663 }

    mutating func insert(_ item: Item, minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let id = items.count
        items.append(((minX, minY, maxX, maxY), item))
        for i in Int64((minX / size).rounded(.down))...Int64((maxX / size).rounded(.down)) {
            for j in Int64((minY / size).rounded(.down))...Int64((maxY / size).rounded(.down)) {
                cells[key(i, j), default: []].append(id)
            }
        }
    }

    /// Items whose boxes come within `radius` of (x, y), each once, in insertion order.
    func near(x: Double, y: Double, radius: Double) -> [Item] {
        var ids = Set<Int>()
        for i in Int64(((x - radius) / size).rounded(.down))...Int64(((x + radius) / size).rounded(.down)) {
            for j in Int64(((y - radius) / size).rounded(.down))...Int64(((y + radius) / size).rounded(.down)) {
                for id in cells[key(i, j)] ?? [] {
                    let b = items[id].box
                    if x >= b.minX - radius, x <= b.maxX + radius, y >= b.minY - radius, y <= b.maxY + radius {
                        ids.insert(id)
                    }
                }
            }
        }
        return ids.sorted().map { items[$0].item }
    }
}
