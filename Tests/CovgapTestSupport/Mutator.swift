/// Seeded byte-level mutations of valid inputs (flips, deletions, duplications, truncation, hostile bytes).
public struct Mutator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9e37_79b9_7f4a_7c15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    public static let hostile: [[UInt8]] = [
        [0x22], [0x2C], [0x0A], [0x0D, 0x0A], [0x00], [0xFF, 0xFE], [0xC3], [0xEF, 0xBB, 0xBF],
        Array("-1e308".utf8), Array("NaN".utf8), Array("{".utf8), Array("]".utf8), Array(":".utf8),
        Array("  - ".utf8), Array("\t".utf8), Array("99999999999999999999".utf8), Array("Đặc khu".utf8),
    ]

    /// 1–4 random mutations of `input`.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(4) {
            guard !b.isEmpty else {
                b = Mutator.hostile[below(Mutator.hostile.count)]
                continue
            }
            let i = below(b.count)
            switch below(6) {
            case 0: b[i] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1: b.removeSubrange(i..<min(b.count, i + 1 + below(16)))
            case 2: b.insert(contentsOf: b[i..<min(b.count, i + 1 + below(32))], at: below(b.count))
            case 3: b.insert(contentsOf: Mutator.hostile[below(Mutator.hostile.count)], at: i)
            case 4: b = Array(b.prefix(i))
            default: b[i] = UInt8(truncatingIfNeeded: next())
            }
        }
        return b
    }
}
