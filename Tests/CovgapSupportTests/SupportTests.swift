import Foundation
import CovgapSupport
import GDALBridge
import Synchronization
import Testing

/// The support layer's generic pieces, each against an oracle written in the test: brute force, hand-listed days, the
/// FIPS test vector.
@Suite struct SupportTests {
    /// Boxes and points from a seeded generator: `near` equals a brute-force scan, and `candidates` always holds every
    /// box that meets the query, for narrow queries (buckets) and wide ones (the scan).
    @Test(arguments: [1, 2, 3])
    func spatialIndexMatchesBruteForce(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        print("spatialIndexMatchesBruteForce seed \(seed)")
        var index = SpatialIndex<Int>(cell: 50)
        var boxes: [Envelope] = []
        for k in 0..<400 {
            let x = Double.random(in: -1000...1000, using: &g), y = Double.random(in: -1000...1000, using: &g)
            let w = k % 3 == 0 ? 0 : Double.random(in: 0...120, using: &g)
            let box = Envelope(minX: x, maxX: x + w, minY: y, maxY: y + w / 2)
            boxes.append(box)
            index.insert(k, box: box)
        }
        for _ in 0..<200 {
            let x = Double.random(in: -1100...1100, using: &g), y = Double.random(in: -1100...1100, using: &g)
            let r = [0.0, 10, 80, 3000][Int.random(in: 0..<4, using: &g)]
            let brute = boxes.indices.filter {
                x >= boxes[$0].minX - r && x <= boxes[$0].maxX + r && y >= boxes[$0].minY - r && y <= boxes[$0].maxY + r
            }
            #expect(index.near(x: x, y: y, radius: r) == brute)
            let query = Envelope(minX: x - r, maxX: x + r, minY: y - r, maxY: y + r)
            let candidates = index.candidates(query)
            #expect(Set(brute).isSubset(of: candidates) && candidates == candidates.sorted())
        }
    }

    @Test func calendarDaysAreRealDays() {
        #expect(CalendarDay(parsing: "2026-09-30")?.description == "2026-09-30")
        #expect(CalendarDay(parsing: "30/09/2026")?.description == "2026-09-30")
        #expect(CalendarDay(parsing: "1/9/2026")?.description == "2026-09-01")
        #expect(CalendarDay(parsing: "29/02/2028") != nil && CalendarDay(parsing: "29/02/2026") == nil)
        #expect(CalendarDay(parsing: "29/02/2100") == nil && CalendarDay(parsing: "29/02/2000") != nil)
        for bad in [
            "31/09/2026", "2026-13-01", "2026-00-10", "26-09-30", "2026/09/30", "2026-09-30-1", "", "quý 3",
            "٢٠٢٦-٠٩-٣٠", "2026-99999999999999999999-30", "2026--30",
        ] {
            #expect(CalendarDay(parsing: bad) == nil, "\(bad)")
        }
        #expect(CalendarDay(iso: "2026-09-30") != nil && CalendarDay(iso: "2026-9-30") == nil)
        #expect(CalendarDay(iso: "30/09/2026") == nil)
        #expect(CalendarDay(year: 2026, month: 1, day: 31)! < CalendarDay(year: 2026, month: 2, day: 1)!)
    }

    /// 2000-01-01T00:00Z is 946,684,800 s after the epoch; seven hours earlier it is already that day in Vietnam.
    @Test func todayInVietnamTurnsAtSeventeenUTC() {
        #expect(CalendarDay.today(now: Date(timeIntervalSince1970: 946_659_600)).description == "2000-01-01")
        #expect(CalendarDay.today(now: Date(timeIntervalSince1970: 946_659_599)).description == "1999-12-31")
        #expect(
            CalendarDay.today(utcOffsetSeconds: 0, now: Date(timeIntervalSince1970: 946_659_600)).description
                == "1999-12-31")
    }

    /// FIPS 180-2's test vector, SHA-256("abc"), in either case of hex; a changed byte or malformed digest never matches.
    @Test func tokenHashMatch() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(SHA256.hex(Array("abc".utf8)) == abc)
        #expect(SHA256.matches(Array("abc".utf8), hex: abc))
        #expect(SHA256.matches(Array("abc".utf8), hex: abc.uppercased()))
        #expect(!SHA256.matches(Array("abd".utf8), hex: abc))
        #expect(!SHA256.matches(Array("abc".utf8), hex: String(abc.dropLast(2))))
        #expect(!SHA256.matches(Array("abc".utf8), hex: String(abc.dropLast()) + "g"))
        #expect(!SHA256.matches(Array("abc".utf8), hex: ""))
    }

    @Test func htmlEscapesEveryMarkupCharacter() {
        #expect(
            HTML.escape("<a href=\"x\" title='y'>Tô & Hà</a>")
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tô &amp; Hà&lt;/a&gt;")
    }

    /// The two jobs really run at once: each waits (bounded) for a flag only the other sets, so run one after the
    /// other they would both time out. Errors from either side come back.
    @Test func overlapRunsBothJobsAtOnce() throws {
        let flags = Flags()
        let (a, b) = try Overlap.run(
            background: { () -> Bool in
                flags.background.store(true, ordering: .releasing)
                return Flags.wait(for: flags.foreground)
            },
            foreground: { () -> Bool in
                flags.foreground.store(true, ordering: .releasing)
                return Flags.wait(for: flags.background)
            })
        #expect(a && b)
        struct Boom: Error {}
        #expect(throws: Boom.self) { try Overlap.run(background: { throw Boom() }, foreground: { 1 }) }
        #expect(throws: Boom.self) { try Overlap.run(background: { 1 }, foreground: { throw Boom() }) }
    }

    /// Results come back in tile order whatever the thread count, and a failing tile's error is rethrown.
    @Test func parallelTilesKeepTileOrder() throws {
        for threads in [1, 2, 7] {
            let out = try ParallelTiles.run(
                tileCount: 100, threads: threads, makeWorker: { _ in () }, body: { _, t in t * t })
            #expect(out == (0..<100).map { $0 * $0 })
        }
        struct Tile13: Error {}
        #expect(throws: Tile13.self) {
            try ParallelTiles.run(
                tileCount: 50, threads: 3, makeWorker: { _ in () },
                body: { _, t in if t == 13 { throw Tile13() } else { return t } })
        }
    }
}

/// Two flags the overlap test's jobs set for each other.
final class Flags: Sendable {
    let background = Atomic<Bool>(false)
    let foreground = Atomic<Bool>(false)

    /// Spins until `flag` is set, for at most about five seconds; whether it was set.
    static func wait(for flag: borrowing Atomic<Bool>) -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if flag.load(ordering: .acquiring) { return true }
            usleep(100)
        }
        return false
    }
}

/// SplitMix64: a small seeded generator, so every random test can be replayed from the seed it prints.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
